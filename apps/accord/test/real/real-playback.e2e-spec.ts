import { dropTestDatabase, testDatabaseUri } from '@accord/testkit/db';
import { FakeDiscord, type InteractionHandle } from '@accord/testkit/discord';
import { GuildFactory, MemberFactory, UserFactory } from '@accord/testkit/factories';
import {
  FakeVoiceServer,
  LavalinkRecordingProxy,
  MediaLibrary,
  RealLavalinkNode,
  describeWithRealLavalink,
  ensureBenchSearchPlugin,
  identicalShare,
  sourceIndexes,
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
  let proxy: LavalinkRecordingProxy;
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
  /** The text the user finally sees: the reply, or the deferred reply's edit or follow-up. */
  const answered = (handle: InteractionHandle): Promise<string> =>
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
    );
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
  const nowMs = (): number => performance.timeOrigin + performance.now();

  beforeAll(async () => {
    await media.start([
      { artist: 'Bench Artist', title: 'Long Opus Song', durationSeconds: 120, format: 'ogg' },
      { artist: 'Bench Artist', title: 'Short Mp3 Song', durationSeconds: 5, format: 'mp3' },
      { artist: 'Other Band', title: 'Second Opus Song', durationSeconds: 60, format: 'ogg' },
      { artist: 'Gap Band', title: 'First Short One', durationSeconds: 4, format: 'ogg' },
      { artist: 'Gap Band', title: 'Then Short Two', durationSeconds: 4, format: 'ogg' },
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
    proxy = new LavalinkRecordingProxy({ host: node.host, port: node.port });
    await proxy.start();
    discord = new FakeDiscord({ guilds: [guild], heartbeatIntervalMs: 1_000, voiceEndpoint: voice.endpoint });
    await discord.start();
    const parsed = loadConfig({
      NODE_ENV: 'test',
      DISCORD_TOKEN: TEST_TOKEN,
      DISCORD_CLIENT_ID: discord.applicationId,
      DISCORD_DEV_GUILD_ID: guild.id,
      DISCORD_API_URL: discord.apiUrl,
      MONGODB_URI: databaseUri,
      LAVALINK_NODES: `${node.name}:${node.password}@${proxy.url}`,
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
    await proxy?.stop();
    logger?.close();
    await node?.dispose();
    await discord?.stop();
    await voice.stop();
    await media.stop();
    await dropTestDatabase(databaseUri);
  });

  afterEach(() => {
    // The bot must never send a request the real node refuses in a normal flow.
    expect(proxy.clientErrors()).toEqual([]);
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

  it('jumps on /seek: the next frames are the file frames at that time', async () => {
    const source = await media.opusPackets(media.file('Long Opus Song'));
    await answered(slash('seek', { time: '1:00' }));
    await sleep(2_500); // frames buffered before the seek may still be on their way
    const frames = await voice.waitForFrames(guild.id, 10, { from: nowMs(), timeoutMs: 10_000 });
    const index = sourceIndexes(frames.slice(0, 1), source)[0];
    expect(index).toBeGreaterThanOrEqual(3_000); // 20 ms a frame
    expect(index).toBeLessThan(3_000 + 250);
  });

  it('transcodes at /volume 50 (payloads change) and passes through again at /volume 100', async () => {
    const source = await media.opusPackets(media.file('Long Opus Song'));
    const windowAfter = async (command: InteractionHandle): Promise<number> => {
      await answered(command);
      await sleep(2_500); // the 1 s frame buffer drains, twice over
      const from = nowMs();
      await sleep(1_000);
      return identicalShare(voice.framesFor(guild.id, { from }), source);
    };
    expect(await windowAfter(slash('volume', { level: 50 }))).toBe(0);
    expect(await windowAfter(slash('volume', { level: 100 }))).toBe(1);
  });

  it('plays the next song after /skip: its frames follow', async () => {
    await answered(slash('play', { query: 'Other Band - Second Opus Song' }));
    const second = await media.opusPackets(media.file('Second Opus Song'));
    const skipped = nowMs();
    await answered(slash('skip'));
    await sleep(2_500);
    const frames = await voice.waitForFrames(guild.id, 50, { from: skipped + 2_500, timeoutMs: 10_000 });
    expect(identicalShare(frames, second)).toBe(1);
  });

  it('follows a song that ends by itself with the next one in the queue after a short silence', async () => {
    await answered(slash('stop'));
    await sleep(1_500);
    await answered(slash('play', { query: 'Gap Band - First Short One' }));
    await answered(slash('play', { query: 'Gap Band - Then Short Two' }));
    const first = new Set((await media.opusPackets(media.file('First Short One'))).map((p) => p.toString('base64')));
    const second = new Set((await media.opusPackets(media.file('Then Short Two'))).map((p) => p.toString('base64')));
    const frames = await discord.waitUntil(
      () => {
        const all = voice.framesFor(guild.id);
        return all.filter((frame) => second.has(frame.opus.toString('base64'))).length >= 25 && all;
      },
      { timeoutMs: 20_000 },
      'frames of the second song',
    );
    const lastOfFirst = frames.filter((frame) => first.has(frame.opus.toString('base64'))).at(-1);
    const firstOfSecond = frames.find((frame) => second.has(frame.opus.toString('base64')));
    expect(lastOfFirst && firstOfSecond).toBeTruthy();
    const gapMs = (firstOfSecond?.time ?? 0) - (lastOfFirst?.time ?? 0);
    process.stdout.write(`real node: silence between two queued songs ${gapMs.toFixed(1)} ms\n`);
    expect(gapMs).toBeGreaterThan(0);
    expect(gapMs).toBeLessThan(1_000);
  });

  it('answers a direct link that the media server does not have with a clear message and queues nothing', async () => {
    const before = proxy.exchanges.length;
    const answer = await answered(slash('play', { query: media.missingUrl }));
    expect(answer.length).toBeGreaterThan(0);
    const patches = proxy.exchanges.slice(before).filter((exchange) => exchange.method === 'PATCH');
    expect(patches).toEqual([]);
    process.stdout.write(`real node: /play of a 404 link answers ${answer}\n`);
  });
});
