import { Injectable } from '@nestjs/common';
import { DatabaseService } from '../../adapters/database/database.service';
import { DiscordGatewayService } from '../../adapters/discord-client/discord-gateway.service';
import { LavalinkService, type LavalinkNodeStatus } from '../../adapters/lavalink/lavalink.service';
import type { SourceHealthReport } from './source-health';
import { SourceHealthService } from './source-health.service';

export interface LatencyReport {
  gatewayMs: number | null;
  databaseMs: number | null;
  lavalink: Array<{ name: string; ms: number | null }>;
}

/** What the bot knows about the health of its connections, for /ping and the health endpoint. */
@Injectable()
export class SystemStatusService {
  constructor(
    private readonly gateway: DiscordGatewayService,
    private readonly lavalink: LavalinkService,
    private readonly database: DatabaseService,
    private readonly sources: SourceHealthService,
  ) {}

  async latency(): Promise<LatencyReport> {
    const [lavalink, databaseMs] = await Promise.all([
      this.lavalink.latencies(),
      this.database.ping(2_000).catch(() => null),
    ]);
    return { gatewayMs: this.gateway.ping(), databaseMs, lavalink };
  }

  discordReady(): boolean {
    return this.gateway.isReady();
  }

  /** Why Discord is not up, in words for the health check; null when the gateway is ready. */
  discordProblem(): string | null {
    if (this.gateway.isReady()) return null;
    const state = this.gateway.loginState();
    if (state.phase !== 'connecting') return 'not connected to the gateway';
    if (!state.lastError) return 'connecting to Discord';
    const next =
      state.nextAttemptAt === null
        ? ''
        : `, next attempt in ${Math.max(0, Math.ceil((state.nextAttemptAt - Date.now()) / 1_000))} s`;
    return `connecting to Discord (attempt ${state.attempt} failed: ${state.lastError}${next})`;
  }

  lavalinkNodes(): LavalinkNodeStatus[] {
    return this.lavalink.nodes();
  }

  databasePing(timeoutMs: number): Promise<number> {
    return this.database.ping(timeoutMs);
  }

  /** Whether YouTube plays, from its recent loads and plays: `degraded` after a YouTube-side change. */
  youtube(): SourceHealthReport {
    return this.sources.youtube();
  }
}
