// The admin API on the fakes, in this process: how long a queue page, a history page and the
// stats take over HTTP with 100,000 plays in the database (FerretDB 1.x unless MONGODB_URI is
// set), and how long a queue change takes to reach 200 panel sockets subscribed to the guild.
// The plays are inserted in bulk into the `plays` log, then the history days are built from it
// as an existing install's first start does (HistoryDaysService.rebuild).
import { startTestServer, withDatabaseName } from '@accord/testkit/db';
import { FakeDiscord } from '@accord/testkit/discord';
import { GuildFactory, MemberFactory, RoleFactory, UserFactory } from '@accord/testkit/factories';
import { FakeLavalinkNode, youtubeTrack } from '@accord/testkit/lavalink';
import { getConnectionToken } from '@nestjs/mongoose';
import { PermissionFlagsBits } from 'discord.js';
import { Types, type Connection } from 'mongoose';
import WebSocket from 'ws';
import { createApp } from '../apps/accord/src/bootstrap';
import { loadConfig } from '../apps/accord/src/config/app-config';
import { HistoryDaysService } from '../apps/accord/src/domain/history/history-days.service';
import type { PlayDocument } from '../apps/accord/src/domain/history/play.schema';
import { createLogger } from '../apps/accord/src/logging/logger.factory';
import { LavalinkService } from '../apps/accord/src/adapters/lavalink/lavalink.service';
import { PlaybackService } from '../apps/accord/src/domain/playback/playback.service';
import { percentile, round, type BenchResult } from './bench-result';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GaBcDe.fake-token-for-the-bench-only-0000000';
const CLIENTS = 200;
const FANOUT_ROUNDS = 50;
const QUEUE_REQUESTS = 300;
const QUEUE_LENGTH = 500;
const PLAYS = Number(process.env.API_BENCH_PLAYS ?? 100_000);
/** Requests timed per data endpoint (after two warm-up requests). */
const DATA_REQUESTS = Number(process.env.API_BENCH_DATA_REQUESTS ?? 36);
const PLAY_SPACING_MS = 3 * 60_000;
const SEED_BATCH = 5_000;

async function until(probe: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('api bench: condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export async function run(): Promise<BenchResult[]> {
  const database = await startTestServer();
  const ana = UserFactory.create({ username: 'ana' });
  const managers = RoleFactory.create({ name: 'managers', permissions: PermissionFlagsBits.ManageGuild });
  const guild = GuildFactory.create({
    roles: [managers],
    members: [MemberFactory.create({ user: ana, roles: [managers.id] })],
  });
  const voiceChannelId = GuildFactory.voiceChannel(guild).id;
  const textChannelId = GuildFactory.textChannel(guild).id;
  const discord = new FakeDiscord({ guilds: [guild], heartbeatIntervalMs: 5_000 });
  const lavalink = new FakeLavalinkNode({
    name: 'bench',
    password: 'bench-password',
    catalogue: [youtubeTrack({ author: 'Daft Punk', title: 'One More Time', length: 320_000 })],
  });
  await Promise.all([discord.start(), lavalink.start()]);
  const parsed = loadConfig({
    NODE_ENV: 'production',
    DISCORD_TOKEN: TOKEN,
    DISCORD_CLIENT_ID: discord.applicationId,
    DISCORD_DEV_GUILD_ID: guild.id,
    DISCORD_API_URL: discord.apiUrl,
    MONGODB_URI: withDatabaseName(database.uri, 'accord_api_bench'),
    LAVALINK_NODES: `bench:bench-password@${lavalink.url}`,
    HTTP_PORT: '0',
    HTTP_HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    LOG_TO_FILE: 'false',
    DISCORD_CLIENT_SECRET: 'bench-oauth-secret',
    ADMIN_SESSION_SECRET: 'a-session-secret-for-the-bench-only-0123456789',
    PUBLIC_URL: 'http://localhost:3000',
  });
  if (!parsed.ok) throw new Error(`api bench config: ${parsed.detail}`);
  const { logger, ring } = createLogger(parsed.value);
  const app = await createApp({ config: parsed.value, logger, ring });
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  const sockets: WebSocket[] = [];
  try {
    await until(() => app.get(LavalinkService).isAvailable());
    discord.joinVoice(guild.id, ana.id, voiceChannelId);
    const cookie = await signIn(app.getHttpAdapter().getInstance(), discord, ana.id);

    const playback = app.get(PlaybackService);
    const [track] = await app
      .get(LavalinkService)
      .load('One More Time', 'ytsearch')
      .then((result) => (result.type === 'search' ? result.tracks : []));
    await playback.enqueue(
      { guildId: guild.id, userId: ana.id, voiceChannelId, textChannelId },
      Array.from({ length: QUEUE_LENGTH + 1 }, () => track),
    );

    // --- a queue page over HTTP -------------------------------------------------------------
    const queueMs: number[] = [];
    for (let request = 0; request < QUEUE_REQUESTS; request += 1) {
      const started = performance.now();
      const response = await fetch(`${base}/api/v1/guilds/${guild.id}/queue?offset=${request % 400}&limit=100`, {
        headers: { cookie },
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`queue page answered ${response.status}`);
      queueMs.push(performance.now() - started);
    }

    // --- history and stats over 100,000 plays ----------------------------------------------------
    const seedStarted = Date.now();
    await seedPlays(app.get<Connection>(getConnectionToken()), guild.id, [ana.id, ...listenerIds(40)]);
    process.stdout.write(`  seeded ${PLAYS} plays in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s\n`);
    const rebuildStarted = performance.now();
    const rebuilt = await app.get(HistoryDaysService).rebuild();
    const rebuildS = (performance.now() - rebuildStarted) / 1000;
    if (!rebuilt.complete || rebuilt.plays < PLAYS)
      throw new Error(`api bench: history days built from ${rebuilt.plays} plays`);
    process.stdout.write(`  built ${rebuilt.days} history days in ${rebuildS.toFixed(1)} s\n`);
    const timeGet = async (path: (n: number) => string): Promise<number[]> => {
      const samples: number[] = [];
      for (let request = -2; request < DATA_REQUESTS; request += 1) {
        const started = performance.now();
        const response = await fetch(`${base}${path(request)}`, { headers: { cookie } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${path(request)} answered ${response.status}`);
        if (request >= 0) samples.push(performance.now() - started);
      }
      return samples;
    };
    const history = `/api/v1/guilds/${guild.id}/history`;
    // The panel's history page (50 newest), and pages further back.
    const historyMs = await timeGet((n) =>
      n % 2 === 0
        ? `${history}?limit=50`
        : `${history}?limit=50&before=${new Date(Date.now() - n * 86_400_000).toISOString()}`,
    );
    // The stats page as the panel opens it (7 days) and over a month.
    const statsMs = await timeGet((n) => `/api/v1/guilds/${guild.id}/stats?days=${n % 2 === 0 ? 7 : 30}`);

    // --- fan-out to 200 sockets ---------------------------------------------------------------
    const url = `${base.replace('http', 'ws')}/api/v1/ws`;
    const arrivals: number[][] = Array.from({ length: CLIENTS }, () => []);
    for (let index = 0; index < CLIENTS; index += 1) {
      const socket = new WebSocket(url, { headers: { cookie } });
      sockets.push(socket);
      let subscribed = false;
      socket.on('message', (data: Buffer) => {
        const frame = JSON.parse(data.toString()) as { event: string };
        if (frame.event === 'subscribed') subscribed = true;
        else if (frame.event === 'queue' && subscribed) arrivals[index].push(performance.now());
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('error', reject);
      });
      socket.send(JSON.stringify({ event: 'subscribe', data: { channel: `guild:${guild.id}` } }));
    }
    // The subscription answer carries one queue frame: wait for it, then count from there.
    await until(() => arrivals.every((times) => times.length >= 1));
    const fanoutMs: number[] = [];
    for (let round = 1; round <= FANOUT_ROUNDS; round += 1) {
      const started = performance.now();
      const moving = playback.move(guild.id, 1, 2);
      await until(() => arrivals.every((times) => times.length > round));
      fanoutMs.push(Math.max(...arrivals.map((times) => times[round])) - started);
      await moving;
    }

    return [
      { name: 'api.guild_queue.p95_ms', value: round(percentile(queueMs, 95), 2), unit: 'ms', better: 'lower' },
      ...latency('api.history', historyMs),
      ...latency('api.stats', statsMs),
      { name: 'api.history_days.rebuild_s', value: round(rebuildS, 1), unit: 's', better: 'lower' },
      { name: 'api.ws.fanout_200.p95_ms', value: round(percentile(fanoutMs, 95), 2), unit: 'ms', better: 'lower' },
    ];
  } finally {
    for (const socket of sockets) socket.terminate();
    await app.close();
    logger.close();
    await Promise.all([discord.stop(), lavalink.stop()]);
    await database.stop();
  }
}

function latency(name: string, samples: number[]): BenchResult[] {
  return [50, 95].map((p) => ({
    name: `${name}.p${p}_ms`,
    value: round(percentile(samples, p), 2),
    unit: 'ms',
    better: 'lower' as const,
  }));
}

function listenerIds(count: number): string[] {
  return Array.from({ length: count }, (_, n) => String(300000000000000000n + BigInt(n)));
}

/** Deterministic pseudo-random numbers, so every run seeds the same plays. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * PLAYS plays of the guild, one every 3 minutes back from now (about 200 days), in the shape
 * the history module stores (PlayDocument), inserted in bulk with the driver.
 */
async function seedPlays(connection: Connection, guildId: string, users: string[]): Promise<void> {
  const random = prng(7);
  const plays = connection.collection<PlayDocument & { _id: Types.ObjectId }>('plays');
  const sources = ['request', 'autoplay', 'autoplay', 'discovery'] as const;
  const now = Date.now();
  let batch: Array<PlayDocument & { _id: Types.ObjectId }> = [];
  for (let n = 0; n < PLAYS; n += 1) {
    const startedAt = now - (n + 1) * PLAY_SPACING_MS;
    const artist = Math.floor(500 * random() ** 2);
    const song = Math.floor(random() * 8);
    const listeners = [
      ...new Set(
        Array.from({ length: 1 + Math.floor(random() * 4) }, () => users[Math.floor(random() * users.length)]),
      ),
    ];
    const source = sources[Math.floor(random() * sources.length)];
    const skipped = random() < 0.15;
    const playedMs = skipped ? 40_000 : 210_000;
    batch.push({
      _id: new Types.ObjectId(),
      guildId,
      trackKey: `artist ${artist}|song ${song}|none`,
      artistKey: `artist ${artist}`,
      title: `Song ${song}`,
      artist: `Artist ${artist}`,
      youtubeId: 'dQw4w9WgXcQ',
      durationMs: 210_000,
      startedAt: new Date(startedAt),
      endedAt: new Date(startedAt + playedMs),
      lastKnownAt: new Date(startedAt + playedMs),
      playedMs,
      endReason: skipped ? 'skipped' : 'finished',
      source,
      ...(source === 'request' ? { requestedBy: listeners[0] } : {}),
      listeners,
      listened: listeners.map((userId) => ({ userId, ms: playedMs })),
      ...(skipped ? { skippedBy: listeners[0] } : {}),
      fits: source === 'request' ? [] : listeners.map((userId) => ({ userId, fit: round(random(), 3) })),
      likes: random() < 0.1 ? 1 : 0,
      dislikes: 0,
    });
    if (batch.length === SEED_BATCH) {
      await plays.insertMany(batch, { ordered: false });
      batch = [];
    }
  }
  if (batch.length > 0) await plays.insertMany(batch, { ordered: false });
}

/** The Discord login as a browser does it; returns the Cookie header of the session. */
async function signIn(
  fastify: {
    inject: (options: { method: 'GET'; url: string; headers?: Record<string, string> }) => Promise<InjectResult>;
  },
  discord: FakeDiscord,
  userId: string,
): Promise<string> {
  const start = await fastify.inject({ method: 'GET', url: '/api/v1/auth/discord' });
  const location = new URL(String(start.headers.location));
  const state = start.cookies.find((cookie) => cookie.name === 'accord_oauth_state')?.value ?? '';
  const code = discord.authorizeOAuth({ userId, redirectUri: location.searchParams.get('redirect_uri') ?? undefined });
  const callback = await fastify.inject({
    method: 'GET',
    url: `/api/v1/auth/discord/callback?code=${code}&state=${location.searchParams.get('state')}`,
    headers: { cookie: `accord_oauth_state=${state}` },
  });
  const session = callback.cookies.find((cookie) => cookie.name === 'accord_session');
  if (!session) throw new Error(`api bench: sign-in failed (${callback.statusCode})`);
  return `accord_session=${encodeURIComponent(session.value)}`;
}

interface InjectResult {
  statusCode: number;
  headers: Record<string, unknown>;
  cookies: Array<{ name: string; value: string }>;
}
