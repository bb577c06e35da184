import type { ListenerDto } from './guild.contract';
import type { NowPlayingDto, PlayerStateDto, QueueEntryDto, TrackDto } from './player.contract';
import type { LavalinkNodeDto, LogEntryDto } from './system.contract';

/**
 * The live WebSocket at `/api/v1/ws` (same session cookie as the REST API). Every frame is JSON
 * `{ event, data }`. Clients subscribe to channels: `guild:<id>` (guilds they may manage) and
 * `owner` (bot owners: logs and node stats).
 */
export type LiveChannel = `guild:${string}` | 'owner';

/** Frames the client sends. */
export type LiveClientMessage =
  | { event: 'subscribe'; data: { channel: LiveChannel } }
  | { event: 'unsubscribe'; data: { channel: LiveChannel } }
  | { event: 'ping'; data?: unknown };

/** How many queue entries a `queue` frame carries at most (the REST queue pages through the rest). */
export const LIVE_QUEUE_HEAD = 50;

/** Frames the server sends. */
export type LiveServerMessage =
  | { event: 'subscribed'; data: { channel: LiveChannel } }
  | { event: 'unsubscribed'; data: { channel: LiveChannel } }
  | { event: 'pong'; data: { at: string } }
  | { event: 'error'; data: { code: string; message: string; channel?: string } }
  /** Every second while something plays, and at once on a change of track, pause or seek. */
  | { event: 'nowPlaying'; data: { guildId: string; nowPlaying: NowPlayingDto | null } }
  /** On any change of the player (volume, filter, loop, pause, track, end of session). */
  | { event: 'player'; data: PlayerStateDto }
  | { event: 'queue'; data: { guildId: string; total: number; head: QueueEntryDto[] } }
  | { event: 'listeners'; data: { guildId: string; listeners: ListenerDto[] } }
  /** A track autoplay chose, with its explanation. */
  | {
      event: 'autoplay';
      data: {
        guildId: string;
        track: Pick<TrackDto, 'title' | 'author' | 'durationMs'>;
        source: 'autoplay' | 'discovery';
        reason: string | null;
        at: string;
      };
    }
  /** On `owner`: a song now plays another video, for every guild (chosen on /fix or the panel, or after a failed load). */
  | {
      event: 'trackRepinned';
      data: {
        trackId: string;
        key: string;
        previousYoutubeId: string;
        youtubeId: string;
        by: 'auto' | 'user';
        at: string;
      };
    }
  | { event: 'log'; data: LogEntryDto }
  /** Every 5 seconds on `owner`. */
  | { event: 'nodes'; data: LavalinkNodeDto[] };

export type LiveEventName = LiveServerMessage['event'];

/** Close codes the server uses besides the standard ones. */
export const LIVE_CLOSE = {
  /** The client read too slowly: its send buffer passed the limit. Reconnect. */
  TooSlow: 1013,
  /** The session ended (logout or expiry). Sign in again. */
  SessionEnded: 4001,
  /** The user lost access to a channel the socket watched (a role, the owner list, the bot left the server). */
  AccessLost: 4003,
} as const;
