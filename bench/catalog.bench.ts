// Resolve time of a song through the real app (booted in-process on the fakes and the test
// database): a pinned song (one indexed query, no Lavalink call) against a new one (a search on
// the fake node, matching and pinning), with the fake's search answering at once and in 500 ms.
// Then the re-key an upgrade to new key rules runs once: REKEY_SONGS stored songs, some under keys
// of the old rules (renamed, or joined to a song already under the new key), with their plays.
import { dropTestDatabase, startTestServer, withDatabaseName } from '@accord/testkit/db';
import { FakeDiscord } from '@accord/testkit/discord';
import { GuildFactory } from '@accord/testkit/factories';
import { fakeVideoId, FakeLavalinkNode, generateTracks, type CatalogueTrack } from '@accord/testkit/lavalink';
import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Types, type Connection } from 'mongoose';
import { createApp } from '../apps/accord/src/bootstrap';
import { toLavalinkData } from '../apps/accord/src/domain/catalog/catalog-mapping';
import { TrackKeysService } from '../apps/accord/src/domain/catalog/track-keys.service';
import { HistoryWriter } from '../apps/accord/src/domain/history/history-writer.service';
import { TrackResolverService } from '../apps/accord/src/domain/catalog/track-resolver.service';
import { loadConfig } from '../apps/accord/src/config/app-config';
import { createLogger } from '../apps/accord/src/logging/logger.factory';
import { percentile, round, type BenchResult } from './bench-result';

const SONGS = 40;
const SLOW_SONGS = 8;
const REKEY_SONGS = 5_000;
/** Songs by artists whose names the old rules folded otherwise ("Ca$h …": "cah…", now "cash…"). */
const REKEY_STALE = 250;
/** Of those, songs stored a second time under the new key (joined by the re-key). */
const REKEY_TWICE = 50;
const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GaBcDe.fake-token-for-the-bench-only-0000000';

interface BenchApp {
  catalog: TrackResolverService;
  app: INestApplication;
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
    app,
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

/** A stored song as the catalog writes it, with the key the rules of its time gave. */
function storedSong(n: number, artist: string, key: string): Record<string, unknown> {
  const youtubeId = fakeVideoId(100_000 + n, 11);
  const title = `Song ${n}`;
  const at = new Date(Date.UTC(2025, 0, 1) + n * 60_000);
  return {
    key,
    artist,
    title,
    variant: 'none',
    youtubeId,
    durationMs: 200_000,
    tags: [],
    aliases: [`yt:${youtubeId}`, `q:${key.replace(/\|/g, '')}`],
    searchText: [],
    pin: { by: 'auto', at, score: 0.9 },
    lavalink: toLavalinkData({
      encoded: `QAAA${youtubeId}`,
      identifier: youtubeId,
      title: `${artist} - ${title}`,
      author: artist,
      uri: `https://www.youtube.com/watch?v=${youtubeId}`,
      durationMs: 200_000,
      isStream: false,
      isSeekable: true,
      sourceName: 'youtube',
    }),
    unavailable: false,
    failures: 0,
    failedVideoIds: [],
    pinHistory: [],
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * Seeds REKEY_SONGS songs (REKEY_STALE under old-rule keys, REKEY_TWICE of those stored again
 * under the new key) with two plays each of the stale ones, then times `rekey()` to the moment
 * history has followed.
 */
async function timeRekey(app: INestApplication): Promise<{ seconds: number; renamed: number; joined: number }> {
  const db = app.get<Connection>(getConnectionToken());
  const songs: Record<string, unknown>[] = [];
  const plays: Record<string, unknown>[] = [];
  for (let n = 0; n < REKEY_SONGS; n++) {
    if (n < REKEY_STALE) {
      const oldKey = `cahband${n}|song${n}|none`;
      songs.push(storedSong(n, `Ca$h Band ${n}`, oldKey));
      for (const day of [1, 2]) {
        plays.push({
          _id: new Types.ObjectId(),
          guildId: '100000000000000001',
          trackKey: oldKey,
          artistKey: `cahband${n}`,
          title: `Song ${n}`,
          artist: `Ca$h Band ${n}`,
          durationMs: 200_000,
          startedAt: new Date(Date.UTC(2025, 5, day, 0, n)),
          endedAt: new Date(Date.UTC(2025, 5, day, 0, n, 50)),
          lastKnownAt: new Date(Date.UTC(2025, 5, day, 0, n, 50)),
          playedMs: 50_000,
          endReason: 'finished',
          source: 'request',
          listeners: ['200000000000000001'],
          listened: [],
          fits: [],
          likes: 0,
          dislikes: 0,
        });
      }
      if (n < REKEY_TWICE) songs.push(storedSong(REKEY_SONGS + n, `Cash Band ${n}`, `cashband${n}|song${n}|none`));
    } else {
      songs.push(storedSong(n, `Band ${n}`, `band${n}|song${n}|none`));
    }
  }
  await db.collection('tracks').insertMany(songs);
  await db.collection('plays').insertMany(plays);
  await db.collection('catalog_state').deleteMany({});
  const started = performance.now();
  const report = await app.get(TrackKeysService).rekey();
  await app.get(HistoryWriter).idle(600_000);
  const seconds = (performance.now() - started) / 1000;
  const left = await db.collection('plays').countDocuments({ trackKey: { $regex: /^cahband/ } });
  if (!report.complete || report.renamed + report.joined !== REKEY_STALE || left > 0) {
    throw new Error(`the re-key did not finish its work: ${JSON.stringify(report)}, ${left} plays left behind`);
  }
  return { seconds, renamed: report.renamed, joined: report.joined };
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
    const rekey = await boot(withDatabaseName(database.uri, 'accord_bench_catalog_rekey'), tracks, 0);
    let rekeyed: { seconds: number; renamed: number; joined: number };
    try {
      rekeyed = await timeRekey(rekey.app);
    } finally {
      await rekey.close();
    }
    const median = (values: number[]): number => round(percentile(values, 50), 2);
    return [
      { name: 'catalog.resolve.pinned.median_ms', value: median(pinned), unit: 'ms', better: 'lower' },
      { name: 'catalog.resolve.new.median_ms', value: median(fresh), unit: 'ms', better: 'lower' },
      { name: 'catalog.resolve.new_500ms_search.median_ms', value: median(slowFresh), unit: 'ms', better: 'lower' },
      {
        name: 'catalog.rekey.songs_per_s',
        value: round(REKEY_SONGS / rekeyed.seconds, 0),
        unit: 'songs/s',
        better: 'higher',
      },
    ];
  } finally {
    await database.stop();
  }
}
