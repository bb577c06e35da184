import type { PlayableTrack } from '@accord/core';

/** What a Lavalink `loadtracks` call found, in Accord's terms. */
export type LoadResult =
  | { type: 'track'; track: PlayableTrack }
  | { type: 'playlist'; name: string; selectedIndex: number; tracks: PlayableTrack[] }
  | { type: 'search'; tracks: PlayableTrack[] }
  | { type: 'empty' }
  | { type: 'error'; message: string; severity: 'common' | 'suspicious' | 'fault' };

/** Lavalink search prefixes: YouTube Music first for songs, YouTube for everything else. */
export type SearchEngine = 'ytmsearch' | 'ytsearch' | 'scsearch';

/** Lavalink's filter chain, as the player PATCH takes it (empty: none, Opus passthrough kept). */
export type { FilterOptions as LavalinkFilters } from 'shoukaku';
