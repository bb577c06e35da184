import nock, { type Interceptor, type ReplyBody } from 'nock';
import {
  lastfmError,
  similarArtistsJson,
  similarTracksJson,
  topTracksJson,
  type LastfmSongSpec,
} from './lastfm-shapes';

export const LASTFM_API_URL = 'https://ws.audioscrobbler.com';

/** The stand-in's little Last.fm. Names are matched case-insensitively. */
export interface LastfmWorld {
  /** `"Artist - Title"` -> similar tracks, best first. */
  similarTracks?: Record<string, LastfmSongSpec[]>;
  /** Artist -> similar artists, best first. */
  similarArtists?: Record<string, Array<{ name: string; match: number }>>;
  /** Artist -> top tracks, best first. */
  topTracks?: Record<string, string[]>;
}

export interface LastfmApiStandIn {
  /** `method artist[ - track]` of every call, in order. */
  readonly requests: string[];
  /** API keys the calls carried. */
  readonly apiKeys: string[];
  setDown(down: boolean): void;
  setLatency(ms: number): void;
  stop(): void;
}

/**
 * A local Last.fm for discovery (`/2.0/?method=track.getSimilar|artist.getSimilar|artist.getTopTracks`)
 * answering from `world` in the real API's shapes (unknown names: error 6), served to this
 * process's `fetch` through nock.
 */
export function lastfmApiStandIn(world: LastfmWorld, baseUrl = LASTFM_API_URL): LastfmApiStandIn {
  const requests: string[] = [];
  const apiKeys: string[] = [];
  let down = false;
  let latency = 0;
  const fold = (text: string): string => text.trim().toLowerCase();
  const index = <T>(record: Record<string, T> | undefined): Map<string, T> =>
    new Map(Object.entries(record ?? {}).map(([key, value]) => [fold(key), value]));
  const similarTracks = index(world.similarTracks);
  const similarArtists = index(world.similarArtists);
  const topTracks = index(world.topTracks);

  if (!nock.isActive()) nock.activate();
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  const interceptor: Interceptor = nock(baseUrl)
    .persist()
    .get(/^\/2\.0\/?\?/);
  interceptor.reply((path, _body, callback) => {
    const params = new URL(path, 'http://lastfm.local').searchParams;
    const method = params.get('method') ?? '';
    const artist = params.get('artist') ?? '';
    const track = params.get('track');
    requests.push(track ? `${method} ${artist} - ${track}` : `${method} ${artist}`);
    apiKeys.push(params.get('api_key') ?? '');
    const answer = (): [number, ReplyBody] => {
      if (down) return [503, 'Service Unavailable'];
      const limit = Number(params.get('limit') ?? 50);
      switch (method.toLowerCase()) {
        case 'track.getsimilar': {
          const found = similarTracks.get(fold(`${artist} - ${track ?? ''}`));
          return [200, found ? similarTracksJson(artist, found.slice(0, limit)) : lastfmError(6, 'Track not found')];
        }
        case 'artist.getsimilar': {
          const found = similarArtists.get(fold(artist));
          return [
            200,
            found
              ? similarArtistsJson(artist, found.slice(0, limit))
              : lastfmError(6, 'The artist you supplied could not be found'),
          ];
        }
        case 'artist.gettoptracks': {
          const found = topTracks.get(fold(artist));
          return [
            200,
            found
              ? topTracksJson(
                  artist,
                  found.slice(0, limit).map((title) => ({ artist, title })),
                )
              : lastfmError(6, 'The artist you supplied could not be found'),
          ];
        }
        default:
          return [400, lastfmError(3, 'Invalid Method - No method with that name in this package')];
      }
    };
    if (latency > 0) setTimeout(() => callback(null, answer()), latency).unref();
    else callback(null, answer());
  });
  return {
    requests,
    apiKeys,
    setDown: (value) => {
      down = value;
    },
    setLatency: (ms) => {
      latency = ms;
    },
    stop: () => {
      nock.removeInterceptor(interceptor);
      // The last stand-in of a test file hands `fetch` back, so the next file's nock starts clean.
      if (nock.activeMocks().length === 0) {
        nock.enableNetConnect();
        nock.restore();
      }
    },
  };
}
