import { Injectable, Logger } from '@nestjs/common';

export const LRCLIB_URL = 'https://lrclib.net';
/** A lyrics lookup is something a user waits on, never playback: a slow LRCLIB is given up on. */
const TIMEOUT_MS = 4_000;
/** The longest answer read: a song's lyrics in both forms take a few KB; more is not lyrics. */
const MAX_BYTES = 256 * 1024;
/** The most search results looked at. */
const SEARCH_LIMIT = 20;
/** LRCLIB asks its users to say who they are. */
const USER_AGENT = 'Accord/0.1 (self-hosted Discord music bot; lyrics for the song playing)';

/** One LRCLIB record, as `/api/get` and each `/api/search` result hold it (checked field by field). */
export interface LrclibRecord {
  id: number;
  trackName: string;
  artistName: string;
  albumName: string | null;
  /** Seconds. */
  duration: number;
  instrumental: boolean;
  plainLyrics: string | null;
  /** LRC: `[mm:ss.xx] line` per line. */
  syncedLyrics: string | null;
}

export interface LrclibQuery {
  artist: string;
  title: string;
  album?: string;
  /** Seconds; 0 when unknown (a query, a stream). */
  durationS: number;
}

/** Why LRCLIB gave nothing usable (the lookup then counts as "none", with a debug log). */
export type LrclibFailure = 'timeout' | 'network' | 'http' | 'too-large' | 'malformed';

/** An answer, or why there is none (logged at debug level by the client). */
export type LrclibAnswer<T> = { ok: true; value: T } | { ok: false; reason: LrclibFailure; detail: string };

export interface LrclibClientOptions {
  baseUrl?: string;
  timeoutMs?: number;
  maxBytes?: number;
}

/**
 * LRCLIB's public API (no key), the one place that talks to it: `/api/get` for one song by artist,
 * title, album and duration, and `/api/search` for a free query. Answers are read up to a size cap
 * and checked field by field; a failure is a value, never an exception.
 */
@Injectable()
export class LrclibClient {
  private readonly logger = new Logger(LrclibClient.name);
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;

  constructor(options: LrclibClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? LRCLIB_URL).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
    this.maxBytes = options.maxBytes ?? MAX_BYTES;
  }

  /** The record for one song; `null` when LRCLIB has none (its 404 TrackNotFound). */
  async get(query: LrclibQuery): Promise<LrclibAnswer<LrclibRecord | null>> {
    const params = new URLSearchParams({ artist_name: query.artist, track_name: query.title });
    // An album or a duration not known is left out rather than sent empty or 0, which would name them.
    if (query.album) params.set('album_name', query.album);
    if (query.durationS > 0) params.set('duration', String(Math.round(query.durationS)));
    const answer = await this.call(`/api/get?${params.toString()}`);
    if (!answer.ok) return answer;
    if (answer.value === NOT_FOUND) return { ok: true, value: null };
    const record = toRecord(answer.value);
    return record ? { ok: true, value: record } : this.malformed('/api/get', 'a record without its fields');
  }

  /** Records matching a free query (`q`), best first as LRCLIB ranks them. */
  async search(text: string): Promise<LrclibAnswer<LrclibRecord[]>> {
    const answer = await this.call(`/api/search?${new URLSearchParams({ q: text }).toString()}`);
    if (!answer.ok) return answer;
    if (answer.value === NOT_FOUND) return { ok: true, value: [] };
    if (!Array.isArray(answer.value)) return this.malformed('/api/search', 'not a list');
    const records = answer.value.slice(0, SEARCH_LIMIT).map(toRecord);
    if (records.some((record) => record === null)) return this.malformed('/api/search', 'a result without its fields');
    return { ok: true, value: records as LrclibRecord[] };
  }

  private async call(path: string): Promise<LrclibAnswer<unknown>> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        signal: timeout,
        headers: { accept: 'application/json', 'user-agent': USER_AGENT },
      });
      if (response.status === 404) {
        await response.body?.cancel().catch(() => undefined);
        return { ok: true, value: NOT_FOUND };
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        return this.failed('http', `HTTP ${response.status}`);
      }
      const text = await readCapped(response, this.maxBytes);
      if (text === null) return this.failed('too-large', `the answer is over ${this.maxBytes} bytes`);
      try {
        return { ok: true, value: JSON.parse(text) as unknown };
      } catch {
        return this.malformed(path.split('?')[0], 'not JSON');
      }
    } catch (error: unknown) {
      if (timeout.aborted) return this.failed('timeout', `no answer within ${this.timeoutMs} ms`);
      return this.failed('network', error instanceof Error ? error.message : String(error));
    }
  }

  private malformed(path: string, detail: string): LrclibAnswer<never> {
    return this.failed('malformed', `${path}: ${detail}`);
  }

  private failed(reason: LrclibFailure, detail: string): LrclibAnswer<never> {
    this.logger.debug(`LRCLIB answer ignored (${reason}): ${detail}`);
    return { ok: false, reason, detail };
  }
}

const NOT_FOUND = Symbol('not-found');

/** The body as text, or null once it passes `maxBytes` (the rest is not read). */
async function readCapped(response: Response, maxBytes: number): Promise<string | null> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return null;
  }
  if (!response.body) return '';
  const reader = response.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    const value = chunk.value;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function toRecord(value: unknown): LrclibRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const json = value as Record<string, unknown>;
  const nullableString = (field: unknown): field is string | null | undefined =>
    field === null || field === undefined || typeof field === 'string';
  if (
    typeof json.id !== 'number' ||
    typeof json.trackName !== 'string' ||
    typeof json.artistName !== 'string' ||
    typeof json.duration !== 'number' ||
    !Number.isFinite(json.duration) ||
    !nullableString(json.albumName) ||
    !nullableString(json.plainLyrics) ||
    !nullableString(json.syncedLyrics) ||
    (json.instrumental !== undefined && typeof json.instrumental !== 'boolean')
  ) {
    return null;
  }
  return {
    id: json.id,
    trackName: json.trackName,
    artistName: json.artistName,
    albumName: json.albumName ?? null,
    duration: json.duration,
    instrumental: json.instrumental === true,
    plainLyrics: json.plainLyrics || null,
    syncedLyrics: json.syncedLyrics || null,
  };
}
