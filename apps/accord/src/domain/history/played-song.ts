import type { KeyRename, PlayedTrackRef } from '@accord/core';
import { parseTitle, parseTrackKey, trackKey as keyOf } from '@accord/track-identity';

/** A played track as history keeps it: canonical keys plus display names. */
export interface PlayedSong {
  trackKey: string;
  artistKey: string;
  artistName: string;
  title: string;
}

/**
 * Keys and names of a played track. The catalog's key wins when playback knows it; otherwise the
 * key is derived from the video's title and channel the same way the catalog would. The artist key
 * is the key's first part, so a track and its artist always agree.
 */
export function identifyPlayed(track: Pick<PlayedTrackRef, 'trackKey' | 'title' | 'author'>): PlayedSong {
  const parsed = parseTitle({ title: track.title, author: track.author });
  const trackKey = track.trackKey ?? keyOf(parsed);
  return {
    trackKey,
    artistKey: artistKeyOf(trackKey),
    artistName: parsed.artist || track.author,
    title: parsed.title || track.title,
  };
}

/** Old key -> the track key and artist key its plays, feedback and windows carry from now on. */
export type KeyRenames = ReadonlyMap<string, { trackKey: string; artistKey: string }>;

/** The catalog's renames (a merge, a re-key) as history applies them; a key kept as is is left out. */
export function keyRenamesOf(renames: readonly KeyRename[]): KeyRenames {
  const map = new Map<string, { trackKey: string; artistKey: string }>();
  for (const { fromKey, toKey } of renames) {
    if (fromKey !== toKey) map.set(fromKey, { trackKey: toKey, artistKey: artistKeyOf(toKey) });
  }
  return map;
}

/** `artist|title|variant` -> `artist` (the whole text when it is not a track key). */
export function artistKeyOf(trackKey: string): string {
  return parseTrackKey(trackKey)?.artist ?? trackKey;
}

/** "Artist - Title" as profiles store track names; split back for display and queueing. */
export function splitTrackName(name: string): { artist: string; title: string } {
  const at = name.indexOf(' - ');
  return at === -1 ? { artist: '', title: name } : { artist: name.slice(0, at), title: name.slice(at + 3) };
}
