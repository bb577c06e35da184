import type { SourceTrack } from '@accord/core';
import type { SpotifyTokens, SpotifyTrackRef } from './spotify.types';

/** The parts of Spotify's Web API answers that Accord reads. */

export interface TokenJson {
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  scope?: string;
}

/** The accounts service explains a refused grant as `{ error: 'invalid_grant', ... }`. */
export interface TokenErrorJson {
  error?: unknown;
  error_description?: string;
}

export interface UserJson {
  id: string;
  display_name?: string | null;
}

export interface PagingJson<T> {
  items: T[];
  total: number;
}

interface ArtistJson {
  name?: string;
}

export interface SimplifiedTrackJson {
  id?: string | null;
  name?: string;
  type?: string;
  duration_ms: number;
  artists?: ArtistJson[];
}

export interface TrackJson extends SimplifiedTrackJson {
  external_ids?: { isrc?: string };
  album?: { images?: Array<{ url: string }> };
}

export interface PlaylistItemJson {
  is_local?: boolean;
  track?: TrackJson | null;
}

export interface PlaylistJson {
  name: string;
  tracks: PagingJson<PlaylistItemJson>;
}

export interface AlbumJson {
  name: string;
  images: Array<{ url: string }>;
  tracks: PagingJson<SimplifiedTrackJson>;
}

export function toTokens(json: TokenJson): SpotifyTokens {
  return {
    accessToken: json.access_token,
    refreshToken: json.refresh_token,
    expiresInS: json.expires_in,
    scopes: json.scope ? json.scope.split(' ').filter(Boolean) : [],
  };
}

/** A playlist item that is a song (not a local file nor an episode), or undefined. */
export function playlistSong(item: PlaylistItemJson): TrackJson | undefined {
  return item.is_local || item.track?.type !== 'track' ? undefined : item.track;
}

/** One track as an import needs it, or nothing when it lacks an id, an artist or a title. */
export function toRef(track: TrackJson | null | undefined): SpotifyTrackRef[] {
  const artist = track?.artists?.[0]?.name;
  return track?.id && artist && track.name ? [{ id: track.id, artist, title: track.name }] : [];
}

/** Song metadata for the catalog; album tracks carry no ISRC and take the album's artwork. */
export function toSourceTrack(track: TrackJson, albumArtworkUrl?: string): SourceTrack | undefined {
  const artist = track.artists?.[0]?.name;
  if (!track.id || !artist || !track.name) return undefined;
  return {
    sourceId: track.id,
    artist,
    title: track.name,
    durationMs: track.duration_ms,
    isrc: track.external_ids?.isrc,
    artworkUrl: track.album?.images?.[0]?.url ?? albumArtworkUrl,
  };
}
