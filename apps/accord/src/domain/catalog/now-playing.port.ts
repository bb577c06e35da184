import type { PlayableTrack } from '../playback/playback.types';

/**
 * What /fix needs from playback: the song playing now in a guild, and a way to swap it for its
 * re-pinned video. Playback provides it anywhere in the app under this token, for instance
 * `{ provide: NOW_PLAYING_LOOKUP, useExisting: PlaybackService }` in PlaybackModule (which imports
 * CatalogModule); the catalog looks it up lazily, so there is no import cycle, and /fix with a
 * query works without it.
 */
export interface NowPlayingLookup {
  current(guildId: string): PlayableTrack | null;
  replaceCurrent(guildId: string, track: PlayableTrack): Promise<void>;
}

export const NOW_PLAYING_LOOKUP = Symbol('NOW_PLAYING_LOOKUP');
