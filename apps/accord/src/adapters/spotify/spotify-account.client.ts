import { Inject, Injectable, Logger } from '@nestjs/common';
import SpotifyWebApi from 'spotify-web-api-node';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

/** Read the user's top tracks, saved tracks and playlists (private and collaborative ones too). */
export const SPOTIFY_SCOPES = [
  'user-top-read',
  'user-library-read',
  'playlist-read-private',
  'playlist-read-collaborative',
];
const TIMEOUT_MS = 10_000;
const MAX_RATE_LIMIT_WAITS = 5;
const MAX_RETRY_AFTER_S = 60;
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

export class SpotifyCallError extends Error {
  constructor(
    readonly failure: SpotifyFailure,
    message: string,
  ) {
    super(message);
    this.name = SpotifyCallError.name;
  }
}

/** Waits; replaced in tests so a 429 costs no real time. */
export const SPOTIFY_SLEEP = Symbol('SPOTIFY_SLEEP');
export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Spotify's accounts and Web API on behalf of a user (Authorization Code flow), through
 * spotify-web-api-node. The one place that talks to Spotify for linked accounts. A 429 is waited
 * out as its Retry-After says (up to a bound) and retried.
 */
@Injectable()
export class SpotifyAccountClient {
  private readonly logger = new Logger(SpotifyAccountClient.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SPOTIFY_SLEEP) private readonly sleep: Sleep,
  ) {}

  isConfigured(): boolean {
    return this.config.spotify !== undefined && this.config.http.publicUrl !== undefined;
  }

  redirectUri(): string {
    return `${(this.config.http.publicUrl ?? '').replace(/\/+$/, '')}/api/v1/spotify/callback`;
  }

  authorizeUrl(state: string): string {
    return this.api().createAuthorizeURL(SPOTIFY_SCOPES, state, true);
  }

  async exchangeCode(code: string): Promise<SpotifyTokens> {
    const { body } = await this.call(() => this.api().authorizationCodeGrant(code));
    return {
      accessToken: body.access_token,
      refreshToken: body.refresh_token,
      expiresInS: body.expires_in,
      scopes: splitScopes(body.scope),
    };
  }

  async refresh(refreshToken: string): Promise<SpotifyTokens> {
    const api = this.api();
    api.setRefreshToken(refreshToken);
    const { body } = await this.call(() => api.refreshAccessToken());
    return {
      accessToken: body.access_token,
      refreshToken: body.refresh_token,
      expiresInS: body.expires_in,
      scopes: splitScopes(body.scope),
    };
  }

  async me(accessToken: string): Promise<{ id: string; displayName?: string }> {
    const { body } = await this.call(() => this.api(accessToken).getMe());
    return { id: body.id, displayName: body.display_name ?? undefined };
  }

  async topTracks(
    accessToken: string,
    range: 'short_term' | 'medium_term' | 'long_term',
  ): Promise<SpotifyPage<SpotifyTrackRef>> {
    const { body } = await this.call(() => this.api(accessToken).getMyTopTracks({ time_range: range, limit: 50 }));
    return { items: body.items.flatMap(toRef), total: body.total };
  }

  async savedTracks(accessToken: string, offset: number): Promise<SpotifyPage<SpotifyTrackRef>> {
    const { body } = await this.call(() => this.api(accessToken).getMySavedTracks({ offset, limit: SAVED_PAGE }));
    return { items: body.items.flatMap((item) => toRef(item.track)), total: body.total };
  }

  async playlistName(accessToken: string | null, playlistId: string): Promise<string> {
    const { body } = await this.call(async () =>
      (await this.authed(accessToken)).getPlaylist(playlistId, { fields: 'name' }),
    );
    return body.name;
  }

  async playlistTracks(
    accessToken: string | null,
    playlistId: string,
    offset: number,
  ): Promise<SpotifyPage<SpotifyTrackRef>> {
    const { body } = await this.call(async () =>
      (await this.authed(accessToken)).getPlaylistTracks(playlistId, { offset, limit: PLAYLIST_PAGE }),
    );
    return {
      items: body.items.flatMap((item) => (item.is_local || item.track?.type !== 'track' ? [] : toRef(item.track))),
      total: body.total,
    };
  }

  /** A user's token, or the app's own (client credentials) for public playlists. */
  private async authed(accessToken: string | null): Promise<SpotifyWebApi> {
    if (accessToken) return this.api(accessToken);
    const api = this.api();
    const { body } = await api.clientCredentialsGrant();
    api.setAccessToken(body.access_token);
    return api;
  }

  private api(accessToken?: string): SpotifyWebApi {
    const spotify = this.config.spotify;
    if (!spotify) throw new SpotifyCallError('unavailable', 'Spotify is not configured');
    return new SpotifyWebApi({
      clientId: spotify.clientId,
      clientSecret: spotify.clientSecret,
      redirectUri: this.redirectUri(),
      ...(accessToken ? { accessToken } : {}),
    });
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    for (let waits = 0; ; waits++) {
      try {
        return await withTimeout(request());
      } catch (error: unknown) {
        const status = (error as { statusCode?: unknown }).statusCode;
        if (status === 429 && waits < MAX_RATE_LIMIT_WAITS) {
          const retryAfterS = retryAfter(error);
          this.logger.warn(`Spotify rate limit: waiting ${retryAfterS} s`);
          await this.sleep(retryAfterS * 1000);
          continue;
        }
        throw toCallError(error);
      }
    }
  }
}

function toRef(track: SpotifyApi.TrackObjectFull | null | undefined): SpotifyTrackRef[] {
  const artist = track?.artists?.[0]?.name;
  return track?.id && artist && track.name ? [{ id: track.id, artist, title: track.name }] : [];
}

function splitScopes(scope: string | undefined): string[] {
  return scope ? scope.split(' ').filter(Boolean) : [];
}

function retryAfter(error: unknown): number {
  const headers = (error as { headers?: Record<string, unknown> }).headers ?? {};
  const value = Number(headers['retry-after']);
  return Number.isFinite(value) && value >= 0 ? Math.min(MAX_RETRY_AFTER_S, Math.ceil(value)) : 1;
}

function toCallError(error: unknown): SpotifyCallError {
  if (error instanceof SpotifyCallError) return error;
  const status = (error as { statusCode?: unknown }).statusCode;
  const body = (error as { body?: { error?: unknown } }).body;
  const detail = error instanceof Error ? (error.message.split('\n').pop() ?? error.message) : String(error);
  // The accounts service answers 400 invalid_grant for a refresh token that was revoked or expired.
  if (status === 400 && body?.error === 'invalid_grant') return new SpotifyCallError('revoked', detail);
  if (status === 401) return new SpotifyCallError('unauthorized', detail);
  if (status === 403 || status === 404) return new SpotifyCallError('not-found', detail);
  return new SpotifyCallError('unavailable', detail);
}

async function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SpotifyCallError('unavailable', 'Spotify did not answer in time')), TIMEOUT_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
