import type { LinkSource, PinActor, PlayableTrack, ResolveRefusal, Result } from '@accord/core';

/** Shared through `@accord/core`: where a song comes from, and what Spotify and Deezer answer. */
export type { LinkSource, SourceAnswer, SourceCollection, SourceTrack } from '@accord/core';

/** What a /play query resolves to: one track, or a playlist's tracks. */
export type Resolved =
  | { kind: 'track'; track: PlayableTrack; source: LinkSource; fromPin: boolean }
  | {
      kind: 'playlist';
      name: string;
      tracks: PlayableTrack[];
      source: LinkSource;
      /** Tracks left out past the playlist cap (1,000); 0 or absent when none were. */
      truncated?: number;
    };

/** `resolve`'s answer: what the query resolved to, or the catalog's refusal (a code and its data; each transport words it). */
export type ResolveOutcome = Result<Resolved, ResolveRefusal>;

/** Who pinned a track's video: the catalog's own match, or a person through /fix or the panel. */
export type PinnedBy = 'auto' | 'user';

/** One change of a song's video, kept on the song (the last `PIN_HISTORY_SIZE`) for the panel. */
export interface PinRecord {
  at: Date;
  fromYoutubeId: string;
  youtubeId: string;
  by: PinnedBy;
  score: number;
  /** Who chose the video, for `by: 'user'`. */
  actor?: PinActor;
}

/** Re-pins a song keeps in its history. */
export const PIN_HISTORY_SIZE = 10;

/** What Lavalink needs to play the pinned video without a `loadtracks` call. */
export interface LavalinkTrackData {
  encoded: string;
  identifier: string;
  title: string;
  author: string;
  uri?: string;
  artworkUrl?: string;
  length: number;
  isStream: boolean;
  isSeekable: boolean;
  sourceName: string;
}

/** The same song on another source (SoundCloud, Bandcamp), played while its YouTube video will not play. */
export interface TrackAlternate {
  /** Lavalink's source name: `soundcloud`, `bandcamp`. */
  source: string;
  lavalink: LavalinkTrackData;
  at: Date;
}

/** One canonical song, as the `tracks` repository returns it (a plain object). */
export interface CatalogTrack {
  id: string;
  key: string;
  artist: string;
  title: string;
  variant: string;
  youtubeId: string;
  durationMs: number;
  isrc?: string;
  spotifyId?: string;
  artworkUrl?: string;
  tags: string[];
  /** `q:<query>`, `yt:<video id>`, `dz:<deezer id>` and `key:<merged key>` that led here. */
  aliases: string[];
  pin: { by: PinnedBy; at: Date; score: number };
  lavalink: LavalinkTrackData;
  unavailable: boolean;
  failures: number;
  /** Videos that failed to load for this song; never picked again automatically. */
  failedVideoIds: string[];
  /** The song on other sources, found when its video would not play; at most one per source. */
  alternates?: TrackAlternate[];
  /** Its last re-pins, oldest first. */
  pinHistory: PinRecord[];
  createdAt: Date;
  updatedAt: Date;
}

/** What a new track needs; the repository fills in the rest. */
export type NewCatalogTrack = Pick<
  CatalogTrack,
  'key' | 'artist' | 'title' | 'variant' | 'youtubeId' | 'durationMs' | 'aliases' | 'pin' | 'lavalink'
> &
  Partial<Pick<CatalogTrack, 'isrc' | 'spotifyId' | 'artworkUrl' | 'tags'>>;

/** One YouTube video offered for a song by /fix or the panel. */
export interface TrackCandidate {
  youtubeId: string;
  title: string;
  author: string;
  durationMs: number;
  uri: string;
  score: number;
  reasons: string[];
  /** True for the video the song is pinned to now. */
  current: boolean;
}

export interface TrackCandidates {
  track: CatalogTrack;
  /** Best first, at most `limit`; the current pin is always among them. */
  candidates: TrackCandidate[];
}
