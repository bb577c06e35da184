import type { Track } from 'shoukaku';
import type { PlayableTrack } from '@accord/core';

/** Lavalink's track as Accord's `PlayableTrack` (the rest of the app never sees shoukaku types). */
export function toPlayableTrack(track: Track): PlayableTrack {
  const { info } = track;
  return {
    encoded: track.encoded,
    identifier: info.identifier,
    title: info.title,
    author: info.author,
    uri: info.uri,
    artworkUrl: info.artworkUrl ?? undefined,
    durationMs: info.isStream ? 0 : info.length,
    isStream: info.isStream,
    isSeekable: info.isSeekable,
    sourceName: info.sourceName,
  };
}
