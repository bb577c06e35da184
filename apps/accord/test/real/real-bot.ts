import { dropTestDatabase, testDatabaseUri } from '@accord/testkit/db';
import { FakeDiscord, type InteractionHandle } from '@accord/testkit/discord';
import { GuildFactory, MemberFactory, UserFactory, type FakeGuildDefinition } from '@accord/testkit/factories';
import {
  FakeVoiceServer,
  LavalinkRecordingProxy,
  MediaLibrary,
  RealLavalinkNode,
  ensureBenchSearchPlugin,
  testCertificates,
  type MediaSpec,
} from '@accord/testkit/lavalink-real';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type * as winston from 'winston';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { LavalinkService } from '../../src/adapters/lavalink/lavalink.service';
import { createLogger } from '../../src/logging/logger.factory';
import { TEST_TOKEN, eventually } from '../support/test-bot';

export interface RealBot {
  app: NestFastifyApplication;
  discord: FakeDiscord;
  /** The first node; `nodes` holds all of them, `proxies` the proxy in front of each. */
  node: RealLavalinkNode;
  nodes: RealLavalinkNode[];
  /** Between the bot and the (first) node: every REST exchange with its status. */
  proxy: LavalinkRecordingProxy;
  proxies: LavalinkRecordingProxy[];
  voice: FakeVoiceServer;
  media: MediaLibrary;
  guild: FakeGuildDefinition;
  /** A slash command from the listener, in the guild's text channel. */
  slash(name: string, options?: Record<string, string | number | boolean>): InteractionHandle;
  /** The text the user finally sees: the reply, or the deferred reply's edit or follow-up. */
  answered(handle: InteractionHandle): Promise<string>;
  close(): Promise<void>;
}

/**
 * The bot (the same `createApp` as production) on the real Lavalink 4.2.2: the fake Discord's
 * VOICE_SERVER_UPDATE points at the bench's voice server, and the bench search plugin answers
 * `ytsearch:` from `songs`. The listener is already in the guild's voice channel.
 */
export async function startRealBot(options: {
  songs: MediaSpec[];
  frameBufferDurationMs?: number;
  /** Real nodes to start (default 1), one JVM each. */
  nodeCount?: number;
}): Promise<RealBot> {
  const listener = UserFactory.create({ username: 'listener' });
  const guild = GuildFactory.create({ members: [MemberFactory.create({ user: listener })] });
  const media = new MediaLibrary();
  await media.start(options.songs);
  const voice = new FakeVoiceServer();
  await voice.start();
  const nodes: RealLavalinkNode[] = [];
  const proxies: LavalinkRecordingProxy[] = [];
  for (let index = 1; index <= (options.nodeCount ?? 1); index++) {
    const node = new RealLavalinkNode({
      name: `real-${index}`,
      password: `real-secret-${index}`,
      trustStore: (await testCertificates()).trustStore,
      pluginsDir: await ensureBenchSearchPlugin(),
      catalogueUrl: media.baseUrl,
      frameBufferDurationMs: options.frameBufferDurationMs,
    });
    await node.start(); // one at a time: two JVMs starting together on two cores take twice as long
    const proxy = new LavalinkRecordingProxy({ host: node.host, port: node.port });
    await proxy.start();
    nodes.push(node);
    proxies.push(proxy);
  }
  const discord = new FakeDiscord({ guilds: [guild], heartbeatIntervalMs: 1_000, voiceEndpoint: voice.endpoint });
  await discord.start();
  const databaseUri = testDatabaseUri();
  const parsed = loadConfig({
    NODE_ENV: 'test',
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_CLIENT_ID: discord.applicationId,
    DISCORD_DEV_GUILD_ID: guild.id,
    DISCORD_API_URL: discord.apiUrl,
    MONGODB_URI: databaseUri,
    LAVALINK_NODES: nodes.map((node, index) => `${node.name}:${node.password}@${proxies[index].url}`).join(','),
    LAVALINK_RECONNECT_INTERVAL_S: '1',
    // The bench's media server is on loopback: direct links to it are allowed here only.
    DIRECT_LINKS: 'any',
    HTTP_PORT: '0',
    HTTP_HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    LOG_FORMAT: 'json',
    LOG_TO_FILE: 'false',
  });
  if (!parsed.ok) throw new Error(`test config is invalid:\n${parsed.detail}`);
  const { logger, ring }: { logger: winston.Logger; ring: Parameters<typeof createApp>[0]['ring'] } = createLogger(
    parsed.value,
  );
  const app = await createApp({ config: parsed.value, logger, ring });
  await app.listen(0, '127.0.0.1');
  discord.joinVoice(guild.id, listener.id, GuildFactory.voiceChannel(guild).id);
  // Commands find a node only once the bot has counted it connected (READY received).
  await eventually(
    () =>
      app
        .get(LavalinkService)
        .nodes()
        .every((entry) => entry.state === 'connected'),
    30_000,
  );

  return {
    app,
    discord,
    node: nodes[0],
    nodes,
    proxy: proxies[0],
    proxies,
    voice,
    media,
    guild,
    slash: (name, commandOptions) =>
      discord.slashCommand({
        guildId: guild.id,
        channelId: GuildFactory.textChannel(guild).id,
        userId: listener.id,
        name,
        options: commandOptions,
      }),
    answered: (handle) =>
      discord.waitUntil(
        () => {
          const responses = discord.interactionResponses(handle.id);
          const callback = responses.find((r) => r.path.endsWith('/callback'));
          const body = callback?.body as { type: number; data?: unknown } | undefined;
          if (!body) return undefined;
          if (body.type !== 5 && body.type !== 6) return JSON.stringify(body.data ?? {});
          const later = responses.find((r) => r.method === 'PATCH' || (r.method === 'POST' && r !== callback));
          return later ? JSON.stringify(later.body) : undefined;
        },
        { timeoutMs: 20_000 },
        `an answer to interaction ${handle.id}`,
      ),
    close: async () => {
      await app.close();
      logger.close();
      for (const proxy of proxies) await proxy.stop();
      for (const node of nodes) await node.dispose();
      await discord.stop();
      await voice.stop();
      await media.stop();
      await dropTestDatabase(databaseUri);
    },
  };
}
