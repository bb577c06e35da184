import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Events, Routes, Status, type Client } from 'discord.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DISCORD_CLIENT } from './discord-client.provider';
import { fatalCloseReason, retryWithBackoff } from './discord-retry';

/** Ends the process; the module provides `process.exit`, unit tests a spy. */
export const PROCESS_EXIT = Symbol('PROCESS_EXIT');
export type ProcessExit = (code: number) => void;

/** Where the login stands, for the health check and /ping. */
export type DiscordLoginState =
  | { phase: 'connecting'; attempt: number; lastError: string | null; nextAttemptAt: number | null }
  | { phase: 'logged-in' }
  | { phase: 'stopped' };

/**
 * Logs the bot in once every module is ready, reports gateway health, and logs out on shutdown.
 *
 * While Discord cannot be reached (DNS not ready, network down, 5xx, 429) the login is retried with
 * capped exponential backoff, one log line per attempt; the app meanwhile serves its health check,
 * which says "connecting to Discord". A refused token (401, close 4004) or refused intents (4013,
 * 4014) cannot be fixed by retrying: one line says so and the process exits 1, so a container
 * shows the reason instead of restarting in a loop.
 */
@Injectable()
export class DiscordGatewayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DiscordGatewayService.name);
  private readonly stopping = new AbortController();
  private state: DiscordLoginState = { phase: 'connecting', attempt: 0, lastError: null, nextAttemptAt: null };
  private failed = false;

  constructor(
    @Inject(DISCORD_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PROCESS_EXIT) private readonly exit: ProcessExit,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.client.once(Events.ClientReady, (ready) =>
      this.logger.log(`Logged in to Discord as ${ready.user.tag} in ${ready.guilds.cache.size} server(s)`),
    );
    this.client.on(Events.ShardDisconnect, (event, shardId) => {
      const fatal = fatalCloseReason(event.code);
      if (fatal) this.fail(fatal);
      else this.logger.warn(`Gateway shard ${shardId} disconnected (${event.code})`);
    });
    this.client.on(Events.ShardReconnecting, (shardId) => this.logger.warn(`Gateway shard ${shardId} reconnecting`));
    this.client.on(Events.ShardResume, (shardId) => this.logger.log(`Gateway shard ${shardId} resumed`));
    this.client.on(Events.Warn, (message) => this.logger.warn(message));
    this.client.on(Events.Error, (error) => this.logger.error(`Discord client error: ${error.message}`, error.stack));

    // Boot waits for the first attempt only: a reachable Discord is logged in to before the app
    // listens (as it always was); after a failed attempt the retries go on in the background and
    // the app starts anyway, its health check saying "connecting to Discord".
    let releaseBoot!: () => void;
    const firstAttemptSettled = new Promise<void>((resolve) => (releaseBoot = resolve));
    const loop = retryWithBackoff({
      run: (attempt) => this.attempt(attempt),
      onRetry: ({ attempt, delayMs, reason }) => {
        this.state = { phase: 'connecting', attempt, lastError: reason, nextAttemptAt: Date.now() + delayMs };
        this.logger.warn(`${reason}; login attempt ${attempt + 1} in ${(delayMs / 1_000).toFixed(1)} s`);
        releaseBoot();
      },
      onFatal: (reason) => {
        this.fail(reason);
        releaseBoot();
      },
      signal: this.stopping.signal,
    });
    void loop.then((loggedIn) => {
      if (loggedIn) this.state = { phase: 'logged-in' };
      releaseBoot();
    });
    await firstAttemptSettled;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    this.state = { phase: 'stopped' };
    await this.client.destroy();
  }

  isReady(): boolean {
    return this.client.isReady() && this.client.ws.status === Status.Ready;
  }

  /** Login progress: still connecting (with the last error and the next attempt), logged in, or stopped. */
  loginState(): DiscordLoginState {
    return this.state;
  }

  /** Gateway heartbeat round trip in milliseconds, or null before the first heartbeat. */
  ping(): number | null {
    const ping = this.client.ws.ping;
    return ping >= 0 ? ping : null;
  }

  /**
   * One login attempt. `GET /gateway/bot` first: it fails cleanly while Discord is unreachable or
   * refuses the token, without touching the client's gateway state. Only then `login()`, which
   * discord.js cannot repeat after a failure without the reset below.
   */
  private async attempt(attempt: number): Promise<void> {
    this.state = { ...this.connectingState(), attempt };
    if (attempt === 1) this.logger.log('Connecting to Discord');
    this.client.rest.setToken(this.config.discord.token);
    await this.client.rest.get(Routes.gatewayBot());
    try {
      await this.client.login(this.config.discord.token);
    } catch (error) {
      // discord.js 14 destroys the client when login() fails and marks its gateway manager
      // destroyed for good, so isReady() would stay false after a later successful login.
      (this.client.ws as unknown as { destroyed: boolean }).destroyed = false;
      throw error;
    }
  }

  private connectingState(): Extract<DiscordLoginState, { phase: 'connecting' }> {
    return this.state.phase === 'connecting'
      ? this.state
      : { phase: 'connecting', attempt: 0, lastError: null, nextAttemptAt: null };
  }

  /** One line, then exit 1; only the first fatal failure counts (a 4004 is both a close and a failed login). */
  private fail(reason: string): void {
    if (this.failed) return;
    this.failed = true;
    this.stopping.abort();
    this.logger.error(`${reason}. Accord stops.`);
    this.exit(1);
  }
}
