import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { GuildSettingsService } from '../../../domain/guilds/guild-settings.service';
import type { InteractionGuard } from './interaction-guard';
import { VoiceContextReader, type GuardedInteraction } from './voice-context';
import { GUARD_PASSED, OUTSIDE_GUILD, requireCatalogEditor, type GuardResult } from './voice-rules';

/**
 * Changes that reach every server (re-pinning a song's video): a bot owner (OWNER_IDS), Manage
 * Server, or the guild's DJ role. Being alone with the bot is not enough, unlike the DJ guard.
 */
@Injectable()
export class CatalogEditorGuard implements InteractionGuard {
  constructor(
    private readonly voice: VoiceContextReader,
    private readonly settings: GuildSettingsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async check(interaction: GuardedInteraction): Promise<GuardResult> {
    if (this.config.discord.ownerIds.includes(interaction.user.id)) return GUARD_PASSED;
    const context = this.voice.read(interaction);
    if (!context) return OUTSIDE_GUILD;
    if (context.canManageGuild) return GUARD_PASSED;
    const { djRoleId } = await this.settings.get(context.guildId);
    return requireCatalogEditor(context, djRoleId);
  }
}
