import type { PlaySource } from '@accord/core';

export const LOOP_MODES = ['off', 'track', 'queue'] as const;
export type LoopMode = (typeof LOOP_MODES)[number];

export const FILTER_PRESETS = ['nightcore', 'vaporwave', 'bassboost', '8d', 'karaoke', 'lowpass'] as const;
export type FilterPreset = (typeof FILTER_PRESETS)[number];

/** The most tracks one guild's queue holds; more are refused with a clear message. */
export const MAX_QUEUE_LENGTH = 5_000;

/**
 * A track as playback needs it. `encoded` is Lavalink's opaque track; it is absent for entries
 * queued from metadata alone (a Spotify playlist, an autoplay pick), which the look-ahead resolves
 * from `query` before they are due.
 */
export interface PlayableTrack {
  encoded?: string;
  /** YouTube video id (or the source's identifier). */
  identifier?: string;
  title: string;
  author: string;
  uri?: string;
  artworkUrl?: string;
  durationMs: number;
  isStream: boolean;
  isSeekable: boolean;
  sourceName?: string;
  /** The catalog's canonical key, when the track has been identified. */
  trackKey?: string;
  /** What to search for when `encoded` is missing. */
  query?: string;
}

/** One entry in a guild's queue. `id` stays the same while the entry moves around. */
export interface QueueEntry {
  id: string;
  track: PlayableTrack;
  requestedBy?: string;
  source: PlaySource;
  /** Why autoplay picked it (shown in the now-playing message and /why). */
  reason?: string;
  addedAt: Date;
}

export interface NowPlaying {
  entry: QueueEntry;
  positionMs: number;
  paused: boolean;
  startedAt: Date;
}

/** Everything a presenter or the API needs to show a guild's playback. */
export interface SessionSnapshot {
  guildId: string;
  voiceChannelId: string;
  textChannelId: string;
  current: NowPlaying | null;
  queue: QueueEntry[];
  loop: LoopMode;
  /** The user's scale, 0-150; 100 keeps Opus passthrough. */
  volume: number;
  filter: FilterPreset | null;
  twentyFourSeven: boolean;
  /** Users in the bot's voice channel who can hear (not bots, not deafened). */
  listeners: string[];
  /** True when volume or filters make Lavalink decode and re-encode the audio. */
  transcoding: boolean;
  /** The Lavalink node the player is on, if connected. */
  node: string | null;
}

/** Who asked, and from where: enough for playback to join the right channel. */
export interface PlaybackRequester {
  guildId: string;
  userId: string;
  /** The requester's voice channel, if they are in one. */
  voiceChannelId: string | null;
  textChannelId: string;
}

export interface EnqueueResult {
  added: QueueEntry[];
  /** 1-based queue position of the first added entry (0 when it started playing at once). */
  firstPosition: number;
  startedPlaying: boolean;
  /** Entries not added because the queue is full. */
  refused: number;
}
