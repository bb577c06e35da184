export type PlaySourceName = 'request' | 'autoplay' | 'discovery' | 'import';
export type TrackEndReasonName = 'finished' | 'skipped' | 'stopped' | 'error' | 'replaced';

/** One stored play, as `GET /api/v1/guilds/:guildId/history` lists it. */
export interface PlayDto {
  id: string;
  trackKey: string;
  artistKey: string;
  title: string;
  artist: string;
  youtubeId: string | null;
  durationMs: number;
  startedAt: string;
  /** Null while it plays (or when the bot stopped before it ended). */
  endedAt: string | null;
  playedMs: number;
  endReason: TrackEndReasonName | null;
  source: PlaySourceName;
  requestedBy: string | null;
  listeners: string[];
  skippedBy: string | null;
  likes: number;
  dislikes: number;
}

/** `GET /api/v1/guilds/:guildId/history`: `limit` 1-100 (more is served as 100); `before` pages back. */
export interface HistoryQuery {
  limit?: number;
  /** ISO time: only plays that started before it (pass the last page's `nextBefore`). */
  before?: string;
  userId?: string;
  trackKey?: string;
  source?: PlaySourceName;
  endReason?: TrackEndReasonName;
}

export interface HistoryPageDto {
  plays: PlayDto[];
  /** `before` for the next (older) page, or null when this page is the last. */
  nextBefore: string | null;
}
