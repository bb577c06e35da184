import { Injectable } from '@nestjs/common';
import { LavalinkConnectionService } from './lavalink-connection.service';

/** The parts of a Lavalink `stats` message the panel shows beyond `LavalinkService.nodes()`. */
export interface NodeStatsDetail {
  cpu: { lavalinkLoad: number; systemLoad: number; cores: number } | null;
  memory: { usedBytes: number; allocatedBytes: number } | null;
  frameStats: { sent: number; nulled: number; deficit: number } | null;
  uptimeMs: number | null;
}

const NONE: NodeStatsDetail = { cpu: null, memory: null, frameStats: null, uptimeMs: null };

/**
 * Reads the last `stats` message each node sent (memory, frame stats, uptime), which
 * `LavalinkService.nodes()` does not expose yet. It only reads what the playback adapter already
 * holds; once `nodes()` carries these fields this reader goes away.
 */
@Injectable()
export class LavalinkStatsReader {
  constructor(private readonly connection: LavalinkConnectionService) {}

  detail(name: string): NodeStatsDetail {
    const stats = this.connection.nodeStats(name);
    if (!stats) return NONE;
    return {
      cpu: { lavalinkLoad: stats.cpu.lavalinkLoad, systemLoad: stats.cpu.systemLoad, cores: stats.cpu.cores },
      memory: { usedBytes: stats.memory.used, allocatedBytes: stats.memory.allocated },
      frameStats: stats.frameStats
        ? { sent: stats.frameStats.sent, nulled: stats.frameStats.nulled, deficit: stats.frameStats.deficit }
        : null,
      uptimeMs: stats.uptime,
    };
  }
}
