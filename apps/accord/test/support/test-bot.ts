import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { dropTestDatabase, testDatabaseUri } from '@accord/testkit/db';
import { FakeDiscord } from '@accord/testkit/discord';
import { GuildFactory, type FakeGuildDefinition } from '@accord/testkit/factories';
import { FakeLavalinkNode } from '@accord/testkit/lavalink';
import { createApp } from '../../src/bootstrap';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import type { LogRing } from '../../src/logging/log-ring';
import { createLogger } from '../../src/logging/logger.factory';

/** A bot token of the right shape; the fake Discord accepts any. */
export const TEST_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GaBcDe.fake-token-for-the-test-bench-only-000';

export interface TestBotOptions {
  guilds?: FakeGuildDefinition[];
  lavalinkNodes?: number;
  env?: Record<string, string>;
}

export interface TestBot {
  app: NestFastifyApplication;
  config: AppConfig;
  ring: LogRing;
  discord: FakeDiscord;
  lavalink: FakeLavalinkNode[];
  guild: FakeGuildDefinition;
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
    (_, index) => new FakeLavalinkNode({ name: `node-${index + 1}`, password: `secret-${index + 1}` }),
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
    ...options.env,
  });
  if (!parsed.ok) throw new Error(`test config is invalid:\n${parsed.detail}`);
  const config = parsed.value;
  const { logger, ring } = createLogger(config);
  const app = await createApp({ config, logger, ring });
  await app.listen(0, '127.0.0.1');

  return {
    app,
    config,
    ring,
    discord,
    lavalink,
    guild: guilds[0],
    close: async () => {
      await app.close();
      await Promise.all(lavalink.map((node) => node.stop()));
      await discord.stop();
      await dropTestDatabase(databaseUri);
      logger.close();
    },
  };
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
    if (Date.now() > deadline)
      throw new Error(
        `condition not met within ${timeoutMs} ms${last ? `: ${last instanceof Error ? last.message : JSON.stringify(last)}` : ''}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
