import nock, { type Interceptor } from 'nock';
import noData from './recordings/error-no-data.json';
import harderBetter from './recordings/track-harder-better.json';

export const DEEZER_API = 'https://api.deezer.com';

/** Ids with a recorded answer; any other id answers Deezer's "no data" error (code 800). */
export const DEEZER_FIXTURES = {
  harderBetter: {
    id: String(harderBetter.id),
    artist: 'Daft Punk',
    title: harderBetter.title,
    isrc: harderBetter.isrc,
  },
} as const;

const TRACKS: Record<string, unknown> = { [String(harderBetter.id)]: harderBetter };

export interface RecordedDeezer {
  /** Paths requested, in order (`/track/3135556`). */
  readonly requests: string[];
  /** Makes every call fail as if Deezer were down (HTTP 503) until called with false. */
  setDown(down: boolean): void;
  stop(): void;
}

/**
 * Serves recorded Deezer API answers to this process's `fetch` (through nock) and keeps every
 * other host but loopback unreachable.
 */
export function recordedDeezer(): RecordedDeezer {
  const requests: string[] = [];
  let down = false;
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  const interceptor: Interceptor = nock(DEEZER_API).persist().get(/.*/);
  interceptor.reply((path) => {
    requests.push(path);
    if (down) return [503, 'Service Unavailable'];
    const track = /^\/track\/(\d+)$/.exec(path);
    if (track) return [200, TRACKS[track[1]] ?? noData];
    return [200, noData];
  });
  return {
    requests,
    setDown: (value) => {
      down = value;
    },
    stop: () => {
      nock.removeInterceptor(interceptor);
    },
  };
}
