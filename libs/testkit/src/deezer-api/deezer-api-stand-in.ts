import nock, { type Interceptor, type ReplyBody } from 'nock';
import {
  DEEZER_NO_DATA,
  deezerArtistJson,
  deezerList,
  deezerTopTrackJson,
  type DeezerArtistSpec,
  type DeezerTrackSpec,
} from './deezer-shapes';

export const DEEZER_API_URL = 'https://api.deezer.com';

/** One artist of the stand-in's little Deezer: who it is related to and its top tracks. */
export interface DeezerWorldArtist extends DeezerArtistSpec {
  /** Ids of related artists, closest first. */
  related?: number[];
  top?: DeezerTrackSpec[];
}

export interface DeezerApiStandIn {
  /** Paths requested, in order (`/artist/27/related?limit=6`). */
  readonly requests: string[];
  /** Every call fails with HTTP 503 until called with false. */
  setDown(down: boolean): void;
  /** Every answer waits this long (a slow Deezer). */
  setLatency(ms: number): void;
  stop(): void;
}

/**
 * A local Deezer for discovery: `/search/artist`, `/artist/{id}/related` and `/artist/{id}/top`
 * answered from `world` in the real API's shapes (unknown ids: Deezer's 200 "no data" error),
 * served to this process's `fetch` through nock. Other hosts but loopback stay unreachable.
 */
export function deezerApiStandIn(world: DeezerWorldArtist[], baseUrl = DEEZER_API_URL): DeezerApiStandIn {
  const requests: string[] = [];
  const byId = new Map(world.map((artist) => [artist.id, artist]));
  let down = false;
  let latency = 0;
  if (!nock.isActive()) nock.activate();
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  const interceptor: Interceptor = nock(baseUrl)
    .persist()
    .get(/^\/(search\/artist|artist\/)/);
  interceptor.reply((path, _body, callback) => {
    requests.push(path);
    const answer = (): [number, ReplyBody] =>
      down ? [503, 'Service Unavailable'] : [200, answerFor(path, world, byId)];
    if (latency > 0) setTimeout(() => callback(null, answer()), latency).unref();
    else callback(null, answer());
  });
  return {
    requests,
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

function answerFor(
  path: string,
  world: DeezerWorldArtist[],
  byId: Map<number, DeezerWorldArtist>,
): Record<string, unknown> {
  const url = new URL(path, 'http://deezer.local');
  const limit = Number(url.searchParams.get('limit') ?? 25);
  if (url.pathname === '/search/artist') {
    const q = (url.searchParams.get('q') ?? '').toLowerCase();
    const found = world.filter(
      (artist) => artist.name.toLowerCase().includes(q) || q.includes(artist.name.toLowerCase()),
    );
    return deezerList(found.slice(0, limit).map(deezerArtistJson), found.length);
  }
  const match = /^\/artist\/(\d+)\/(related|top)$/.exec(url.pathname);
  const artist = match ? byId.get(Number(match[1])) : undefined;
  if (!match || !artist) return DEEZER_NO_DATA;
  if (match[2] === 'related') {
    const related = (artist.related ?? []).flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    return deezerList(related.slice(0, limit).map(deezerArtistJson), related.length);
  }
  const top = artist.top ?? [];
  return deezerList(
    top.slice(0, limit).map((track) => deezerTopTrackJson(track, artist)),
    top.length,
  );
}
