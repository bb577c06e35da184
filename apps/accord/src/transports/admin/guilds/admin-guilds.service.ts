import { Inject, Injectable } from '@nestjs/common';
import type { Client } from 'discord.js';
import type { GuildSummaryDto, ListenerDto, PlayerStateDto, QueuePageDto } from '@accord/contracts';
import { DISCORD_CLIENT } from '../../../adapters/discord-client/discord-client.provider';
import { GuildSettingsService } from '../../../domain/guilds/guild-settings.service';
import { PlaybackService } from '../../../domain/playback/playback.service';
import { GuildAccessService } from '../access/guild-access.service';
import { AdminApiMapper } from '../admin-api.mapper';
import type { AdminSession } from '../auth/admin-session.types';

const DEFAULT_PAGE_SIZE = 25;

/** What the panel reads about guilds: the list, each player, its queue and its listeners. */
@Injectable()
export class AdminGuildsService {
  constructor(
    private readonly access: GuildAccessService,
    private readonly playback: PlaybackService,
    private readonly settings: GuildSettingsService,
    @Inject(DISCORD_CLIENT) private readonly client: Client,
  ) {}

  async list(session: AdminSession): Promise<GuildSummaryDto[]> {
    const guilds = await this.access.accessibleGuilds(session);
    return guilds.map(({ guild, level }) => {
      const snapshot = this.playback.snapshot(guild.id);
      return {
        id: guild.id,
        name: guild.name,
        iconUrl: guild.iconURL({ size: 128 }),
        access: level,
        playing: Boolean(snapshot?.current && !snapshot.current.paused),
        listenerCount: snapshot?.listeners.length ?? 0,
      };
    });
  }

  async player(guildId: string): Promise<PlayerStateDto> {
    return AdminApiMapper.playerState(guildId, this.playback.snapshot(guildId), await this.settings.get(guildId));
  }

  queue(guildId: string, offset = 0, limit = DEFAULT_PAGE_SIZE): QueuePageDto {
    const queue = this.playback.snapshot(guildId)?.queue ?? [];
    return {
      guildId,
      total: queue.length,
      offset,
      limit,
      items: queue
        .slice(offset, offset + limit)
        .map((entry, index) => AdminApiMapper.queueEntry(entry, offset + index + 1)),
    };
  }

  listeners(guildId: string): ListenerDto[] {
    const guild = this.client.guilds.cache.get(guildId);
    const ids = this.playback.snapshot(guildId)?.listeners ?? [];
    return ids.map((id) => AdminApiMapper.listener(id, guild, this.client.users.cache.get(id)));
  }
}
