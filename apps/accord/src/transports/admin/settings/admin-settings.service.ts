import { Injectable } from '@nestjs/common';
import type { GuildSettingsDto, GuildSettingsPatch } from '@accord/contracts';
import { GuildDirectory } from '../../../adapters/discord-client/guild-directory.adapter';
import { GuildSettingsService } from '../../../domain/guilds/guild-settings.service';
import { PlaybackService } from '../../../domain/playback/playback.service';
import { AdminError, AdminErrorCode } from '@accord/core';
import { AdminApiMapper } from '../admin-api.mapper';

/**
 * Guild settings from the panel. Ids must name a role or text channel of that guild; 24/7 goes
 * through playback so that a live session follows it at once.
 */
@Injectable()
export class AdminSettingsService {
  constructor(
    private readonly settings: GuildSettingsService,
    private readonly playback: PlaybackService,
    private readonly directory: GuildDirectory,
  ) {}

  async get(guildId: string): Promise<GuildSettingsDto> {
    return AdminApiMapper.settings(await this.settings.get(guildId));
  }

  async update(guildId: string, patch: GuildSettingsPatch): Promise<GuildSettingsDto> {
    this.checkReferences(guildId, patch);
    const { twentyFourSeven, ...rest } = patch;
    if (Object.keys(rest).length > 0) await this.settings.update(guildId, rest);
    if (twentyFourSeven !== undefined) await this.playback.set247(guildId, twentyFourSeven);
    return this.get(guildId);
  }

  /** A role or channel deleted in Discord (or never there) is refused; null clears. */
  private checkReferences(guildId: string, patch: GuildSettingsPatch): void {
    if (patch.djRoleId && !this.directory.hasRole(guildId, patch.djRoleId)) {
      throw new AdminError(
        AdminErrorCode.InvalidSetting,
        'The DJ role is not a role of this server (it may have been deleted in Discord): choose another role or none.',
        'djRoleId',
      );
    }
    if (patch.announceChannelId && !this.directory.canPostIn(guildId, patch.announceChannelId)) {
      throw new AdminError(
        AdminErrorCode.InvalidSetting,
        'The announce channel is not a text channel of this server the bot can post in (it may have been deleted in Discord): choose another channel or none.',
        'announceChannelId',
      );
    }
  }
}
