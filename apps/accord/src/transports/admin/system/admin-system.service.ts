import { Inject, Injectable } from '@nestjs/common';
import type { Client } from 'discord.js';
import type { LavalinkNodeDto, LogEntryDto, LogLevelName, LogQuery, SystemStatusDto } from '@accord/contracts';
import { DISCORD_CLIENT } from '../../../adapters/discord-client/discord-client.provider';
import { SystemStatusService } from '../../../domain/health/system-status.service';
import { LogRing } from '../../../logging/log-ring';
import { PlaybackService } from '../../../domain/playback/playback.service';
import { AdminApiMapper } from '../admin-api.mapper';
import { LiveClientRegistry } from '../live/live-client.registry';
import { LavalinkStatsReader } from '../../../adapters/lavalink/lavalink-stats.reader';

const SEVERITY: Record<LogLevelName, number> = { error: 0, warn: 1, info: 2, debug: 3, verbose: 4 };
const DEFAULT_LOG_PAGE = 200;

/** What owners see about the process: Lavalink nodes, recent logs, connection latencies. */
@Injectable()
export class AdminSystemService {
  constructor(
    private readonly live: LiveClientRegistry,
    private readonly status: SystemStatusService,
    private readonly playback: PlaybackService,
    private readonly stats: LavalinkStatsReader,
    private readonly ring: LogRing,
    @Inject(DISCORD_CLIENT) private readonly client: Client,
  ) {}

  nodes(): LavalinkNodeDto[] {
    const players = this.playback.activeGuilds().flatMap((guildId) => {
      const snapshot = this.playback.snapshot(guildId);
      return snapshot?.node
        ? [
            {
              node: snapshot.node,
              guildId,
              playing: Boolean(snapshot.current && !snapshot.current.paused),
              transcoding: snapshot.transcoding,
            },
          ]
        : [];
    });
    return this.status.lavalinkNodes().map((node) => {
      const guilds = players
        .filter((player) => player.node === node.name)
        .map(({ guildId, playing, transcoding }) => ({ guildId, playing, transcoding }));
      const transcodingPlayers = guilds.filter((player) => player.transcoding).length;
      return {
        name: node.name,
        state: node.state,
        players: node.players,
        playingPlayers: node.playingPlayers,
        ...this.stats.detail(node.name),
        guilds,
        passthroughPlayers: guilds.length - transcodingPlayers,
        transcodingPlayers,
      };
    });
  }

  /** Recent log entries, oldest first, filtered; the newest `limit` of those that match. */
  logs(query: LogQuery): LogEntryDto[] {
    const maxSeverity = query.level ? SEVERITY[query.level] : SEVERITY.verbose;
    const search = query.search?.toLowerCase();
    const matching = this.ring.recent(query.afterSeq ?? 0).filter((entry) => {
      const severity = SEVERITY[entry.level as LogLevelName] ?? SEVERITY.verbose;
      if (severity > maxSeverity) return false;
      if (query.context && entry.context !== query.context) return false;
      return !search || entry.message.toLowerCase().includes(search);
    });
    return matching.slice(-(query.limit ?? DEFAULT_LOG_PAGE)).map((entry) => AdminApiMapper.logEntry(entry));
  }

  async system(): Promise<SystemStatusDto> {
    const latency = await this.status.latency();
    const memory = process.memoryUsage();
    return {
      uptimeS: Math.round(process.uptime()),
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      discord: {
        ready: this.status.discordReady(),
        gatewayPingMs: latency.gatewayMs,
        guilds: this.client.guilds.cache.size,
      },
      databasePingMs: latency.databaseMs,
      lavalink: latency.lavalink.map(({ name, ms }) => ({ name, pingMs: ms })),
      activePlayers: this.playback.activeGuilds().length,
      liveClients: this.live.count(),
    };
  }
}
