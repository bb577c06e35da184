import type { LinkFailure, PlayableTrack } from '@accord/core';
import type { FilterOptions, TrackEndReason } from 'shoukaku';

/** What a Lavalink `loadtracks` call found, in Accord's terms. */
export type LoadResult =
  | { type: 'track'; track: PlayableTrack }
  | { type: 'playlist'; name: string; selectedIndex: number; tracks: PlayableTrack[] }
  | { type: 'search'; tracks: PlayableTrack[] }
  | { type: 'empty' }
  | {
      type: 'error';
      message: string;
      severity: 'common' | 'suspicious' | 'fault';
      /** What lavaplayer's chain says went wrong, for a direct link. */
      link: LinkFailure;
    };

/** Lavalink search prefixes: YouTube Music first for songs, YouTube for everything else; SoundCloud and Bandcamp for fallbacks. */
export type SearchEngine = 'ytmsearch' | 'ytsearch' | 'scsearch' | 'bcsearch';

/** Lavalink's filter chain, as the player PATCH takes it (empty: none, Opus passthrough kept). */
export type { FilterOptions as LavalinkFilters } from 'shoukaku';

export type { TrackEndReason as LavalinkEndReason } from 'shoukaku';

export type LavalinkNodeState = 'connecting' | 'connected' | 'disconnecting' | 'disconnected' | 'gave-up';

export interface LavalinkNodeStatus {
  name: string;
  state: LavalinkNodeState;
  players: number;
  playingPlayers: number;
  cpuLoad?: number;
}

/** What playback hears from its players; set once by playback. */
export interface PlayerEventListener {
  onTrackStart(guildId: string): void;
  onTrackEnd(guildId: string, reason: TrackEndReason): void;
  onTrackException(guildId: string, message: string): void;
  onTrackStuck(guildId: string): void;
  onVoiceClosed(guildId: string, code: number): void;
  onPosition(guildId: string, positionMs: number): void;
  /** A node is ready; `resumed` when Lavalink kept our session (and players) across a restart. */
  onNodeReady(node: string, resumed: boolean): void;
  /**
   * A node closed with these guilds' players on it: their audio stopped now (called before they
   * are moved to another node or restored on this one).
   */
  onNodeLost(guildIds: string[]): void;
  /** A node was lost and these guilds' players could not be moved to another node. */
  onPlayersStranded(guildIds: string[]): void;
  /** Playback's best estimate of where a guild's track is now (Lavalink's last update may be old). */
  positionOf(guildId: string): number | undefined;
}

/** The state of a player as Lavalink itself holds it. */
export interface RemotePlayerState {
  /**
   * The track as Lavalink encodes it now. Lavaplayer writes the playhead into the encoding, so a
   * track that has been playing no longer has the encoding it was sent with: compare `identifier`.
   */
  encoded: string | null;
  /** The track's identifier (a YouTube id, a link), the same however far it has played. */
  identifier?: string | null;
  positionMs: number;
  paused: boolean;
  volume: number;
}

export interface StartOptions {
  startMs?: number;
  paused?: boolean;
  volume?: number;
  filters?: FilterOptions;
}
