import nock, { type Interceptor } from 'nock';
import notFound from './recordings/error-not-found.json';
import fixtureMix from './recordings/playlist-fixture-mix.json';
import token from './recordings/token.json';
import digitalLove from './recordings/track-digital-love.json';

export const SPOTIFY_ACCOUNTS = 'https://accounts.spotify.com';
export const SPOTIFY_API = 'https://api.spotify.com';

/** Ids with a recorded answer; any other id answers 404 as Spotify does. */
export const SPOTIFY_FIXTURES = {
  digitalLove: {
    id: digitalLove.id,
    artist: 'Daft Punk',
    title: digitalLove.name,
    isrc: digitalLove.external_ids.isrc,
  },
  fixtureMix: {
    id: fixtureMix.id,
    name: fixtureMix.name,
    /** The playable songs, in order (the recorded playlist also holds a local file, which has no id). */
    tracks: fixtureMix.tracks.items
      .filter((item) => !item.is_local)
      .map((item) => ({ id: item.track.id as string, artist: item.track.artists[0].name, title: item.track.name })),
  },
} as const;

const TRACKS: Record<string, unknown> = { [digitalLove.id]: digitalLove };
const PLAYLISTS: Record<string, unknown> = { [fixtureMix.id]: fixtureMix };

export interface RecordedSpotify {
  /** Requests in order: `POST /api/token`, `GET /v1/tracks/…`. */
  readonly requests: string[];
  /** Makes every Web API call fail as if Spotify were down (HTTP 503) until called with false. */
  setDown(down: boolean): void;
  stop(): void;
}

/**
 * Serves recorded Spotify answers (client-credentials token, tracks, playlists) to this process's
 * `fetch` through nock, as the Spotify client requests them, and keeps every other host but
 * loopback unreachable.
 */
export function recordedSpotify(): RecordedSpotify {
  const requests: string[] = [];
  let down = false;
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  const tokenInterceptor: Interceptor = nock(SPOTIFY_ACCOUNTS).persist().post('/api/token');
  tokenInterceptor.reply((path) => {
    requests.push(`POST ${path}`);
    return [200, token];
  });
  const apiInterceptor: Interceptor = nock(SPOTIFY_API).persist().get(/.*/);
  apiInterceptor.reply((path) => {
    requests.push(`GET ${path}`);
    if (down) return [503, { error: { status: 503, message: 'Service unavailable' } }];
    const { pathname } = new URL(path, SPOTIFY_API);
    const track = /^\/v1\/tracks\/([A-Za-z0-9]+)$/.exec(pathname);
    if (track && TRACKS[track[1]]) return [200, TRACKS[track[1]]];
    const playlist = /^\/v1\/playlists\/([A-Za-z0-9]+)$/.exec(pathname);
    if (playlist && PLAYLISTS[playlist[1]]) return [200, PLAYLISTS[playlist[1]]];
    return [404, notFound];
  });
  return {
    requests,
    setDown: (value) => {
      down = value;
    },
    stop: () => {
      nock.removeInterceptor(tokenInterceptor);
      nock.removeInterceptor(apiInterceptor);
    },
  };
}
