import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SourceAnswer, SourceCollection, SourceTrack } from '@accord/core';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { getJson, type HttpAnswer, type HttpFailed } from '../../shared/http/http-json';
import {
  type AlbumJson,
  type PagingJson,
  type PlaylistItemJson,
  playlistSong,
  type PlaylistJson,
  type SimplifiedTrackJson,
  type TokenErrorJson,
  type TokenJson,
  toRef,
  toSourceTrack,
  toTokens,
  type TrackJson,
  type UserJson,
} from './spotify-json';
import {
  PLAYLIST_PAGE,
  SAVED_PAGE,
  type Sleep,
  SPOTIFY_SCOPES,
  SPOTIFY_SLEEP,
  SpotifyCallError,
  type SpotifyPage,
  type SpotifyTokens,
  type SpotifyTrackRef,
} from './spotify.types';

export const SPOTIFY_ACCOUNTS_URL = 'https://accounts.spotify.com';
export const SPOTIFY_API_URL = 'https://api.spotify.com/v1';
/** Song metadata for a link the user is waiting on. */
const CATALOG_TIMEOUT_MS = 8_000;
/** A linked account's calls (link, imports), rate limits waited out included. */
const ACCOUNT_TIMEOUT_MS = 10_000;
/** An import reads hundreds of pages: a 429 whose Retry-After fits is waited out this many times. */
const ACCOUNT_RETRIES = 5;
/** Renew the app token this long before Spotify says it expires. */
const TOKEN_MARGIN_MS = 60_000;
const ALBUM_PAGE = 50;

/** Whose token a Web API call carries: a linked user's, or the app's own (client credentials). */
type Bearer = { user: string } | 'app';

/**
 * Spotify, the one place that talks to it, through the shared HTTP helper (timeouts, a 429 retried
 * after its Retry-After). Two kinds of calls:
 * - the catalog's, with the app's own client-credentials token (kept until it nearly expires):
 *   song metadata for track, album and playlist links; failures are values;
 * - a linked account's (Authorization Code flow): the code exchange, refreshes, and the library an
 *   import reads; failures are a `SpotifyCallError` saying what the caller should do.
 */
@Injectable()
export class SpotifyClient {
  private readonly logger = new Logger(SpotifyClient.name);
  private appToken?: { value: string; expiresAt: number };
  private appTokenRequest?: Promise<HttpAnswer<string>>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SPOTIFY_SLEEP) private readonly sleep: Sleep,
  ) {}

  /** Song metadata can be read (the app's client id and secret are set). */
  isConfigured(): boolean {
    return this.config.spotify !== undefined;
  }

  /** Accounts can be linked: Spotify is configured and can redirect back to the bot. */
  canLink(): boolean {
    return this.isConfigured() && this.config.http.publicUrl !== undefined;
  }

  redirectUri(): string {
    return `${(this.config.http.publicUrl ?? '').replace(/\/+$/, '')}/api/v1/spotify/callback`;
  }

  /** The page where the user approves Accord, always asking again (`show_dialog`). */
  authorizeUrl(state: string): string {
    const { clientId } = this.credentials();
    // Spotify's own format: the values as they are, the scopes joined by an encoded space.
    const query = [
      `client_id=${clientId}`,
      'response_type=code',
      `redirect_uri=${this.redirectUri()}`,
      `scope=${SPOTIFY_SCOPES.join('%20')}`,
      `state=${state}`,
      'show_dialog=true',
    ];
    return `${SPOTIFY_ACCOUNTS_URL}/authorize?${query.join('&')}`;
  }

  async exchangeCode(code: string): Promise<SpotifyTokens> {
    return this.userTokens({ grant_type: 'authorization_code', code, redirect_uri: this.redirectUri() });
  }

  async refresh(refreshToken: string): Promise<SpotifyTokens> {
    return this.userTokens({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  async me(accessToken: string): Promise<{ id: string; displayName?: string }> {
    const body = await this.accountGet<UserJson>({ user: accessToken }, '/me');
    return { id: body.id, displayName: body.display_name ?? undefined };
  }

  async topTracks(
    accessToken: string,
    range: 'short_term' | 'medium_term' | 'long_term',
  ): Promise<SpotifyPage<SpotifyTrackRef>> {
    const body = await this.accountGet<PagingJson<TrackJson>>(
      { user: accessToken },
      `/me/top/tracks?time_range=${range}&limit=50`,
    );
    return { items: body.items.flatMap(toRef), total: body.total };
  }

  async savedTracks(accessToken: string, offset: number): Promise<SpotifyPage<SpotifyTrackRef>> {
    const body = await this.accountGet<PagingJson<{ track?: TrackJson | null }>>(
      { user: accessToken },
      `/me/tracks?offset=${offset}&limit=${SAVED_PAGE}`,
    );
    return { items: body.items.flatMap((item) => toRef(item.track)), total: body.total };
  }

  /** A playlist's name, with the user's token (private playlists too) or, without one, the app's. */
  async playlistName(accessToken: string | null, playlistId: string): Promise<string> {
    const body = await this.accountGet<{ name: string }>(
      bearerOf(accessToken),
      `/playlists/${encodeURIComponent(playlistId)}?fields=name`,
    );
    return body.name;
  }

  async playlistTracks(
    accessToken: string | null,
    playlistId: string,
    offset: number,
  ): Promise<SpotifyPage<SpotifyTrackRef>> {
    const body = await this.accountGet<PagingJson<PlaylistItemJson>>(
      bearerOf(accessToken),
      `/playlists/${encodeURIComponent(playlistId)}/tracks?offset=${offset}&limit=${PLAYLIST_PAGE}`,
    );
    return { items: body.items.flatMap((item) => toRef(playlistSong(item))), total: body.total };
  }

  async track(id: string): Promise<SourceAnswer<SourceTrack>> {
    const answer = await this.catalogGet<TrackJson>(`/tracks/${encodeURIComponent(id)}`);
    if (!answer.ok) return answer;
    const track = toSourceTrack(answer.value);
    return track ? { ok: true, value: track } : { ok: false, reason: 'not-found' };
  }

  /** The album's tracks, up to `limit`. Album tracks carry no ISRC: matching then leans on duration. */
  async album(id: string, limit: number): Promise<SourceAnswer<SourceCollection>> {
    const path = `/albums/${encodeURIComponent(id)}`;
    const head = await this.catalogGet<AlbumJson>(path);
    if (!head.ok) return head;
    const album = head.value;
    const items = [...album.tracks.items];
    while (items.length < Math.min(limit, album.tracks.total) && items.length > 0) {
      const page = await this.catalogGet<PagingJson<SimplifiedTrackJson>>(
        `${path}/tracks?offset=${items.length}&limit=${ALBUM_PAGE}`,
      );
      if (!page.ok) return page;
      if (page.value.items.length === 0) break;
      items.push(...page.value.items);
    }
    const artworkUrl = album.images[0]?.url;
    const tracks = items.slice(0, limit).flatMap((item) => toSourceTrack(item, artworkUrl) ?? []);
    return { ok: true, value: { name: album.name, tracks, total: album.tracks.total } };
  }

  /** The playlist's tracks, up to `limit`, read 100 at a time; local files and episodes are skipped. */
  async playlist(id: string, limit: number): Promise<SourceAnswer<SourceCollection>> {
    const path = `/playlists/${encodeURIComponent(id)}`;
    const head = await this.catalogGet<PlaylistJson>(path);
    if (!head.ok) return head;
    const playlist = head.value;
    const items = [...playlist.tracks.items];
    while (items.length < Math.min(limit, playlist.tracks.total) && playlist.tracks.items.length > 0) {
      const page = await this.catalogGet<PagingJson<PlaylistItemJson>>(
        `${path}/tracks?offset=${items.length}&limit=${PLAYLIST_PAGE}`,
      );
      if (!page.ok) return page;
      if (page.value.items.length === 0) break;
      items.push(...page.value.items);
    }
    const tracks = items.slice(0, limit).flatMap((item) => {
      const song = playlistSong(item);
      return (song && toSourceTrack(song)) ?? [];
    });
    return { ok: true, value: { name: playlist.name, tracks, total: playlist.tracks.total } };
  }

  /** A catalog read: a 400 or 404 is `not-found`, anything else going wrong `unavailable` (and logged). */
  private async catalogGet<T>(path: string): Promise<SourceAnswer<T>> {
    if (!this.isConfigured()) return { ok: false, reason: 'unconfigured' };
    const answer = await this.get<T>('app', path, { timeoutMs: CATALOG_TIMEOUT_MS });
    if (answer.ok) return answer;
    if (answer.status === 404 || answer.status === 400) {
      return { ok: false, reason: 'not-found', detail: answer.detail };
    }
    this.logger.warn(`Spotify did not answer: ${answer.detail}`);
    return { ok: false, reason: 'unavailable', detail: answer.detail };
  }

  /** A linked account's read; failures throw a `SpotifyCallError`. */
  private async accountGet<T>(bearer: Bearer, path: string): Promise<T> {
    if (!this.isConfigured()) throw new SpotifyCallError('unavailable', 'Spotify is not configured');
    const answer = await this.get<T>(bearer, path, { timeoutMs: ACCOUNT_TIMEOUT_MS, retries: ACCOUNT_RETRIES });
    if (!answer.ok) throw toCallError(answer);
    return answer.value;
  }

  /** A Web API GET; with the app's token, a 401 (revoked or expired early) fetches a new one, once. */
  private async get<T>(
    bearer: Bearer,
    path: string,
    options: { timeoutMs: number; retries?: number },
  ): Promise<HttpAnswer<T>> {
    for (let attempt = 0; ; attempt++) {
      const token: HttpAnswer<string> =
        bearer === 'app' ? await this.appAccessToken(options.timeoutMs) : { ok: true, value: bearer.user };
      // A refused or failed token request is Spotify being unavailable, whatever its status.
      if (!token.ok) return { ok: false, reason: token.reason, detail: `no token: ${token.detail}` };
      const answer = await getJson<T>(`${SPOTIFY_API_URL}${path}`, {
        ...options,
        headers: { authorization: `Bearer ${token.value}` },
        sleep: (ms) => this.sleep(ms),
      });
      if (bearer === 'app' && !answer.ok && answer.status === 401 && attempt === 0) {
        this.appToken = undefined;
        continue;
      }
      return answer;
    }
  }

  /** The app's client-credentials token: one request at a time, shared by everyone waiting for it. */
  private async appAccessToken(timeoutMs: number): Promise<HttpAnswer<string>> {
    if (this.appToken && Date.now() < this.appToken.expiresAt) return { ok: true, value: this.appToken.value };
    this.appTokenRequest ??= this.token({ grant_type: 'client_credentials' }, timeoutMs)
      .then((answer): HttpAnswer<string> => {
        if (!answer.ok) return answer;
        const expiresAt = Date.now() + answer.value.expires_in * 1000 - TOKEN_MARGIN_MS;
        this.appToken = { value: answer.value.access_token, expiresAt };
        return { ok: true, value: answer.value.access_token };
      })
      .finally(() => {
        this.appTokenRequest = undefined;
      });
    return this.appTokenRequest;
  }

  private async userTokens(form: Record<string, string>): Promise<SpotifyTokens> {
    if (!this.isConfigured()) throw new SpotifyCallError('unavailable', 'Spotify is not configured');
    const answer = await this.token(form, ACCOUNT_TIMEOUT_MS);
    if (!answer.ok) throw toCallError(answer);
    return toTokens(answer.value);
  }

  /** A request to the accounts service, authenticated with the app's client id and secret. */
  private token(form: Record<string, string>, timeoutMs: number): Promise<HttpAnswer<TokenJson>> {
    const { clientId, clientSecret } = this.credentials();
    return getJson<TokenJson>(`${SPOTIFY_ACCOUNTS_URL}/api/token`, {
      timeoutMs,
      form: new URLSearchParams(form),
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
      sleep: (ms) => this.sleep(ms),
    });
  }

  private credentials(): { clientId: string; clientSecret: string } {
    const spotify = this.config.spotify;
    if (!spotify) throw new SpotifyCallError('unavailable', 'Spotify is not configured');
    return spotify;
  }
}

function bearerOf(accessToken: string | null): Bearer {
  return accessToken ? { user: accessToken } : 'app';
}

function toCallError(failure: HttpFailed): SpotifyCallError {
  const detail = failure.detail;
  // The accounts service answers 400 invalid_grant for a refresh token that was revoked or expired.
  if (failure.status === 400 && (failure.body as TokenErrorJson | undefined)?.error === 'invalid_grant') {
    return new SpotifyCallError('revoked', detail);
  }
  if (failure.status === 401) return new SpotifyCallError('unauthorized', detail);
  if (failure.status === 403 || failure.status === 404) return new SpotifyCallError('not-found', detail);
  return new SpotifyCallError('unavailable', detail);
}
