/** Read the user's top tracks, saved tracks and playlists (private and collaborative ones too). */
export const SPOTIFY_SCOPES = [
  'user-top-read',
  'user-library-read',
  'playlist-read-private',
  'playlist-read-collaborative',
];
export const SAVED_PAGE = 50;
export const PLAYLIST_PAGE = 100;

export interface SpotifyTokens {
  accessToken: string;
  /** Absent when Spotify keeps the old refresh token. */
  refreshToken?: string;
  expiresInS: number;
  scopes: string[];
}

/** One track as an import needs it. */
export interface SpotifyTrackRef {
  id: string;
  artist: string;
  title: string;
}

export interface SpotifyPage<T> {
  items: T[];
  total: number;
}

/** Why a call failed: `revoked` means the user must link again; `unauthorized` that the access token is stale. */
export type SpotifyFailure = 'revoked' | 'unauthorized' | 'not-found' | 'unavailable';

/** A call made for a linked account (or an import) that failed. */
export class SpotifyCallError extends Error {
  constructor(
    readonly failure: SpotifyFailure,
    message: string,
  ) {
    super(message);
    this.name = SpotifyCallError.name;
  }
}

/** Waits; replaced in tests so a 429 or a pause costs no real time. */
export const SPOTIFY_SLEEP = Symbol('SPOTIFY_SLEEP');
export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
