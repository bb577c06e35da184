// Resolve time of a song through the real app (booted in-process on the fakes and the test
// database): a pinned song (one indexed query, no Lavalink call) against a new one (a search on
// the fake node, matching and pinning), with the fake's search answering at once and in 500 ms.
import { dropTestDatabase, startTestServer, withDatabaseName } from '@accord/testkit/db';
import { FakeDiscord } from '@accord/testkit/discord';
import { GuildFactory } from '@accord/testkit/factories';
import { FakeLavalinkNode, generateTracks, type CatalogueTrack } from '@accord/testkit/lavalink';
import { createApp } from '../apps/accord/src/bootstrap';
import { TrackResolverService } from '../apps/accord/src/domain/catalog/track-resolver.service';
import { loadConfig } from '../apps/accord/src/config/app-config';
import { createLogger } from '../apps/accord/src/logging/logger.factory';
import { percentile, round, type BenchResult } from './bench-result';

const SONGS = 40;
const SLOW_SONGS = 8;
const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GaBcDe.fake-token-for-the-bench-only-0000000';

interface BenchApp {
  catalog: TrackResolverService;
  close(): Promise<void>;
}

async function boot(databaseUri: string, tracks: CatalogueTrack[], searchLatencyMs: number): Promise<BenchApp> {
  const guild = GuildFactory.create();
  const discord = new FakeDiscord({ guilds: [guild], heartbeatIntervalMs: 5_000 });
  const lavalink = new FakeLavalinkNode({
    name: 'bench',
    password: 'bench-password',
    catalogue: tracks,
    searchLatencyMs,
  });
  await Promise.all([discord.start(), lavalink.start()]);
  const parsed = loadConfig({
    NODE_ENV: 'production',
    DISCORD_TOKEN: TOKEN,
    DISCORD_CLIENT_ID: discord.applicationId,
    DISCORD_DEV_GUILD_ID: guild.id,
    DISCORD_API_URL: discord.apiUrl,
    MONGODB_URI: databaseUri,
    LAVALINK_NODES: `bench:bench-password@${lavalink.url}`,
    HTTP_PORT: '0',
    HTTP_HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    LOG_TO_FILE: 'false',
  });
  if (!parsed.ok) throw new Error(`bench config is invalid:\n${parsed.detail}`);
  const { logger, ring } = createLogger(parsed.value);
  const app = await createApp({ config: parsed.value, logger, ring });
  await app.listen(0, '127.0.0.1');
  const deadline = Date.now() + 30_000;
  while (lavalink.sessionList().length === 0) {
    if (Date.now() > deadline) throw new Error('the app did not connect to the fake Lavalink node');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    catalog: app.get(TrackResolverService),
    close: async () => {
      await app.close();
      await Promise.all([lavalink.stop(), discord.stop()]);
      await dropTestDatabase(databaseUri);
      logger.close();
    },
  };
}

/** Milliseconds per resolve, each one checked to be a track (a bench that measures failures is worthless). */
async function timeResolves(
  catalog: TrackResolverService,
  queries: string[],
  expectPinned: boolean,
): Promise<number[]> {
  const times: number[] = [];
  for (const query of queries) {
    const started = performance.now();
    const outcome = await catalog.resolve(query, 'bench');
    times.push(performance.now() - started);
    if (!outcome.ok || outcome.value.kind !== 'track' || outcome.value.fromPin !== expectPinned) {
      throw new Error(`unexpected outcome for "${query}": ${JSON.stringify(outcome).slice(0, 200)}`);
    }
  }
  return times;
}

export async function run(): Promise<BenchResult[]> {
  const database = await startTestServer();
  const tracks = generateTracks({ count: 500, seed: 7 });
  const queries = tracks.slice(0, SONGS).map((track) => `${track.author} - ${track.title}`);
  try {
    const fast = await boot(withDatabaseName(database.uri, 'accord_bench_catalog'), tracks, 0);
    let fresh: number[];
    let pinned: number[];
    try {
      await timeResolves(fast.catalog, [`${tracks[SONGS].author} - ${tracks[SONGS].title}`], false); // warm-up
      fresh = await timeResolves(fast.catalog, queries, false);
      pinned = await timeResolves(fast.catalog, queries, true);
    } finally {
      await fast.close();
    }
    const slow = await boot(withDatabaseName(database.uri, 'accord_bench_catalog_slow'), tracks, 500);
    let slowFresh: number[];
    try {
      slowFresh = await timeResolves(slow.catalog, queries.slice(0, SLOW_SONGS), false);
    } finally {
      await slow.close();
    }
    const median = (values: number[]): number => round(percentile(values, 50), 2);
    return [
      { name: 'catalog.resolve.pinned.median_ms', value: median(pinned), unit: 'ms', better: 'lower' },
      { name: 'catalog.resolve.new.median_ms', value: median(fresh), unit: 'ms', better: 'lower' },
      { name: 'catalog.resolve.new_500ms_search.median_ms', value: median(slowFresh), unit: 'ms', better: 'lower' },
    ];
  } finally {
    await database.stop();
  }
}
