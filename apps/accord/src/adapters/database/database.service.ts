import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { ConnectionStates, type Connection } from 'mongoose';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { MONGOOSE_OPTIONS } from './mongoose-options';

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/** Watches the MongoDB connection: logs its changes, retries a failed first connection, answers health. */
@Injectable()
export class DatabaseService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseService.name);
  private retryTimer?: NodeJS.Timeout;
  private attempts = 0;
  private stopped = false;
  private lastError?: string;

  constructor(
    @InjectConnection() private readonly connection: Connection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.connection.on('connected', () => {
      this.attempts = 0;
      this.lastError = undefined;
      this.logger.log(`Connected to MongoDB (${this.connection.host}:${this.connection.port}/${this.connection.name})`);
    });
    this.connection.on('disconnected', () => {
      if (!this.stopped) this.logger.warn('MongoDB connection lost; the driver keeps retrying');
    });
    this.connection.on('reconnected', () => this.logger.log('Reconnected to MongoDB'));
    this.connection.on('error', (error: Error) => {
      this.lastError = error.message;
      this.logger.error(`MongoDB error: ${error.message}`);
    });
    // The lazy connection started opening in the factory; if that first attempt fails, the driver
    // does not retry it on its own.
    void this.connection.asPromise().catch((error: unknown) => this.scheduleRetry(error));
  }

  /** True when queries can be served now. */
  isUp(): boolean {
    return this.connection.readyState === ConnectionStates.connected;
  }

  /** Round trip to the server; throws when it does not answer within `timeoutMs`. */
  async ping(timeoutMs: number): Promise<number> {
    const db = this.connection.db;
    if (!this.isUp() || !db) throw new Error(this.lastError ?? 'not connected');
    const started = performance.now();
    await Promise.race([
      db.admin().ping(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref(),
      ),
    ]);
    return Math.round(performance.now() - started);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.connection.close().then(
      () => this.logger.log('MongoDB connection closed'),
      (error: unknown) => this.logger.warn(`Closing the MongoDB connection failed: ${String(error)}`),
    );
  }

  private scheduleRetry(error: unknown): void {
    if (this.stopped) return;
    this.lastError = error instanceof Error ? error.message : String(error);
    const delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** this.attempts);
    this.attempts += 1;
    this.logger.error(`Cannot reach MongoDB (${this.lastError}); retrying in ${Math.round(delay / 1000)} s`);
    this.retryTimer = setTimeout(() => {
      this.connection
        .openUri(this.config.mongodb.uri, MONGOOSE_OPTIONS)
        .catch((retryError: unknown) => this.scheduleRetry(retryError));
    }, delay);
    this.retryTimer.unref();
  }
}
