import type { PlaySource } from './domain-events';
import type { PickReason } from './pick-reason';

/**
 * Playback shapes that cross the app's rings (playback, guild sessions, the catalog, the adapters):
 * what a player plays, a queue entry, loop modes and filter presets, and what outside catalogs answer.
 */

export const LOOP_MODES = ['off', 'track', 'queue'] as const;
export type LoopMode = (typeof LOOP_MODES)[number];

export const FILTER_PRESETS = ['nightcore', 'vaporwave', 'bassboost', '8d', 'karaoke', 'lowpass'] as const;
export type FilterPreset = (typeof FILTER_PRESETS)[number];

/** One entry in a guild's queue. `id` stays the same while the entry moves around. */
export interface QueueEntry {
  id: string;
  track: PlayableTrack;
  requestedBy?: string;
  source: PlaySource;
  /** Why autoplay picked it, in English (the logs, the panel). */
  reason?: string;
  /** The same as data, for the now-playing message and /why to word in the reader's language. */
  because?: PickReason;
  addedAt: Date;
}

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

/** Song metadata from Spotify or Deezer, before it is matched to a YouTube video. */
export interface SourceTrack {
  /** The source's own id (Spotify track id, Deezer track id). */
  sourceId: string;
  artist: string;
  title: string;
  durationMs: number;
  isrc?: string;
  artworkUrl?: string;
}

export interface SourceCollection {
  name: string;
  tracks: SourceTrack[];
  /** How many tracks the source has in all (may exceed `tracks.length`). */
  total: number;
}

/** What an external metadata source answered. `unavailable` means down, slow or unconfigured. */
export type SourceAnswer<T> =
  { ok: true; value: T } | { ok: false; reason: 'not-found' | 'unavailable' | 'unconfigured'; detail?: string };
