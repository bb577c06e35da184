// Soak on virtual time, in this process: 20 guilds, one listener each, autoplay choosing every
// song after the first, songs of ordinary length (2-6 min) run to their end on the fake Lavalink.
// Reports how resident memory and the heap (after a full GC) move per virtual hour, the plays per
// virtual hour, and the pending timers and event listeners at the start and the end.
// SOAK_BENCH_HOURS sets the virtual hours (default 2, about 5 min of wall time; the e2e soak covers 24 h with long tracks).
import { startTestServer, withDatabaseName } from '@accord/testkit/db';
import { deezerApiStandIn } from '@accord/testkit/deezer-api';
import { FakeDiscord } from '@accord/testkit/discord';
import { FakeLavalinkNode } from '@accord/testkit/lavalink';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { createApp } from '../apps/accord/src/bootstrap';
import { loadConfig } from '../apps/accord/src/config/app-config';
import { createLogger } from '../apps/accord/src/logging/logger.factory';
import { LavalinkService } from '../apps/accord/src/adapters/lavalink/lavalink.service';
import { driveSoak, slope, soakWorld, startSoak } from '../apps/accord/test/support/soak';
import { round, type BenchResult } from './bench-result';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GaBcDe.fake-token-for-the-bench-only-0000000';
const GUILDS = 20;
const HOURS = Number(process.env.SOAK_BENCH_HOURS ?? 2);

export async function run(): Promise<BenchResult[]> {
  const database = await startTestServer();
  const deezer = deezerApiStandIn([]);
  const world = soakWorld({ guilds: GUILDS, tasteSize: 120, minLengthMs: 2 * 60_000, maxLengthMs: 6 * 60_000 });
  const discord = new FakeDiscord({ guilds: world.rooms.map((room) => room.guild), heartbeatIntervalMs: 5_000 });
  const node = new FakeLavalinkNode({
    name: 'bench',
    password: 'bench-password',
    catalogue: world.catalogue,
    playerUpdateIntervalMs: 5_000,
  });
  await Promise.all([discord.start(), node.start()]);
  const parsed = loadConfig({
    NODE_ENV: 'production',
    DISCORD_TOKEN: TOKEN,
    DISCORD_CLIENT_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    MONGODB_URI: withDatabaseName(database.uri, 'accord_soak_bench'),
    LAVALINK_NODES: `bench:bench-password@${node.url}`,
    HTTP_PORT: '0',
    HTTP_HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    LOG_TO_FILE: 'false',
  });
  if (!parsed.ok) throw new Error(`soak bench config: ${parsed.detail}`);
  const { logger, ring } = createLogger(parsed.value);
  const app = await createApp({ config: parsed.value, logger, ring });
  try {
    await app.listen(0, '127.0.0.1');
    const deadline = Date.now() + 30_000;
    while (!app.get(LavalinkService).isAvailable()) {
      if (Date.now() > deadline) throw new Error('soak bench: Lavalink did not connect');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const plays = app.get<Connection>(getConnectionToken()).collection('plays');
    await startSoak(app, discord, world);
    const started = performance.now();
    const outcome = await driveSoak({
      app,
      node,
      rooms: world.rooms,
      virtualHours: HOURS,
      sampleEveryRounds: 5,
      concurrency: 10,
      roundTimeoutMs: 60_000,
      countPlays: () => plays.countDocuments(),
    });
    const wallS = (performance.now() - started) / 1000;
    // The first sample is the warm-up: the slope is of what follows it.
    const steady = outcome.samples.slice(1);
    const [first] = outcome.samples;
    const last = outcome.samples.at(-1)!;
    return [
      {
        name: 'soak.rss_slope_kb_per_virtual_hour',
        value: round(slope(steady.map((s) => ({ x: s.virtualHours, y: s.rssKb }))), 0),
        unit: 'KB/h',
        better: 'lower',
      },
      {
        name: 'soak.heap_slope_kb_per_virtual_hour',
        value: round(slope(steady.map((s) => ({ x: s.virtualHours, y: s.heapUsedKb }))), 0),
        unit: 'KB/h',
        better: 'lower',
      },
      {
        name: 'soak.plays_per_virtual_hour',
        value: round(outcome.finished / outcome.virtualHours, 0),
        unit: 'plays',
        better: 'higher',
      },
      {
        name: 'soak.plays_per_wall_second',
        value: round(outcome.finished / wallS, 1),
        unit: 'plays',
        better: 'higher',
      },
      { name: 'soak.virtual_hours', value: round(outcome.virtualHours, 1), unit: 'h', better: 'higher' },
      { name: 'soak.end.rss_mb', value: round(last.rssKb / 1024, 1), unit: 'MB', better: 'lower' },
      { name: 'soak.timers_growth', value: last.timers - first.timers, unit: 'timers', better: 'lower' },
      { name: 'soak.listeners_growth', value: last.listeners - first.listeners, unit: 'count', better: 'lower' },
    ];
  } finally {
    await app.close();
    logger.close();
    deezer.stop();
    await Promise.all([node.stop(), discord.stop()]);
    await database.stop();
  }
}
