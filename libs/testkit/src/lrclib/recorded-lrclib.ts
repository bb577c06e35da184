import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import notFound from './recordings/error-track-not-found.json';
import glassOrchard from './recordings/glass-orchard.json';
import keeperOfTheBeam from './recordings/keeper-of-the-beam.json';
import lowTideEngine from './recordings/low-tide-engine.json';
import tidewaterLights from './recordings/tidewater-lights.json';

/** One LRCLIB record as `/api/get` answers it (recorded shape: `duration` in seconds, lyrics or null). */
export interface LrclibRecordJson {
  id: number;
  name: string;
  trackName: string;
  artistName: string;
  albumName: string | null;
  duration: number;
  instrumental: boolean;
  plainLyrics: string | null;
  syncedLyrics: string | null;
}

/** The songs the stand-in knows, by what a test plays or asks for. */
export const LRCLIB_FIXTURES = {
  /** Synced and plain lyrics, 50 lines (two pages in Discord); the first line is sung at 0:12. */
  tidewaterLights: tidewaterLights as LrclibRecordJson,
  /** Plain lyrics only. */
  glassOrchard: glassOrchard as LrclibRecordJson,
  /** Instrumental: no lyrics at all. */
  lowTideEngine: lowTideEngine as LrclibRecordJson,
  /** Found by a free search ("lighthouse keeper"); no album. */
  keeperOfTheBeam: keeperOfTheBeam as LrclibRecordJson,
} as const;

const RECORDS: LrclibRecordJson[] = Object.values(LRCLIB_FIXTURES);

/**
 * How the stand-in misbehaves: `ok` answers from the recordings; `malformed` answers 200 with a
 * record missing its fields; `huge` answers a valid record padded past a megabyte; `slow` answers
 * only after `slowMs`; `down` answers 503.
 */
export type LrclibMode = 'ok' | 'malformed' | 'huge' | 'slow' | 'down';

export interface RecordedLrclib {
  /** Base URL to give the bot as `LRCLIB_URL`. */
  readonly url: string;
  /** Paths with their query asked, in order (`/api/get?artist_name=...`). */
  readonly requests: string[];
  /** The User-Agent of each request, in order. */
  readonly userAgents: string[];
  setMode(mode: LrclibMode): void;
  stop(): Promise<void>;
}

/**
 * A local LRCLIB on loopback serving recorded answers in the real API's shapes: `GET /api/get`
 * (artist and title without regard to case, the duration within 2 s as LRCLIB matches it, 404
 * `TrackNotFound` otherwise) and `GET /api/search` (`q`, or `track_name`/`artist_name`: records whose
 * names hold every word asked).
 */
export async function recordedLrclib(options: { slowMs?: number } = {}): Promise<RecordedLrclib> {
  const requests: string[] = [];
  const userAgents: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let mode: LrclibMode = 'ok';

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(req.url ?? '');
    userAgents.push(req.headers['user-agent'] ?? '');
    const send = (): void => {
      const [status, body] = answer(req.url ?? '/', mode);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body);
    };
    if (mode !== 'slow') return send();
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!res.destroyed) send();
    }, options.slowMs ?? 6_000);
    timers.add(timer);
    res.on('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    userAgents,
    setMode: (next) => {
      mode = next;
    },
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function answer(path: string, mode: LrclibMode): [number, string] {
  if (mode === 'down') return [503, JSON.stringify({ code: 503, name: 'ServiceUnavailable', message: 'down' })];
  const url = new URL(path, 'http://lrclib.local');
  if (mode === 'malformed') return [200, JSON.stringify({ id: 'seven', lyrics: 42 })];
  if (url.pathname === '/api/get') {
    const record = findExact(url.searchParams);
    if (!record) return [404, JSON.stringify(notFound)];
    if (mode === 'huge') return [200, JSON.stringify({ ...record, plainLyrics: 'la '.repeat(400_000) })];
    return [200, JSON.stringify(record)];
  }
  if (url.pathname === '/api/search') {
    const found = search(url.searchParams);
    if (mode === 'huge')
      return [200, JSON.stringify(found.map((record) => ({ ...record, plainLyrics: 'la '.repeat(400_000) })))];
    return [200, JSON.stringify(found)];
  }
  return [404, JSON.stringify({ code: 404, name: 'NotFound', message: 'Not found' })];
}

const fold = (text: string | null | undefined): string =>
  (text ?? '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

function findExact(params: URLSearchParams): LrclibRecordJson | undefined {
  const artist = fold(params.get('artist_name'));
  const title = fold(params.get('track_name'));
  const album = params.get('album_name');
  const duration = params.get('duration');
  return RECORDS.find(
    (record) =>
      fold(record.artistName) === artist &&
      fold(record.trackName) === title &&
      (album === null || fold(record.albumName) === fold(album)) &&
      (duration === null || Math.abs(record.duration - Number(duration)) <= 2),
  );
}

function search(params: URLSearchParams): LrclibRecordJson[] {
  const words = fold(
    [params.get('q'), params.get('artist_name'), params.get('track_name')].filter(Boolean).join(' '),
  ).split(' ');
  if (words.length === 0 || words[0] === '') return [];
  return RECORDS.filter((record) => {
    const haystack = fold(
      `${record.artistName} ${record.trackName} ${record.albumName ?? ''} ${record.plainLyrics ?? ''}`,
    );
    return words.every((word) => haystack.split(' ').includes(word));
  });
}
