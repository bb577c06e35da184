import type { PlayableTrack } from '@accord/core';

/**
 * How playback turns a queue entry that has only metadata into a playable Lavalink track, and
 * reports a pinned video that failed. The catalog provides it under `TRACK_RESOLVER`; playback
 * depends on this narrow port rather than on the whole catalog service.
 */
export interface TrackResolverPort {
  resolveForPlayback(track: PlayableTrack): Promise<PlayableTrack | null>;
  reportLoadFailure(track: PlayableTrack, message: string): Promise<PlayableTrack | null>;
}

export const TRACK_RESOLVER = Symbol('TRACK_RESOLVER');
