/** Why an external call gave nothing usable. */
export type HttpFailure = 'timeout' | 'aborted' | 'http' | 'network' | 'invalid';

export type HttpAnswer<T> = { ok: true; value: T } | { ok: false; reason: HttpFailure; detail: string };

/**
 * One GET with Node's `fetch`, ended by its own timeout or by the caller's signal (the pick's
 * deadline), whichever comes first. Never throws: failures are values for the source to log.
 */
export async function getJson<T>(
  url: string,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<HttpAnswer<T>> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
    if (!response.ok) return { ok: false, reason: 'http', detail: `HTTP ${response.status}` };
    try {
      return { ok: true, value: (await response.json()) as T };
    } catch {
      return { ok: false, reason: 'invalid', detail: 'the answer is not JSON' };
    }
  } catch (error: unknown) {
    if (options.signal?.aborted) return { ok: false, reason: 'aborted', detail: 'the pick moved on' };
    if (timeout.aborted) return { ok: false, reason: 'timeout', detail: `no answer within ${options.timeoutMs} ms` };
    return { ok: false, reason: 'network', detail: describe(error) };
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}
