import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ApiErrorDto } from '@accord/contracts';

export interface RequestRateLimitOptions {
  /** Requests an address may make per window. */
  limit: number;
  windowMs: number;
  now?: () => number;
}

/**
 * Counts requests per address in fixed windows. Pure bookkeeping: the caller decides what an
 * address is and what to answer. Windows that ended are dropped as the map grows.
 */
export class RequestRateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();
  private readonly now: () => number;

  constructor(private readonly options: RequestRateLimitOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Counts one request; returns the seconds to wait when the address is over its limit, else 0. */
  take(address: string): number {
    const now = this.now();
    let window = this.windows.get(address);
    if (!window || now - window.startedAt >= this.options.windowMs) {
      if (this.windows.size >= PRUNE_AT) this.prune(now);
      window = { startedAt: now, count: 0 };
      this.windows.set(address, window);
    }
    window.count += 1;
    if (window.count <= this.options.limit) return 0;
    return Math.max(1, Math.ceil((window.startedAt + this.options.windowMs - now) / 1000));
  }

  private prune(now: number): void {
    for (const [address, window] of this.windows) {
      if (now - window.startedAt >= this.options.windowMs) this.windows.delete(address);
    }
  }
}

const PRUNE_AT = 10_000;

/** Requests an address may make a minute on the API, counted before anything else happens to them. */
export const API_REQUESTS_PER_MINUTE = 600;

/**
 * Applies the per-address API limit in Fastify's `onRequest` hook, which runs before the body is
 * read, so a flood is refused (429 `RATE_LIMITED`, `Retry-After`) without reading or parsing what it
 * sends. The health check is left out: monitors and orchestrators poll it. The address is
 * `request.ip`, which follows `X-Forwarded-For` only from the proxies in TRUST_PROXY.
 */
export function registerRequestRateLimit(
  app: NestFastifyApplication,
  limiter = new RequestRateLimiter({ limit: API_REQUESTS_PER_MINUTE, windowMs: 60_000 }),
): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    const path = request.url.split('?')[0];
    if (!path.startsWith('/api/') || path === '/api/v1/health') return done();
    const waitS = limiter.take(request.ip);
    if (waitS === 0) return done();
    const body: ApiErrorDto = {
      statusCode: 429,
      error: 'Too Many Requests',
      message: `Too many requests from this address. Try again in ${waitS} s.`,
      code: 'RATE_LIMITED',
    };
    void reply.status(429).header('retry-after', String(waitS)).send(body);
  });
}
