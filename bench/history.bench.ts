// Repetition and profile queries of the listening memory for one guild with 100,000 plays and
// 1,000 users, on the test database (FerretDB 1.x, or MONGODB_URI) with the app's own schemas,
// indexes and repositories. Each query runs 200 times after 20 warm-up runs.
import { randomBytes } from 'node:crypto';
import { createConnection, Types, type Connection } from 'mongoose';
import type { PlaySource } from '@accord/core';
import { parseTrackKey } from '@accord/track-identity';
import { startTestServer, withDatabaseName } from '@accord/testkit/db';
import { upsertWindowEntry } from '../apps/accord/src/domain/history/guild-window';
import { GuildWindowRepository } from '../apps/accord/src/domain/history/guild-window.repository';
import {
  GUILD_WINDOW_MODEL,
  GuildWindowSchema,
  type GuildWindowDocument,
} from '../apps/accord/src/domain/history/guild-window.schema';
import { HistoryQueryService } from '../apps/accord/src/domain/history/history-query.service';
import type { WindowEntry } from '../apps/accord/src/domain/history/history.types';
import { PlayRepository } from '../apps/accord/src/domain/history/play.repository';
import { PLAY_MODEL, PlaySchema, type PlayDocument } from '../apps/accord/src/domain/history/play.schema';
import type { Clock } from '../apps/accord/src/adapters/database/clock';
import { OptOutRepository } from '../apps/accord/src/domain/preferences/profiles/opt-out.repository';
import {
  OPT_OUT_MODEL,
  OptOutSchema,
  type OptOutDocument,
} from '../apps/accord/src/domain/preferences/profiles/opt-out.schema';
import { OptOutService } from '../apps/accord/src/domain/preferences/profiles/opt-out.service';
import { ProfileRepository } from '../apps/accord/src/domain/preferences/profiles/profile.repository';
import {
  PROFILE_MODEL,
  ProfileSchema,
  type ProfileDocument,
} from '../apps/accord/src/domain/preferences/profiles/profile.schema';
import { encodeImported, encodeTaste } from '../apps/accord/src/domain/preferences/profiles/profile.codec';
import { DEFAULT_TASTE_SETTINGS, type TasteEntry } from '../apps/accord/src/domain/preferences/profiles/taste-profile';
import { TasteProfileService } from '../apps/accord/src/domain/preferences/profiles/taste-profile.service';
import { percentile, round, type BenchResult } from './bench-result';
import { UnwrittenWindow } from '../apps/accord/src/domain/history/unwritten-window';

const PLAYS = Number(process.env.HISTORY_BENCH_PLAYS ?? 100_000);
const USERS = 1_000;
const ARTISTS = 1_000;
const TRACKS_PER_ARTIST = 8;
const RUNS = 200;
const WARMUP = 20;
const BATCH = 5_000;
const GUILD = '100000000000000001';
const PLAY_SPACING_MS = 3 * 60_000;
const NOW = Date.UTC(2025, 5, 1, 12);
const SOURCES: PlaySource[] = ['request', 'autoplay', 'autoplay', 'discovery'];

/** Deterministic pseudo-random numbers, so every run seeds the same data. */
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

const userId = (n: number): string => String(200000000000000000n + BigInt(n));
const artistKey = (n: number): string => `artist${n}`;
const trackKey = (artist: number, track: number): string => `artist${artist}|song number ${track}|none`;

interface Seeded {
  recentTrackKeys: string[];
  recentArtistKeys: string[];
}

async function seed(connection: Connection, random: () => number): Promise<Seeded> {
  const plays = connection.model<PlayDocument>(PLAY_MODEL, PlaySchema);
  const windows = connection.model<GuildWindowDocument>(GUILD_WINDOW_MODEL, GuildWindowSchema);
  const profiles = connection.model<ProfileDocument>(PROFILE_MODEL, ProfileSchema);
  const optOuts = connection.model<OptOutDocument>(OPT_OUT_MODEL, OptOutSchema);

  // Popular artists play more: a skewed pick.
  const pickArtist = (): number => Math.floor(ARTISTS * random() ** 2);
  let window: WindowEntry[] = [];
  let batch: Array<Record<string, unknown>> = [];
  for (let n = 0; n < PLAYS; n++) {
    const startedAt = NOW - (PLAYS - n) * PLAY_SPACING_MS;
    const artist = pickArtist();
    const key = trackKey(artist, Math.floor(random() * TRACKS_PER_ARTIST));
    const listeners = [
      ...new Set(
        Array.from({ length: 1 + Math.floor(random() * 5) }, () => userId(Math.floor(USERS * random() ** 1.5))),
      ),
    ];
    const source = SOURCES[Math.floor(random() * SOURCES.length)];
    const skipped = random() < 0.15;
    const playedMs = skipped ? 40_000 : 210_000;
    const doc = {
      _id: new Types.ObjectId(),
      guildId: GUILD,
      trackKey: key,
      artistKey: artistKey(artist),
      title: parseTrackKey(key)!.title,
      artist: `Artist ${artist}`,
      durationMs: 210_000,
      startedAt: new Date(startedAt),
      endedAt: new Date(startedAt + playedMs),
      lastKnownAt: new Date(startedAt + playedMs),
      playedMs,
      endReason: skipped ? 'skipped' : 'finished',
      source,
      ...(source === 'request' ? { requestedBy: listeners[0] } : {}),
      listeners,
      listened: listeners.map((id) => ({ userId: id, ms: playedMs })),
      ...(skipped ? { skippedBy: listeners[0] } : {}),
      fits: source === 'request' ? [] : listeners.map((id) => ({ userId: id, fit: round(random(), 3) })),
      likes: random() < 0.1 ? 1 : 0,
      dislikes: 0,
    };
    batch.push(doc);
    if (NOW - startedAt <= 8 * 86_400_000) {
      window = upsertWindowEntry(
        window,
        {
          playId: doc._id.toHexString(),
          trackKey: key,
          artistKey: doc.artistKey,
          artistName: doc.artist,
          title: doc.title,
          startedAt,
          listeners,
          ...(doc.fits.length > 0 ? { fits: doc.fits } : {}),
          source,
          outcome: skipped ? 'skipped' : 'finished',
          likes: doc.likes,
          dislikes: 0,
        },
        NOW,
      );
    }
    if (batch.length === BATCH) {
      await plays.collection.insertMany(batch, { ordered: false });
      batch = [];
      if ((n + 1) % 20_000 === 0) process.stdout.write(`  ${n + 1} plays\n`);
    }
  }
  if (batch.length > 0) await plays.collection.insertMany(batch, { ordered: false });
  await new GuildWindowRepository(windows).save(GUILD, window, new Date(NOW));
  // Indexes are built once the data is in (the connection has autoIndex off): faster than
  // maintaining them insert by insert, and the same indexes the app creates at boot.
  await Promise.all([
    plays.createIndexes(),
    windows.createIndexes(),
    profiles.createIndexes(),
    optOuts.createIndexes(),
  ]);

  // Profiles at their bounds (the heaviest a profile gets), a fifth of them with an import.
  const entries = (count: number, id: (n: number) => string, name: (n: number) => string): TasteEntry[] =>
    Array.from({ length: count }, (_, n) => ({
      id: id(n),
      name: name(n),
      weight: round(10 * random(), 4),
      at: NOW - Math.floor(random() * 90) * 86_400_000,
    }));
  let profileBatch: Array<Record<string, unknown>> = [];
  for (let n = 0; n < USERS; n++) {
    const imported = n % 5 === 0;
    profileBatch.push({
      _id: userId(n),
      displayName: `User ${n}`,
      taste: encodeTaste({
        artists: entries(
          DEFAULT_TASTE_SETTINGS.maxArtists,
          (i) => artistKey((i * 7 + n) % ARTISTS),
          (i) => `Artist ${(i * 7 + n) % ARTISTS}`,
        ),
        tags: entries(
          DEFAULT_TASTE_SETTINGS.maxTags,
          (i) => `tag ${i}`,
          (i) => `tag ${i}`,
        ),
        tracks: entries(
          DEFAULT_TASTE_SETTINGS.maxTracks,
          (i) => trackKey((i * 3 + n) % ARTISTS, i % TRACKS_PER_ARTIST),
          (i) => `Artist ${(i * 3 + n) % ARTISTS} - song number ${i % TRACKS_PER_ARTIST}`,
        ),
        liked: Array.from({ length: 40 }, (_, i) => ({
          id: trackKey((i * 11 + n) % ARTISTS, 1),
          name: `Artist ${(i * 11 + n) % ARTISTS} - song number 1`,
          at: NOW - i * 86_400_000,
        })),
        disliked: Array.from({ length: 5 }, (_, i) => ({
          id: trackKey((i * 13 + n) % ARTISTS, 2),
          name: 'x',
          at: NOW,
        })),
      }),
      playCount: 300,
      discoveriesLiked: 3,
      imported: encodeImported(
        imported
          ? {
              artists: entries(
                50,
                (i) => artistKey((i * 5 + n) % ARTISTS),
                (i) => `Artist ${i}`,
              ),
              tags: [],
              tracks: entries(
                100,
                (i) => trackKey((i * 5 + n) % ARTISTS, 3),
                (i) => `Artist ${i} - song number 3`,
              ),
              sources: [{ kind: 'spotify', label: 'top tracks, saved tracks', tracks: 100, artists: 50, at: NOW }],
            }
          : { artists: [], tags: [], tracks: [], sources: [] },
      ),
      accounts: {},
      spotifyLinked: false,
      updatedAt: NOW,
    });
    if (profileBatch.length === 250) {
      await profiles.collection.insertMany(profileBatch, { ordered: false });
      profileBatch = [];
    }
  }
  if (profileBatch.length > 0) await profiles.collection.insertMany(profileBatch, { ordered: false });
  return {
    recentTrackKeys: [...new Set(window.map((entry) => entry.trackKey))],
    recentArtistKeys: [...new Set(window.map((entry) => entry.artistKey))],
  };
}

async function time(runs: number, query: (n: number) => Promise<unknown>): Promise<number[]> {
  const first = performance.now();
  await query(0);
  if (process.env.HISTORY_BENCH_DEBUG)
    process.stdout.write(`  first run ${(performance.now() - first).toFixed(1)} ms\n`);
  for (let n = 1; n < WARMUP; n++) await query(n);
  const samples: number[] = [];
  for (let n = 0; n < runs; n++) {
    const started = performance.now();
    await query(n);
    samples.push(performance.now() - started);
  }
  return samples;
}

export async function run(): Promise<BenchResult[]> {
  const server = await startTestServer();
  const uri = withDatabaseName(server.uri, `bench_history_${randomBytes(4).toString('hex')}`);
  const connection = await createConnection(uri, {
    serverSelectionTimeoutMS: 10_000,
    maxPoolSize: 10,
    autoIndex: false,
  }).asPromise();
  try {
    const random = prng(42);
    const seedStarted = Date.now();
    const seeded = await seed(connection, random);
    process.stdout.write(
      `  seeded ${PLAYS} plays and ${USERS} profiles in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s (${server.kind})\n`,
    );

    const clock: Clock = { now: () => new Date(NOW) };
    const profileRepository = new ProfileRepository(connection.model<ProfileDocument>(PROFILE_MODEL));
    const history = new HistoryQueryService(
      new GuildWindowRepository(connection.model<GuildWindowDocument>(GUILD_WINDOW_MODEL)),
      new PlayRepository(connection.model<PlayDocument>(PLAY_MODEL)),
      profileRepository,
      new UnwrittenWindow(),
      clock,
    );
    const profiles = new TasteProfileService(
      profileRepository,
      new OptOutService(new OptOutRepository(connection.model<OptOutDocument>(OPT_OUT_MODEL)), clock),
      clock,
      DEFAULT_TASTE_SETTINGS,
    );

    const candidates = (n: number): string[] =>
      Array.from({ length: 50 }, (_, i) =>
        i % 2 === 0
          ? seeded.recentTrackKeys[(n * 50 + i) % seeded.recentTrackKeys.length]
          : trackKey((n + i * 17) % ARTISTS, i % TRACKS_PER_ARTIST),
      );
    const room = (n: number): string[] => Array.from({ length: 5 }, (_, i) => userId((n * 5 + i * 37) % USERS));

    // Autoplay reads the room's profiles once per pick and hands them to heardBy.
    const roomProfiles = await Promise.all(Array.from({ length: 20 }, (_, n) => profiles.profilesOf(room(n))));
    const samples = {
      recentHistory: await time(RUNS, () => history.recentHistory(GUILD, 300)),
      lastPlayed: await time(RUNS, (n) => history.lastPlayed(GUILD, candidates(n))),
      artistRecent: await time(RUNS, (n) =>
        history.artistRecent(
          GUILD,
          candidates(n).map((key) => parseTrackKey(key)!.artist),
        ),
      ),
      playCounts: await time(RUNS, () => history.playCounts(GUILD)),
      heardBy: await time(RUNS, (n) =>
        history.heardBy(GUILD, room(n % roomProfiles.length), candidates(n), roomProfiles[n % roomProfiles.length]),
      ),
      heardByCold: await time(RUNS, (n) => history.heardBy(GUILD, room(n), candidates(n))),
      profileOne: await time(RUNS, (n) => profiles.profilesOf([userId((n * 7) % USERS)])),
      profileRoom: await time(RUNS, (n) => profiles.profilesOf(room(n))),
    };
    const p95 = (values: number[]): number => round(percentile(values, 95), 2);
    const repetition = [
      samples.recentHistory,
      samples.lastPlayed,
      samples.artistRecent,
      samples.playCounts,
      samples.heardBy,
    ];
    const figure = (name: string, value: number): BenchResult => ({ name, value, unit: 'ms', better: 'lower' });
    return [
      // The slowest of autoplay's per-pick repetition queries (heardBy given the profiles autoplay has read).
      figure('history.repetition_query.p95_ms', Math.max(...repetition.map(p95))),
      figure('history.repetition_query.recent_history_300.p95_ms', p95(samples.recentHistory)),
      figure('history.repetition_query.last_played_50.p95_ms', p95(samples.lastPlayed)),
      figure('history.repetition_query.artist_recent_50.p95_ms', p95(samples.artistRecent)),
      figure('history.repetition_query.play_counts.p95_ms', p95(samples.playCounts)),
      figure('history.repetition_query.heard_by_5x50.p95_ms', p95(samples.heardBy)),
      figure('history.repetition_query.heard_by_5x50_reading_profiles.p95_ms', p95(samples.heardByCold)),
      // One listener's profile, decayed and shaped for the recommender.
      figure('history.profile_query.p95_ms', p95(samples.profileOne)),
      figure('history.profile_query.room_of_5.p95_ms', p95(samples.profileRoom)),
    ];
  } finally {
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
    await server.stop();
  }
}

if (require.main === module) {
  run()
    .then((results) => {
      for (const result of results)
        process.stdout.write(`${result.name.padEnd(58)} ${String(result.value).padStart(8)} ${result.unit}\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
}
