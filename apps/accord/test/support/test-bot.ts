import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { dropTestDatabase, testDatabaseUri } from '@accord/testkit/db';
import { FakeDiscord } from '@accord/testkit/discord';
import { GuildFactory, type FakeGuildDefinition } from '@accord/testkit/factories';
import { FakeLavalinkNode, type CatalogueTrack } from '@accord/testkit/lavalink';
import type { APIMessage } from 'discord.js';
import type * as winston from 'winston';
import { createApp } from '../../src/bootstrap';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import type { LogRing } from '../../src/logging/log-ring';
import { createLogger } from '../../src/logging/logger.factory';
import { LavalinkService } from '../../src/adapters/lavalink/lavalink.service';
import { NowPlayingService } from '../../src/transports/discord/now-playing/now-playing.service';

/** A bot token of the right shape; the fake Discord accepts any. */
export const TEST_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GaBcDe.fake-token-for-the-test-bench-only-000';

export interface TestBotOptions {
  guilds?: FakeGuildDefinition[];
  lavalinkNodes?: number;
  /** Tracks every fake Lavalink node can load and search. */
  lavalinkCatalogue?: CatalogueTrack[];
  /** Fake search latency in ms. */
  searchLatencyMs?: number;
  env?: Record<string, string>;
  /** Port the app listens on (default: any free one). Browser tests fix it to know `PUBLIC_URL` before boot. */
  httpPort?: number;
}

export interface TestBot {
  app: NestFastifyApplication;
  config: AppConfig;
  ring: LogRing;
  discord: FakeDiscord;
  lavalink: FakeLavalinkNode[];
  guild: FakeGuildDefinition;
  /** Gracefully stops the app (as on SIGTERM) and boots a new one on the same fakes and database. */
  restartApp(): Promise<void>;
  /** Gracefully stops the app only; `startApp` boots it again. */
  stopApp(): Promise<void>;
  startApp(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Boots the real application (the same `createApp` as production) against a fake Discord, fake
 * Lavalink nodes and this test file's own database.
 */
export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const guilds = options.guilds ?? [GuildFactory.create()];
  const discord = new FakeDiscord({ guilds, heartbeatIntervalMs: 1_000 });
  await discord.start();
  const lavalink = Array.from(
    { length: options.lavalinkNodes ?? 1 },
    (_, index) =>
      new FakeLavalinkNode({
        name: `node-${index + 1}`,
        password: `secret-${index + 1}`,
        catalogue: options.lavalinkCatalogue,
        searchLatencyMs: options.searchLatencyMs,
        playerUpdateIntervalMs: 1_000,
      }),
  );
  await Promise.all(lavalink.map((node) => node.start()));
  const databaseUri = testDatabaseUri();

  const parsed = loadConfig({
    NODE_ENV: 'test',
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_CLIENT_ID: discord.applicationId,
    DISCORD_DEV_GUILD_ID: guilds[0].id,
    DISCORD_API_URL: discord.apiUrl,
    MONGODB_URI: databaseUri,
    LAVALINK_NODES: lavalink.map((node) => `${node.nodeOption.name}:${node.nodeOption.auth}@${node.url}`).join(','),
    LAVALINK_RECONNECT_INTERVAL_S: '1',
    HTTP_PORT: '0',
    HTTP_HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    LOG_FORMAT: 'json',
    LOG_TO_FILE: 'false',
    // No taste model training in the background of every spec; the specs that need one train it.
    TASTE_MODEL_EVERY_H: '0',
    // Nothing answers here (SponsorBlock is unreachable from the bench); the segment specs bring a stand-in.
    SPONSORBLOCK_URL: 'http://127.0.0.1:9',
    // Nor here (LRCLIB): the lyrics specs bring a stand-in (`recordedLrclib`) and pass its URL.
    LRCLIB_URL: 'http://127.0.0.1:9',
    ...options.env,
  });
  if (!parsed.ok) throw new Error(`test config is invalid:\n${parsed.detail}`);
  const config = parsed.value;

  const boot = async (): Promise<{ app: NestFastifyApplication; logger: winston.Logger; ring: LogRing }> => {
    const { logger, ring } = createLogger(config);
    const app = await createApp({ config, logger, ring });
    await app.listen(options.httpPort ?? 0, '127.0.0.1');
    return { app, logger, ring };
  };
  let running = await boot();
  let stopped = false;

  const bot: TestBot = {
    app: running.app,
    config,
    ring: running.ring,
    discord,
    lavalink,
    guild: guilds[0],
    restartApp: async () => {
      await bot.stopApp();
      await bot.startApp();
    },
    stopApp: async () => {
      if (stopped) return;
      stopped = true;
      await running.app.close();
      running.logger.close();
    },
    startApp: async () => {
      running = await boot();
      stopped = false;
      bot.app = running.app;
      bot.ring = running.ring;
    },
    close: async () => {
      await bot.stopApp();
      await Promise.all(lavalink.map((node) => node.stop()));
      await discord.stop();
      await dropTestDatabase(databaseUri);
    },
  };
  return bot;
}

/**
 * Waits until the bot itself counts every Lavalink node as connected (READY received), which is
 * later than the fake node having opened the session: commands sent in between find no node.
 */
export async function lavalinkConnected(bot: TestBot, timeoutMs = 15_000): Promise<void> {
  await eventually(
    () =>
      bot.app
        .get(LavalinkService)
        .nodes()
        .every((node) => node.state === 'connected'),
    timeoutMs,
  );
}

/** Waits until the bot takes slash commands in `guildId`: every Lavalink node connected and `command` registered there. */
export async function readyForCommands(bot: TestBot, guildId: string, command = 'play'): Promise<void> {
  await lavalinkConnected(bot);
  await eventually(() => bot.discord.registeredCommands(guildId).some((registered) => registered.name === command));
}

/** The now-playing message the bot keeps in `guildId`, as the fake Discord holds it now. */
export function nowPlayingMessageOf(bot: TestBot, guildId: string): APIMessage | undefined {
  const ref = bot.app.get(NowPlayingService).messageOf(guildId);
  return ref ? bot.discord.message(ref.channelId, ref.messageId) : undefined;
}

/** Polls `probe` until it returns something truthy. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `condition not met within ${timeoutMs} ms${last ? `: ${last instanceof Error ? last.message : JSON.stringify(last)}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
