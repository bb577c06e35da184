/**
 * Pick latency and working set on synthetic data: 5,000 candidates, rooms of 1, 5 and 10 listeners,
 * with a learned model and the listeners' cached score vectors (`recs.pick.*`, the engine) and without
 * (`recs.pick.classic.*`, the fits from profiles and evidence).
 * The bench runner imports `run`; `node -r @swc-node/register libs/recommender/bench/pick.bench.ts`
 * prints the figures on its own.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { trainItemModel, type Interaction } from '../src/model/item-model';
import { itemIndexOf, scoreListener } from '../src/model/listener-scores';
import { pick } from '../src/pick';
import { seededRandom } from '../src/seeded-random';
import {
  type Candidate,
  type HistoryEntry,
  type ListenerProfile,
  type PickInput,
  type RoomModel,
  type WeightedRef,
} from '../src/types';

/** One reported figure, in the shape the bench runner collects. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  better: 'lower' | 'higher';
}

const ARTISTS = 2_000;
const TAGS = 80;
const CANDIDATES = 5_000;
const HISTORY = 300;
const ROOMS = [1, 5, 10];
const WARMUP = 20;
const RUNS = 200;
const NOW = Date.UTC(2025, 0, 1);

function buildInput(listenerCount: number, seed: number): PickInput {
  const random = seededRandom(seed);
  const int = (n: number): number => Math.floor(random() * n);
  const ref = (prefix: string, n: number): WeightedRef => {
    const i = int(n);
    return { id: `${prefix}${i}`, name: `${prefix} ${i}`, weight: 1 + random() * 10 };
  };
  const candidates: Candidate[] = Array.from({ length: CANDIDATES }, (_, i) => {
    const artist = int(ARTISTS);
    return {
      trackKey: `track${i}`,
      artistKey: `artist${artist}`,
      artistName: `Artist ${artist}`,
      title: `Song ${i}`,
      tags: Array.from({ length: 4 }, () => `tag${int(TAGS)}`),
      guildPopularity: random(),
      evidence: Array.from({ length: 3 }, () => ({
        source: 'lastfm',
        similarTo: { kind: 'artist' as const, id: `artist${int(ARTISTS)}`, name: 'Someone' },
        strength: random(),
      })),
    };
  });
  const listeners: ListenerProfile[] = Array.from({ length: listenerCount }, (_, l) => ({
    userId: `user${l}`,
    displayName: `User ${l}`,
    topArtists: Array.from({ length: 100 }, () => ref('artist', ARTISTS)),
    topTags: Array.from({ length: 20 }, () => ref('tag', TAGS)),
    tracks: Array.from({ length: 300 }, () => ref('track', CANDIDATES)),
    likedTrackKeys: Array.from({ length: 20 }, () => `track${int(CANDIDATES)}`),
    dislikedTrackKeys: Array.from({ length: 10 }, () => `track${int(CANDIDATES)}`),
    playCount: 500,
  }));
  const history: HistoryEntry[] = Array.from({ length: HISTORY }, (_, i) => ({
    trackKey: `track${int(CANDIDATES)}`,
    artistKey: `artist${int(ARTISTS)}`,
    startedAt: NOW - (i + 1) * 4 * 60_000,
    listeners: listeners.map((l) => l.userId),
    fits: listeners.map((l) => ({ userId: l.userId, fit: random() })),
    source: i % 4 === 0 ? 'discovery' : 'autoplay',
    outcome: 'finished',
  }));
  return { listeners, candidates, history, now: NOW, seed };
}

/** A model over the bench's artists, learned from 400 synthetic users of 40 artists each (once, untimed). */
function buildModel(): RoomModel['model'] {
  const random = seededRandom(99);
  const interactions: Interaction[] = [];
  for (let u = 0; u < 400; u++) {
    const base = Math.floor(random() * ARTISTS);
    for (let k = 0; k < 40; k++) {
      // Each user's artists cluster around a base, so the model has structure to learn.
      const artist = (base + Math.floor(random() * 200)) % ARTISTS;
      interactions.push({ userId: `u${u}`, itemId: `artist${artist}`, value: 1 + random() * 4 });
    }
  }
  return trainItemModel(interactions, { factors: 16, alsIterations: 4 });
}

/** The room's model with every listener's score vector computed beforehand, as the bot caches them. */
function withModel(input: PickInput, model: RoomModel['model']): PickInput {
  const itemIndex = itemIndexOf(model);
  const scores = input.listeners.map((l) =>
    scoreListener({
      model,
      itemIndex,
      userId: l.userId,
      interactions: l.topArtists.map((a) => ({ itemId: a.id, value: Math.log1p(a.weight) })),
    }),
  );
  return { ...input, model: { model, itemIndex, scores } };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** Median and p99 wall time and CPU time of one pick, and the heap a 10-listener pick allocates. */
export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const model = buildModel();
  for (const [variant, size] of ROOMS.flatMap((n) => [['engine', n] as const, ['classic', n] as const])) {
    const input = variant === 'engine' ? withModel(buildInput(size, size), model) : buildInput(size, size);
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const seeded = { ...input, seed: i };
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      const result = pick(seeded);
      const elapsed = performance.now() - start;
      const cpuUsed = process.cpuUsage(cpuStart);
      if (!result.ok) throw new Error(`bench pick failed: ${result.reason}`);
      if (i < WARMUP) continue;
      wall.push(elapsed);
      cpu.push((cpuUsed.user + cpuUsed.system) / 1000);
    }
    wall.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const prefix = variant === 'engine' ? `recs.pick.${size}_listeners` : `recs.pick.classic.${size}_listeners`;
    results.push(
      { name: `${prefix}.median_ms`, value: round(quantile(wall, 0.5)), unit: 'ms', better: 'lower' },
      { name: `${prefix}.p99_ms`, value: round(quantile(wall, 0.99)), unit: 'ms', better: 'lower' },
      { name: `${prefix}.cpu_median_ms`, value: round(quantile(cpu, 0.5)), unit: 'ms', better: 'lower' },
      { name: `${prefix}.cpu_p99_ms`, value: round(quantile(cpu, 0.99)), unit: 'ms', better: 'lower' },
    );
    await Promise.resolve();
  }

  // Working set: heap allocated by one 10-listener pick (result kept alive, garbage not yet collected).
  const gc = exposeGc();
  const input = withModel(buildInput(10, 10), model);
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    gc();
    const before = process.memoryUsage().heapUsed;
    const result = pick({ ...input, seed: i });
    const after = process.memoryUsage().heapUsed;
    if (result.ok) samples.push((after - before) / (1024 * 1024));
  }
  samples.sort((a, b) => a - b);
  results.push({ name: 'recs.pick.working_set_mb', value: round(quantile(samples, 0.5)), unit: 'MB', better: 'lower' });
  return results;
}

/** Prints a bench's figures as JSON when its file is run directly. */
export function printFigures(figures: () => Promise<BenchResult[]>): void {
  figures().then(
    (results) => process.stdout.write(`${JSON.stringify(results, null, 2)}\n`),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}

if (require.main === module) printFigures(run);
