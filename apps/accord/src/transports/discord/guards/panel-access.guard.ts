import { Inject, Injectable } from '@nestjs/common';
import { PlaybackErrorCode } from '@accord/core';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { phrase } from '../i18n/phrase';
import type { InteractionGuard } from './interaction-guard';
import { VoiceContextReader, type GuardedInteraction } from './voice-context';
import { GUARD_PASSED, OUTSIDE_GUILD, refuse, type GuardResult } from './voice-rules';

/** Opening the panel from Discord (`/panel`): a bot owner (OWNER_IDS) or a member with Manage Server. */
@Injectable()
export class PanelAccessGuard implements InteractionGuard {
  constructor(
    private readonly voice: VoiceContextReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  check(interaction: GuardedInteraction): Promise<GuardResult> {
    if (this.config.discord.ownerIds.includes(interaction.user.id)) return Promise.resolve(GUARD_PASSED);
    const context = this.voice.read(interaction);
    if (!context) return Promise.resolve(OUTSIDE_GUILD);
    if (context.canManageGuild) return Promise.resolve(GUARD_PASSED);
    return Promise.resolve(refuse(PlaybackErrorCode.NotPermitted, phrase('errors:guards.panelAccess')));
  }
}
