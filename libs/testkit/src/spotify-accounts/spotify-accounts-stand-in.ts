import nock, { type Interceptor } from 'nock';
import invalidCode from './fixtures/error-invalid-code.json';
import invalidGrant from './fixtures/error-invalid-grant.json';
import notFound from './fixtures/error-not-found.json';
import rateLimited from './fixtures/error-rate-limited.json';
import tokenExpired from './fixtures/error-token-expired.json';
import me from './fixtures/me.json';
import playlistTracksPage from './fixtures/playlist-tracks-page.json';
import savedTracksPage from './fixtures/saved-tracks-page.json';
import authorizationCodeToken from './fixtures/token-authorization-code.json';
import clientCredentialsToken from './fixtures/token-client-credentials.json';
import refreshToken from './fixtures/token-refresh.json';
import topTracks from './fixtures/top-tracks.json';
import trackTemplate from './fixtures/track.json';

export const SPOTIFY_ACCOUNTS_URL = 'https://accounts.spotify.com';
export const SPOTIFY_API_URL = 'https://api.spotify.com';

/** A song of the stand-in's little Spotify. */
export interface StandInSong {
  artist: string;
  title: string;
}

export interface StandInSpotifyUser {
  id: string;
  displayName: string;
  topTracks: StandInSong[];
  /** Saved songs: given, or `count` generated ones ("Stand-in Artist 7 - Saved Song 123"). */
  savedTracks: StandInSong[] | { count: number };
}

export interface StandInPlaylist {
  id: string;
  name: string;
  /** Public playlists answer the app's own token too; private ones only their owner's. */
  ownerId?: string;
  songs: StandInSong[];
}

export interface SpotifyAccountsStandInOptions {
  users: StandInSpotifyUser[];
  playlists?: StandInPlaylist[];
}

export interface SpotifyAccountsStandIn {
  /** `METHOD path` of every call, in order (token calls show their grant type). */
  readonly requests: string[];
  /** What Spotify puts in the redirect once `spotifyUserId` approved: a single-use code. */
  approve(spotifyUserId: string): string;
  /** The user revoked Accord: refreshing answers 400 invalid_grant, their access tokens 401. */
  revoke(spotifyUserId: string): void;
  /** Every access token issued so far expires now. */
  expireAccessTokens(): void;
  /** The next `count` Web API calls answer 429 with `Retry-After: retryAfterS`. */
  rateLimit(count: number, retryAfterS: number): void;
  stop(): void;
}

type Reply = [number, unknown] | [number, unknown, Record<string, string>];

/**
 * A stand-in of Spotify's accounts service (`POST /api/token`: authorization code, refresh token,
 * client credentials) and the Web API endpoints an import reads (`/v1/me`, top tracks, saved
 * tracks, playlists), answering in the recorded shapes of `fixtures/` through nock, so that the
 * Spotify client (whose hosts are fixed) talks to it unchanged. Other hosts but loopback stay
 * unreachable.
 */
export function spotifyAccountsStandIn(options: SpotifyAccountsStandInOptions): SpotifyAccountsStandIn {
  const requests: string[] = [];
  const users = new Map(options.users.map((user) => [user.id, user]));
  const playlists = new Map((options.playlists ?? []).map((playlist) => [playlist.id, playlist]));
  const codes = new Map<string, string>();
  const refreshTokens = new Map<string, string>();
  const accessTokens = new Map<string, { userId: string | null; valid: boolean }>();
  const revoked = new Set<string>();
  let rateLimitLeft = 0;
  let retryAfterS = 1;
  let serial = 0;
  const next = (prefix: string): string => `${prefix}-${++serial}-${Math.random().toString(36).slice(2, 10)}`;

  if (!nock.isActive()) nock.activate();
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

  const issueAccess = (userId: string | null): string => {
    const token = next(userId ? 'stand-in-access' : 'stand-in-app');
    accessTokens.set(token, { userId, valid: true });
    return token;
  };

  const token: Interceptor = nock(SPOTIFY_ACCOUNTS_URL).persist().post('/api/token');
  token.reply((_path, body): Reply => {
    const form = new URLSearchParams(typeof body === 'string' ? body : '');
    const grant = form.get('grant_type') ?? '';
    requests.push(`POST /api/token ${grant}`);
    if (grant === 'authorization_code') {
      const userId = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      if (!userId) return [400, invalidCode];
      const refresh = next('stand-in-refresh');
      refreshTokens.set(refresh, userId);
      return [200, { ...authorizationCodeToken, access_token: issueAccess(userId), refresh_token: refresh }];
    }
    if (grant === 'refresh_token') {
      const userId = refreshTokens.get(form.get('refresh_token') ?? '');
      if (!userId || revoked.has(userId)) return [400, invalidGrant];
      return [200, { ...refreshToken, access_token: issueAccess(userId) }];
    }
    if (grant === 'client_credentials') return [200, { ...clientCredentialsToken, access_token: issueAccess(null) }];
    return [400, { error: 'unsupported_grant_type', error_description: `grant_type ${grant} is not supported` }];
  });

  const api: Interceptor = nock(SPOTIFY_API_URL).persist().get(/.*/);
  api.reply(function (path): Reply {
    const url = new URL(path, SPOTIFY_API_URL);
    requests.push(`GET ${url.pathname}`);
    if (rateLimitLeft > 0) {
      rateLimitLeft -= 1;
      return [429, rateLimited, { 'Retry-After': String(retryAfterS) }];
    }
    const bearer = /^Bearer (.+)$/.exec(String(this.req.headers.authorization ?? ''))?.[1] ?? '';
    const access = accessTokens.get(bearer);
    if (!access?.valid || (access.userId && revoked.has(access.userId))) return [401, tokenExpired];
    const user = access.userId ? users.get(access.userId) : undefined;
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 20);

    if (url.pathname === '/v1/me' && user) {
      return [200, { ...me, id: user.id, display_name: user.displayName, uri: `spotify:user:${user.id}` }];
    }
    if (url.pathname === '/v1/me/top/tracks' && user) {
      const items = user.topTracks.slice(0, limit).map((song, index) => trackObject(song, `top${index}`));
      return [200, { ...topTracks, items, total: user.topTracks.length, limit }];
    }
    if (url.pathname === '/v1/me/tracks' && user) {
      const total = Array.isArray(user.savedTracks) ? user.savedTracks.length : user.savedTracks.count;
      const template = savedTracksPage.items[0];
      const items = range(offset, Math.min(total, offset + limit)).map((n) => ({
        ...template,
        track: trackObject(savedSong(user, n), `saved${n}`),
      }));
      return [200, { ...savedTracksPage, items, total, offset, limit, next: offset + limit < total ? 'more' : null }];
    }
    const playlistMatch = /^\/v1\/playlists\/([A-Za-z0-9]+)(\/tracks)?$/.exec(url.pathname);
    if (playlistMatch) {
      const playlist = playlists.get(playlistMatch[1]);
      if (!playlist || (playlist.ownerId && playlist.ownerId !== access.userId)) return [404, notFound];
      if (!playlistMatch[2]) return [200, { name: playlist.name }];
      const template = playlistTracksPage.items[0];
      const items = playlist.songs.slice(offset, offset + limit).map((song, index) => ({
        ...template,
        track: trackObject(song, `${playlist.id}${offset + index}`),
      }));
      return [200, { ...playlistTracksPage, items, total: playlist.songs.length, offset, limit }];
    }
    return [404, notFound];
  });

  return {
    requests,
    approve: (spotifyUserId) => {
      if (!users.has(spotifyUserId)) throw new Error(`stand-in Spotify has no user ${spotifyUserId}`);
      const code = next('stand-in-code');
      codes.set(code, spotifyUserId);
      return code;
    },
    revoke: (spotifyUserId) => {
      revoked.add(spotifyUserId);
    },
    expireAccessTokens: () => {
      for (const access of accessTokens.values()) access.valid = false;
    },
    rateLimit: (count, seconds) => {
      rateLimitLeft = count;
      retryAfterS = seconds;
    },
    stop: () => {
      nock.removeInterceptor(token);
      nock.removeInterceptor(api);
    },
  };
}

function savedSong(user: StandInSpotifyUser, n: number): StandInSong {
  if (Array.isArray(user.savedTracks)) return user.savedTracks[n];
  return { artist: `Stand-in Artist ${n % 97}`, title: `Saved Song ${n}` };
}

/** A full track object in the recorded shape, renamed. */
function trackObject(song: StandInSong, seed: string): typeof trackTemplate {
  const id = spotifyId(seed);
  const artist = { ...trackTemplate.artists[0], id: spotifyId(`artist:${song.artist}`), name: song.artist };
  return {
    ...trackTemplate,
    id,
    name: song.title,
    href: `https://api.spotify.com/v1/tracks/${id}`,
    uri: `spotify:track:${id}`,
    external_urls: { spotify: `https://open.spotify.com/track/${id}` },
    artists: [artist],
    album: { ...trackTemplate.album, artists: [artist] },
  };
}

/** 22 base62 characters, stable for a seed, like Spotify's ids. */
function spotifyId(seed: string): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let hash = 2166136261;
  let id = '';
  for (let n = 0; n < 22; n++) {
    for (const char of `${seed}#${n}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
    id += alphabet[hash % 62];
  }
  return id;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, n) => from + n);
}
