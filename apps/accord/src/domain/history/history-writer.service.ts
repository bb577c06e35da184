import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { isTransientMongoError, WriteBehindQueue } from './write-behind.queue';

/** Writes kept while MongoDB is away: about an hour of a busy guild's plays, feedback and profile updates. */
const CAPACITY = 5_000;
const SHUTDOWN_FLUSH_MS = 3_000;

/**
 * The listening memory's one write path: every history, feedback and profile write goes through
 * this queue, in order, off the caller's path. A MongoDB outage holds the writes (bounded) and
 * they are flushed when the driver reconnects.
 */
@Injectable()
export class HistoryWriter implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(HistoryWriter.name);
  private readonly queue = new WriteBehindQueue({
    capacity: CAPACITY,
    retryMinMs: 500,
    retryMaxMs: 5_000,
    logger: this.logger,
    isTransient: isTransientMongoError,
  });

  constructor(@InjectConnection() private readonly connection: Connection) {}

  onModuleInit(): void {
    const nudge = (): void => this.queue.nudge();
    this.connection.on('connected', nudge);
    this.connection.on('reconnected', nudge);
  }

  /** Before the database connection closes (its module shuts down in `onApplicationShutdown`). */
  async beforeApplicationShutdown(): Promise<void> {
    const flushed = await this.queue.idle(SHUTDOWN_FLUSH_MS);
    this.queue.stop();
    if (!flushed) this.logger.warn(`Shutting down with ${this.queue.size} history write(s) not written`);
  }

  /** Fire and forget. */
  push(label: string, write: () => Promise<void>): void {
    this.queue.push(label, write);
  }

  /** Queued behind everything before it; resolves when written. */
  run(label: string, write: () => Promise<void>): Promise<void> {
    return this.queue.run(label, write);
  }

  /** Resolves when every queued write has run (tests, shutdown). */
  idle(timeoutMs?: number): Promise<boolean> {
    return this.queue.idle(timeoutMs);
  }

  get pending(): number {
    return this.queue.size;
  }
}
