/** Why an external call gave nothing usable. */
export type HttpFailure = 'timeout' | 'aborted' | 'http' | 'network' | 'invalid';

export type HttpAnswer<T> = { ok: true; value: T } | HttpFailed;

export interface HttpFailed {
  ok: false;
  reason: HttpFailure;
  detail: string;
  /** The HTTP status, for `http`. */
  status?: number;
  /** The JSON an error status came with, when it had some (APIs that explain their 4xx). */
  body?: unknown;
}

export interface HttpJsonOptions {
  /** The whole call, retries included, ends after this long. */
  timeoutMs: number;
  /** The caller's own deadline (a pick moving on), if any. */
  signal?: AbortSignal;
  /** Retries after a 429 or 503 whose `Retry-After` still fits in the time left. */
  retries?: number;
  headers?: Record<string, string>;
  /** A form to POST (an OAuth token request) instead of a GET. */
  form?: URLSearchParams;
  /** For tests: how long to wait (defaults to a timer that ends with the call's signal). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** A bigger answer is `invalid` (read no further than this), so an outside API cannot flood memory. */
  maxBytes?: number;
}

/** Longest `Retry-After` waited for: a longer one is a failure now, not a retry. */
const MAX_RETRY_AFTER_MS = 10_000;

/**
 * The one way Accord's outside HTTP clients (Spotify, Deezer, Last.fm) call a JSON API: Node's `fetch`
 * ended by its own timeout or by the caller's signal, whichever comes first; a 429 or 503 retried
 * after its `Retry-After` when that fits in the time left. Never throws: failures are values for
 * the client to log or map.
 */
export async function getJson<T>(url: string, options: HttpJsonOptions): Promise<HttpAnswer<T>> {
  const started = Date.now();
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const sleep = options.sleep ?? sleepUnless;
  try {
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(url, {
        signal,
        headers: { accept: 'application/json', ...options.headers },
        ...(options.form ? { method: 'POST', body: options.form } : {}),
      });
      if (!response.ok) {
        const wait = retryAfterMs(response, Date.now());
        const left = options.timeoutMs - (Date.now() - started);
        if (attempt < (options.retries ?? 1) && wait !== null && wait < left) {
          await response.arrayBuffer().catch(() => undefined);
          await sleep(wait, signal);
          continue;
        }
        const body: unknown = await response.json().catch(() => undefined);
        return { ok: false, reason: 'http', detail: `HTTP ${response.status}`, status: response.status, body };
      }
      const text =
        options.maxBytes === undefined ? await response.text() : await textWithin(response, options.maxBytes);
      if (text === null)
        return { ok: false, reason: 'invalid', detail: `the answer is over ${options.maxBytes} bytes` };
      try {
        return { ok: true, value: JSON.parse(text) as T };
      } catch {
        return { ok: false, reason: 'invalid', detail: 'the answer is not JSON' };
      }
    }
  } catch (error: unknown) {
    if (options.signal?.aborted) return { ok: false, reason: 'aborted', detail: 'the caller moved on' };
    if (timeout.aborted) return { ok: false, reason: 'timeout', detail: `no answer within ${options.timeoutMs} ms` };
    return { ok: false, reason: 'network', detail: describe(error) };
  }
}

/** The wait a 429 or 503 asks for (`Retry-After` in seconds or as a date), or null. */
export function retryAfterMs(response: { status: number; headers: Headers }, now: number): number | null {
  if (response.status !== 429 && response.status !== 503) return null;
  const header = response.headers.get('retry-after')?.trim();
  if (!header) return null;
  const seconds = /^\d+(\.\d+)?$/.test(header) ? Number(header) * 1000 : Date.parse(header) - now;
  if (!Number.isFinite(seconds) || seconds > MAX_RETRY_AFTER_MS) return null;
  return Math.max(0, Math.ceil(seconds));
}

/** The body as text, or null (and the rest left unread) once it passes `maxBytes`. */
async function textWithin(response: Response, maxBytes: number): Promise<string | null> {
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel();
    return null;
  }
  if (!response.body) return '';
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks).toString('utf8');
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
}

function sleepUnless(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}
