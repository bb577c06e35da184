/** A Lavalink node as the owner's panel shows it (`GET /api/v1/nodes`). */
export interface LavalinkNodeDto {
  name: string;
  state: 'connecting' | 'connected' | 'disconnecting' | 'disconnected' | 'gave-up';
  players: number;
  playingPlayers: number;
  /** Lavalink's own CPU share and the host's, 0-1 (null before the node's first stats). */
  cpu: { lavalinkLoad: number; systemLoad: number; cores: number } | null;
  memory: { usedBytes: number; allocatedBytes: number } | null;
  /** Audio frames per minute: `deficit` and `nulled` above 0 mean stutter. Null when nothing plays. */
  frameStats: { sent: number; nulled: number; deficit: number } | null;
  uptimeMs: number | null;
  /** Accord's players on this node. */
  guilds: LavalinkPlayerDto[];
  /** How many of them stream Opus untouched vs. decode and re-encode (volume or filters). */
  passthroughPlayers: number;
  transcodingPlayers: number;
}

export interface LavalinkPlayerDto {
  guildId: string;
  playing: boolean;
  transcoding: boolean;
}

export type LogLevelName = 'error' | 'warn' | 'info' | 'debug' | 'verbose';

/** One log line (already redacted). */
export interface LogEntryDto {
  seq: number;
  at: string;
  level: string;
  context: string | null;
  correlationId: string | null;
  message: string;
  meta: Record<string, unknown> | null;
}

/** `GET /api/v1/logs`: `level` is the least severe level shown; `limit` above 500 is served as 500. */
export interface LogQuery {
  level?: LogLevelName;
  context?: string;
  search?: string;
  afterSeq?: number;
  limit?: number;
}

/** `GET /api/v1/system` (owners). */
export interface SystemStatusDto {
  uptimeS: number;
  rssBytes: number;
  heapUsedBytes: number;
  discord: { ready: boolean; gatewayPingMs: number | null; guilds: number };
  databasePingMs: number | null;
  lavalink: Array<{ name: string; pingMs: number | null }>;
  activePlayers: number;
  liveClients: number;
}
