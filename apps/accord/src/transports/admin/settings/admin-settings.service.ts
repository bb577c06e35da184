import { Inject, Injectable } from '@nestjs/common';
import type { Client, Guild } from 'discord.js';
import type { GuildSettingsDto, GuildSettingsPatch } from '@accord/contracts';
import { DISCORD_CLIENT } from '../../../adapters/discord-client/discord-client.provider';
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
    @Inject(DISCORD_CLIENT) private readonly client: Client,
  ) {}

  async get(guildId: string): Promise<GuildSettingsDto> {
    return AdminApiMapper.settings(await this.settings.get(guildId));
  }

  async update(guildId: string, patch: GuildSettingsPatch): Promise<GuildSettingsDto> {
    const guild = this.client.guilds.cache.get(guildId);
    if (guild) this.checkReferences(guild, patch);
    const { twentyFourSeven, ...rest } = patch;
    if (Object.keys(rest).length > 0) await this.settings.update(guildId, rest);
    if (twentyFourSeven !== undefined) await this.playback.set247(guildId, twentyFourSeven);
    return this.get(guildId);
  }

  private checkReferences(guild: Guild, patch: GuildSettingsPatch): void {
    if (patch.djRoleId && !guild.roles.cache.has(patch.djRoleId)) {
      throw new AdminError(AdminErrorCode.InvalidSetting, 'djRoleId is not a role of this server.', 'djRoleId');
    }
    if (patch.announceChannelId) {
      const channel = guild.channels.cache.get(patch.announceChannelId);
      if (!channel?.isTextBased()) {
        throw new AdminError(
          AdminErrorCode.InvalidSetting,
          'announceChannelId is not a text channel of this server.',
          'announceChannelId',
        );
      }
    }
  }
}
