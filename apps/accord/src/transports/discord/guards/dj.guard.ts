import { Injectable } from '@nestjs/common';
import { GuildSettingsService } from '../../../domain/guilds/guild-settings.service';
import type { InteractionGuard } from './interaction-guard';
import { VoiceContextReader, type GuardedInteraction } from './voice-context';
import { OUTSIDE_GUILD, requireDj, type GuardResult } from './voice-rules';

/** The guild's DJ role, Manage Server, or being alone with the bot among the listeners. */
@Injectable()
export class DjGuard implements InteractionGuard {
  constructor(
    private readonly voice: VoiceContextReader,
    private readonly settings: GuildSettingsService,
  ) {}

  async check(interaction: GuardedInteraction): Promise<GuardResult> {
    const context = this.voice.read(interaction);
    if (!context) return OUTSIDE_GUILD;
    // Cheap rules first: no settings read for admins or someone alone with the bot.
    const quick = requireDj(context, null);
    if (quick.ok) return quick;
    const { djRoleId } = await this.settings.get(context.guildId);
    return requireDj(context, djRoleId);
  }
}
