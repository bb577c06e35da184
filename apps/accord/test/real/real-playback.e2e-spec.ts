import { dropTestDatabase, testDatabaseUri } from '@accord/testkit/db';
import { FakeDiscord, type InteractionHandle } from '@accord/testkit/discord';
import { GuildFactory, MemberFactory, UserFactory } from '@accord/testkit/factories';
import {
  FakeVoiceServer,
  MediaLibrary,
  RealLavalinkNode,
  describeWithRealLavalink,
  ensureBenchSearchPlugin,
  identicalShare,
  testCertificates,
} from '@accord/testkit/lavalink-real';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type * as winston from 'winston';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { createLogger } from '../../src/logging/logger.factory';
import { TEST_TOKEN, eventually } from '../support/test-bot';

jest.setTimeout(120_000);

const ana = UserFactory.create({ username: 'ana' });

/**
 * The bot on the real Lavalink 4.2.2: `/play artist - title` searches through the bench's search
 * plugin, Lavalink connects to the bench's voice server, and the assertions are on the audio frames
 * that arrive there.
 */
describeWithRealLavalink('Playback on the real Lavalink (frames at the voice endpoint)', () => {
  const media = new MediaLibrary();
  const voice = new FakeVoiceServer();
  const guild = GuildFactory.create({ members: [MemberFactory.create({ user: ana })] });
  const voiceChannelId = GuildFactory.voiceChannel(guild).id;
  let discord: FakeDiscord;
  let node: RealLavalinkNode;
  let app: NestFastifyApplication;
  let logger: winston.Logger;
  const databaseUri = testDatabaseUri();

  const slash = (name: string, options?: Record<string, string | number | boolean>): InteractionHandle =>
    discord.slashCommand({
      guildId: guild.id,
      channelId: GuildFactory.textChannel(guild).id,
      userId: ana.id,
      name,
      options,
    });
  const answered = (handle: InteractionHandle): Promise<unknown> =>
    discord.waitUntil(
      () => discord.interactionResponses(handle.id).find((r) => r.path.endsWith('/callback')),
      { timeoutMs: 20_000 },
      `an answer to /${handle.id}`,
    );
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
  const nowMs = (): number => performance.timeOrigin + performance.now();

  beforeAll(async () => {
    await media.start([
      { artist: 'Bench Artist', title: 'Long Opus Song', durationSeconds: 120, format: 'ogg' },
      { artist: 'Bench Artist', title: 'Short Mp3 Song', durationSeconds: 5, format: 'mp3' },
    ]);
    await voice.start();
    node = new RealLavalinkNode({
      name: 'real-1',
      password: 'real-secret',
      trustStore: (await testCertificates()).trustStore,
      pluginsDir: await ensureBenchSearchPlugin(),
      catalogueUrl: media.baseUrl,
      frameBufferDurationMs: 1_000,
    });
    await node.start();
    discord = new FakeDiscord({ guilds: [guild], heartbeatIntervalMs: 1_000, voiceEndpoint: voice.endpoint });
    await discord.start();
    const parsed = loadConfig({
      NODE_ENV: 'test',
      DISCORD_TOKEN: TEST_TOKEN,
      DISCORD_CLIENT_ID: discord.applicationId,
      DISCORD_DEV_GUILD_ID: guild.id,
      DISCORD_API_URL: discord.apiUrl,
      MONGODB_URI: databaseUri,
      LAVALINK_NODES: `${node.name}:${node.password}@${node.url}`,
      LAVALINK_RECONNECT_INTERVAL_S: '1',
      HTTP_PORT: '0',
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
      LOG_FORMAT: 'json',
      LOG_TO_FILE: 'false',
    });
    if (!parsed.ok) throw new Error(`test config is invalid:\n${parsed.detail}`);
    const created = createLogger(parsed.value);
    logger = created.logger;
    app = await createApp({ config: parsed.value, logger, ring: created.ring });
    await app.listen(0, '127.0.0.1');
    discord.joinVoice(guild.id, ana.id, voiceChannelId);
    // The bot answers commands once its Lavalink node has said READY.
    await eventually(async () => (await node.request('GET', '/v4/stats')).status === 200, 30_000);
    await sleep(1_000);
  });

  afterAll(async () => {
    await app?.close();
    logger?.close();
    await node?.dispose();
    await discord?.stop();
    await voice.stop();
    await media.stop();
    await dropTestDatabase(databaseUri);
  });

  it('plays a searched song: its frames reach the voice endpoint byte for byte (passthrough)', async () => {
    const song = media.file('Long Opus Song');
    const sent = nowMs();
    await answered(slash('play', { query: 'Bench Artist - Long Opus Song' }));
    const frames = await voice.waitForFrames(guild.id, 100, { timeoutMs: 30_000 });
    process.stdout.write(`real node: /play to first frame ${(frames[0].time - sent).toFixed(0)} ms\n`);
    expect(identicalShare(frames, await media.opusPackets(song))).toBe(1);
    expect(voice.connections.at(-1)).toMatchObject({ guildId: guild.id, mode: 'aead_aes256_gcm_rtpsize' });
  });

  it('stops the frames on /pause and sends them again on /resume', async () => {
    await answered(slash('pause'));
    await sleep(1_500);
    const pausedFrom = nowMs();
    await sleep(1_500);
    expect(voice.framesFor(guild.id, { from: pausedFrom })).toHaveLength(0);
    const resumed = nowMs();
    await answered(slash('resume'));
    await voice.waitForFrames(guild.id, 25, { from: resumed, timeoutMs: 10_000 });
  });
});
