import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { SimilarRepository } from './similar.repository';

/** How long answers are kept, by kind of source. */
export const CACHE_TTL_MS = {
  /** Last.fm and Deezer similarity moves slowly. */
  external: 7 * 24 * 3_600_000,
  /** A YouTube mix is stable for days; its videos may vanish. */
  mix: 3 * 24 * 3_600_000,
  /** Co-listening changes with every play of this instance. */
  colistening: 3_600_000,
} as const;

/**
 * Source answers cached in MongoDB with an expiry. A cache that cannot be read or written (the
 * database is away) is skipped: the source asks again, the pick goes on.
 */
@Injectable()
export class SimilarCacheService {
  private readonly logger = new Logger(SimilarCacheService.name);
  /** Loads in flight, shared: two seeds with the same neighbour ask the source once. */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(private readonly repository: SimilarRepository) {}

  /**
   * The cached answer for (source, key), else `load()`'s, stored for `ttlMs`. `load` returns
   * undefined for a failure that must not be cached (a timeout); an empty answer is cached.
   */
  async remember<T>(
    source: string,
    key: string,
    ttlMs: number,
    load: () => Promise<T | undefined>,
  ): Promise<T | undefined> {
    const id = `${source}\n${key}`;
    const running = this.inFlight.get(id) as Promise<T | undefined> | undefined;
    if (running) return running;
    const promise = this.lookUp(source, key, ttlMs, load).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, promise);
    return promise;
  }

  private async lookUp<T>(
    source: string,
    key: string,
    ttlMs: number,
    load: () => Promise<T | undefined>,
  ): Promise<T | undefined> {
    const now = new Date();
    const cached = await this.repository.find<T>(source, key, now).catch((error: unknown) => {
      this.logger.warn(`Cache read failed for ${source} ${key}: ${String(error)}`);
      return undefined;
    });
    if (cached !== undefined) return cached;
    const fresh = await load();
    if (fresh === undefined) return undefined;
    void this.repository.save(source, key, fresh, new Date(now.getTime() + ttlMs), now).catch((error: unknown) => {
      // Two processes (or a restart) racing on one upsert: the other answer is as good.
      if (isDuplicateKey(error)) return;
      this.logger.warn(`Cache write failed for ${source} ${key}: ${String(error)}`);
    });
    return fresh;
  }

  /** Deletes expired answers every hour (FerretDB 1.x has no TTL indexes). */
  @Cron(CronExpression.EVERY_HOUR, { name: 'similar-cache-purge' })
  async purgeExpired(): Promise<number> {
    try {
      const deleted = await this.repository.deleteExpired(new Date());
      if (deleted > 0) this.logger.log(`Deleted ${deleted} expired cached source answer(s)`);
      return deleted;
    } catch (error: unknown) {
      this.logger.warn(`Could not delete expired cached source answers: ${String(error)}`);
      return 0;
    }
  }
}

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
