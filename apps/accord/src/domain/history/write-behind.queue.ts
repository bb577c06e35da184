// Re-exported: the queue's callers pass it as `isTransient`.
export { isTransientMongoError } from '../../adapters/database/mongo-errors';

/** What the queue needs from a logger. */
export interface QueueLogger {
  warn(message: string): void;
  error(message: string): void;
}

export interface WriteBehindOptions {
  /** Writes kept while the database is away; past it the oldest are dropped (and counted). */
  capacity: number;
  retryMinMs: number;
  retryMaxMs: number;
  logger: QueueLogger;
  /** True for errors worth retrying (the database is away), false for a write that can never succeed. */
  isTransient(error: unknown): boolean;
}

interface QueuedWrite {
  label: string;
  run(): Promise<void>;
  settle?(error?: unknown): void;
}

/**
 * Database writes that must never hold up the caller (playback, an interaction): they run one at a
 * time, in order, in the background. While the database is away the failed write stays at the head
 * and is retried with backoff (or at once on `nudge()`, e.g. when the driver reconnects); what
 * arrives meanwhile waits behind it, up to `capacity` writes. Writes must be idempotent, since one
 * whose acknowledgement was lost runs again.
 */
export class WriteBehindQueue {
  private readonly pending: QueuedWrite[] = [];
  private running = false;
  private retryTimer?: NodeJS.Timeout;
  private failures = 0;
  private droppedCount = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly options: WriteBehindOptions) {}

  get size(): number {
    return this.pending.length;
  }

  get dropped(): number {
    return this.droppedCount;
  }

  /** Queues a write and returns at once; failures are logged. */
  push(label: string, run: () => Promise<void>): void {
    this.add({ label, run });
  }

  /** Queues a write and resolves when it has run (after everything queued before it). */
  run(label: string, run: () => Promise<void>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.add({
        label,
        run,
        settle: (error) =>
          error === undefined ? resolve() : reject(error instanceof Error ? error : new Error(describe(error))),
      });
    });
  }

  /** Retries a waiting write now (the database is back). */
  nudge(): void {
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
      void this.drain();
    }
  }

  /** Resolves once the queue is empty, or after `timeoutMs`. */
  async idle(timeoutMs = 10_000): Promise<boolean> {
    if (this.pending.length === 0 && !this.running) return true;
    let timer: NodeJS.Timeout | undefined;
    const done = new Promise<boolean>((resolve) => this.idleWaiters.push(() => resolve(true)));
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([done, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops retrying; what is still queued is given up (reported by the caller from `size`). */
  stop(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private add(write: QueuedWrite): void {
    if (this.pending.length >= this.options.capacity) {
      // The head may be running: drop the oldest write behind it.
      const [oldest] = this.pending.splice(this.running ? 1 : 0, 1);
      if (oldest) {
        this.droppedCount += 1;
        oldest.settle?.(new Error('dropped: the write queue is full'));
        if (this.droppedCount === 1 || this.droppedCount % 100 === 0) {
          this.options.logger.warn(`History write queue full: dropped ${this.droppedCount} write(s) so far`);
        }
      }
    }
    this.pending.push(write);
    if (!this.retryTimer) void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.pending.length > 0) {
        const write = this.pending[0];
        try {
          await write.run();
        } catch (error: unknown) {
          if (this.options.isTransient(error)) {
            this.scheduleRetry(write, error);
            return;
          }
          this.options.logger.error(`History write "${write.label}" failed: ${describe(error)}`);
          this.pending.shift();
          write.settle?.(error);
          continue;
        }
        if (this.failures > 0)
          this.options.logger.warn(`History writes resumed after ${this.failures} failed attempt(s)`);
        this.failures = 0;
        this.pending.shift();
        write.settle?.();
      }
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const wake of waiters) wake();
    } finally {
      this.running = false;
    }
  }

  private scheduleRetry(write: QueuedWrite, error: unknown): void {
    this.failures += 1;
    const delay = Math.min(this.options.retryMaxMs, this.options.retryMinMs * 2 ** Math.min(this.failures - 1, 10));
    if (this.failures === 1) {
      this.options.logger.warn(
        `History write "${write.label}" failed (${describe(error)}); ${this.pending.length} write(s) wait, retrying`,
      );
    }
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.drain();
    }, delay);
    this.retryTimer.unref();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
