import { dropTestDatabase, testDatabaseUri } from '@accord/testkit/db';
import { FakeDiscord, type InteractionHandle } from '@accord/testkit/discord';
import { GuildFactory, MemberFactory, UserFactory, type FakeGuildDefinition } from '@accord/testkit/factories';
import {
  FakeVoiceServer,
  LavalinkRecordingProxy,
  MediaLibrary,
  RealLavalinkNode,
  ensureBenchSearchPlugin,
  framesLost,
  testCertificates,
  type MediaSpec,
} from '@accord/testkit/lavalink-real';
import { parseTitle, trackKey } from '@accord/track-identity';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type * as winston from 'winston';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { LavalinkService } from '../../src/adapters/lavalink/lavalink.service';
import { PlaybackService } from '../../src/domain/playback/playback.service';
import type { PlayableTrack } from '../../src/domain/playback/playback.types';
import { createLogger } from '../../src/logging/logger.factory';
import { BotProcess } from '../support/bot-process';
import { TEST_TOKEN, eventually } from '../support/test-bot';

/** Wall-clock milliseconds with sub-millisecond precision: the time base of the voice endpoint's frames. */
export const nowMs = (): number => performance.timeOrigin + performance.now();

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface RealBot {
  /** The bot in this process (absent with `botProcess`). */
  app?: NestFastifyApplication;
  /** The bot in a child process of its own (with `botProcess`): drills kill it and start it again. */
  bot?: BotProcess;
  /** Starts the bot process again on the same fakes, node and database (with `botProcess`). */
  startBot(): Promise<BotProcess>;
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
  /** The listener: in the guild's voice channel from the start, the user of `slash`. */
  listenerId: string;
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
  /** Runs the bot as production does, in a child process (`apps/accord/src/main.ts`), not in this one. */
  botProcess?: boolean;
  /** Extra environment for the bot (e.g. `PLAYBACK_LOOKAHEAD_S: '0'`). */
  env?: Record<string, string>;
  /** Extra keys under the nodes' `lavalink.server` (e.g. `trackStuckThresholdMs: 1500`). */
  serverYaml?: string[];
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
      serverYaml: options.serverYaml,
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
  const env = {
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_CLIENT_ID: discord.applicationId,
    DISCORD_DEV_GUILD_ID: guild.id,
    DISCORD_API_URL: discord.apiUrl,
    MONGODB_URI: databaseUri,
    LAVALINK_NODES: nodes.map((node, index) => `${node.name}:${node.password}@${proxies[index].url}`).join(','),
    LAVALINK_RECONNECT_INTERVAL_S: '1',
    // The bench's media server is on loopback: direct links to it are allowed here only.
    DIRECT_LINKS: 'any',
    ...options.env,
  };
  const state: { bot?: BotProcess } = {};
  const startBot = async (): Promise<BotProcess> => {
    state.bot = await BotProcess.start({ discord, lavalink: [], databaseUri, env });
    return state.bot;
  };
  let app: NestFastifyApplication | undefined;
  let closeLogger = (): void => undefined;
  if (options.botProcess) {
    discord.joinVoice(guild.id, listener.id, GuildFactory.voiceChannel(guild).id);
    await startBot();
  } else {
    const parsed = loadConfig({
      ...env,
      NODE_ENV: 'test',
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
    closeLogger = () => logger.close();
    const inProcess = await createApp({ config: parsed.value, logger, ring });
    app = inProcess;
    await inProcess.listen(0, '127.0.0.1');
    discord.joinVoice(guild.id, listener.id, GuildFactory.voiceChannel(guild).id);
    // Commands find a node only once the bot has counted it connected (READY received).
    await eventually(
      () =>
        inProcess
          .get(LavalinkService)
          .nodes()
          .every((entry) => entry.state === 'connected'),
      30_000,
    );
  }

  return {
    app,
    get bot() {
      return state.bot;
    },
    startBot,
    discord,
    node: nodes[0],
    nodes,
    proxy: proxies[0],
    proxies,
    voice,
    media,
    guild,
    listenerId: listener.id,
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
      await app?.close();
      closeLogger();
      await state.bot?.stop();
      for (const proxy of proxies) await proxy.stop();
      for (const node of nodes) await node.dispose();
      await discord.stop();
      await voice.stop();
      await media.stop();
      await dropTestDatabase(databaseUri);
    },
  };
}

/** What the voice endpoint heard around a SIGKILL and restart of the bot process. */
export interface BotSigkillResult {
  /** Source packets never heard (passthrough), see `framesLost`. */
  framesLost: number;
  /** Longest time between two frames, from 1 s before the kill to 2 s after the restart. */
  longestSilenceMs: number;
  /** Index in `bench.proxy.exchanges` of the first request of the restarted bot. */
  exchangesBefore: number;
}

/**
 * Plays `title` (by `artist`, an Ogg song of the bench, for passthrough), kills the bot process
 * with SIGKILL mid-song, waits `downMs`, starts it again and waits until it resumed the Lavalink
 * session; then measures the audio at the voice endpoint. Needs `startRealBot({ botProcess: true })`.
 */
export async function sigkillBotMidSong(
  bench: RealBot,
  song: { artist: string; title: string },
  downMs = 3_000,
): Promise<BotSigkillResult> {
  await eventually(
    () => bench.discord.registeredCommands(bench.guild.id).some((command) => command.name === 'play'),
    20_000,
  );
  await bench.answered(bench.slash('play', { query: `${song.artist} - ${song.title}` }));
  await bench.voice.waitForFrames(bench.guild.id, 150, { timeoutMs: 30_000 });
  const killedAt = nowMs();
  const exit = await bench.bot?.signal('SIGKILL');
  if (exit?.signal !== 'SIGKILL') throw new Error(`the bot did not die of SIGKILL: ${JSON.stringify(exit)}`);
  await new Promise((resolve) => setTimeout(resolve, downMs));
  const exchangesBefore = bench.proxy.exchanges.length;
  const bot = await bench.startBot();
  await eventually(() => bot.logged(/resumed with Lavalink still playing/), 30_000).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${bot.tail(60)}`);
  });
  await bench.voice.waitForFrames(bench.guild.id, 100, { from: nowMs(), timeoutMs: 10_000 });
  const source = await bench.media.opusPackets(bench.media.file(song.title));
  const frames = bench.voice.framesFor(bench.guild.id, { from: killedAt - 1_000 });
  return {
    framesLost: framesLost(frames, source),
    longestSilenceMs: Math.max(...frames.slice(1).map((frame, i) => frame.time - frames[i].time)),
    exchangesBefore,
  };
}

/** Metadata-only queue entries (as from a Spotify playlist): each needs a search when it is due. */
function lazyTrack(spec: MediaSpec): PlayableTrack {
  const title = `${spec.artist} - ${spec.title}`;
  return {
    title: spec.title,
    author: spec.artist,
    durationMs: spec.durationSeconds * 1000,
    isStream: false,
    isSeekable: true,
    query: title,
    trackKey: trackKey(parseTitle({ title })),
  };
}

/** Queues `songs` by name only in the bench's voice channel, as the listener (the bot in this process). */
export async function enqueueByName(bench: RealBot, songs: readonly MediaSpec[]): Promise<void> {
  await bench.app?.get(PlaybackService).enqueue(
    {
      guildId: bench.guild.id,
      userId: bench.listenerId,
      voiceChannelId: GuildFactory.voiceChannel(bench.guild).id,
      textChannelId: GuildFactory.textChannel(bench.guild).id,
    },
    songs.map(lazyTrack),
  );
}
