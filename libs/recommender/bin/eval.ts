/**
 * Offline evaluation of group discovery on HetRec Last.fm data (artist level):
 *   npm run -s recs:eval -- --dataset DIR --groups FILE --k 10 --out FILE [--holdout FILE]
 *     [--strategy engine|...] [--limit N] [--seed N] [--single] [--train JSON] [--settings JSON]
 * Everything is learned from DIR alone: the item model (EASE, item-kNN, iALS; `--train` overrides
 * its options), profiles from log-scaled play counts and tags from user_taggedartists.dat. Each
 * group gets k artists no member has in DIR, best first. Strategies:
 * - `engine` (default): `pick` with the learned model (blended, standardised scores; proportional
 *   picks with turns) over the union of the members' 300 best unknown artists.
 * - `{knn,ease,ials,blend}-{avg,rr}`: baselines over all unknown artists: each member's scores from
 *   one component (or the blend), standardised over the candidates, then averaged (`-avg`) or
 *   members' top lists interleaved (`-rr`).
 * - `classic-engine`, `classic-average`, `classic-roundrobin`, `single`, `popular`: the engine
 *   without a model (noisy-or fits over co-listening evidence) and baselines on its fits.
 * With --holdout the metrics are printed as one JSON line, with two misery figures that need no
 * held-out data: the share of recommended items that leave some member below 0.15 of their best
 * classic fit, and the share of groups in which a member is left below it 3 items in a row. With
 * --single, also each evaluated member's own nDCG@k and recall@k from each per-listener scorer alone.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pick, resolveSettings, scoreRoom } from '../src';
import { type TrainOptions } from '../src/model/item-model';
import { seededRandom } from '../src/seeded-random';
import {
  type Candidate,
  type Evidence,
  type ListenerProfile,
  type RecommenderSettings,
  type WeightedRef,
} from '../src/types';
import { type HetrecData, loadHetrec, loadPairs } from './hetrec';
import { averageTop, roundRobinTop, type ScorerName, topIndices, TrainedModel } from './model-eval';

const SCORERS: readonly ScorerName[] = ['knn', 'ease', 'ials', 'blend'];
const STRATEGIES = [
  'engine',
  ...SCORERS.flatMap((s) => [`${s}-avg`, `${s}-rr`] as const),
  'classic-engine',
  'classic-average',
  'classic-roundrobin',
  'single',
  'popular',
] as const;
type Strategy = (typeof STRATEGIES)[number];
type ClassicStrategy = 'classic-engine' | 'classic-average' | 'classic-roundrobin' | 'single' | 'popular';
const isClassic = (s: Strategy): s is ClassicStrategy => s.startsWith('classic-') || s === 'single' || s === 'popular';
/** The engine's candidate source offline: each member's best unknown artists by the model. */
const CANDIDATES_PER_MEMBER = 300;

/** Neighbours kept per artist, evidence kept per candidate, tags kept per artist and per user. */
const NEIGHBOURS = 50;
const EVIDENCE_PER_CANDIDATE = 24;
const TAGS_PER_ARTIST = 8;
const TAGS_PER_USER = 25;
/** Shrinks the similarity of artists that share few listeners (a single shared fan proves little). */
const SHRINK = 3;

interface Group {
  id: string;
  members: string[];
}

/** What the engine learns from DIR, indexed for speed. */
class Model {
  readonly artistIndex = new Map<string, number>();
  readonly artistIds: string[] = [];
  readonly listenersOf: number[][] = [];
  readonly popularity: number[] = [];
  readonly artistTags: string[][] = [];
  private readonly userArtistIdx = new Map<string, number[]>();
  private readonly neighbourCache = new Map<number, Array<[number, number]>>();
  private readonly maxLogPopularity: number;
  readonly userCount: number;

  constructor(readonly data: HetrecData) {
    const users = [...data.userArtists.keys()];
    this.userCount = users.length;
    users.forEach((user, u) => {
      const idx: number[] = [];
      for (const artist of data.userArtists.get(user)?.keys() ?? []) {
        let a = this.artistIndex.get(artist);
        if (a === undefined) {
          a = this.artistIds.length;
          this.artistIndex.set(artist, a);
          this.artistIds.push(artist);
          this.listenersOf.push([]);
        }
        this.listenersOf[a].push(u);
        idx.push(a);
      }
      this.userArtistIdx.set(user, idx);
    });
    this.userIdx = users.map((user) => this.userArtistIdx.get(user) ?? []);
    for (let a = 0; a < this.artistIds.length; a++) this.popularity.push(this.listenersOf[a].length);
    this.maxLogPopularity = Math.log1p(Math.max(...this.popularity));
    // Artist tags: how many taggings each (artist, tag) pair has, strongest first.
    const tagCounts = new Map<string, Map<string, number>>();
    for (const [, artist, tag] of data.taggings) {
      const counts = tagCounts.get(artist) ?? new Map<string, number>();
      counts.set(tag, (counts.get(tag) ?? 0) + 1);
      tagCounts.set(artist, counts);
    }
    for (const artist of this.artistIds) {
      const counts = [...(tagCounts.get(artist) ?? new Map<string, number>()).entries()];
      counts.sort((x, y) => y[1] - x[1] || Number(x[0]) - Number(y[0]));
      this.artistTags.push(counts.slice(0, TAGS_PER_ARTIST).map(([tag]) => tag));
    }
  }

  private readonly userIdx: number[][];

  guildPopularity(a: number): number {
    return Math.log1p(this.popularity[a]) / this.maxLogPopularity;
  }

  /** Co-listening cosine over binary listener sets, shrunk for small overlaps; top neighbours, cached. */
  neighbours(a: number): Array<[number, number]> {
    const cached = this.neighbourCache.get(a);
    if (cached) return cached;
    const co = new Map<number, number>();
    for (const u of this.listenersOf[a]) {
      for (const b of this.userIdx[u]) if (b !== a) co.set(b, (co.get(b) ?? 0) + 1);
    }
    const na = this.listenersOf[a].length;
    const scored: Array<[number, number]> = [];
    for (const [b, shared] of co) {
      const cosine = shared / Math.sqrt(na * this.listenersOf[b].length);
      scored.push([b, (cosine * shared) / (shared + SHRINK)]);
    }
    scored.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    const top = scored.slice(0, NEIGHBOURS);
    this.neighbourCache.set(a, top);
    return top;
  }

  profile(user: string): ListenerProfile {
    const plays = this.data.userArtists.get(user) ?? new Map<string, number>();
    const artists: WeightedRef[] = [...plays.entries()].map(([id, count]) => ({
      id,
      name: this.data.artistNames.get(id) ?? id,
      weight: Math.log1p(count),
    }));
    // The user's tags: their artists' tags weighted by how much they play them.
    const tagWeights = new Map<string, number>();
    const maxWeight = Math.max(1e-9, ...artists.map((x) => x.weight));
    for (const artist of artists) {
      const a = this.artistIndex.get(artist.id);
      if (a === undefined) continue;
      this.artistTags[a].forEach((tag, rank) => {
        tagWeights.set(tag, (tagWeights.get(tag) ?? 0) + artist.weight / maxWeight / (1 + rank));
      });
    }
    const tags = [...tagWeights.entries()]
      .sort((x, y) => y[1] - x[1] || Number(x[0]) - Number(y[0]))
      .slice(0, TAGS_PER_USER)
      .map(([id, weight]) => ({ id, name: this.data.tagNames.get(id) ?? id, weight }));
    return {
      userId: user,
      displayName: `user ${user}`,
      topArtists: artists,
      topTags: tags,
      // Artist level: an artist stands for its songs, so "played" means the artist is in the user's list.
      tracks: artists,
      likedTrackKeys: [],
      dislikedTrackKeys: [],
      playCount: 1000,
    };
  }

  /** Artists any member has in DIR. */
  known(members: readonly string[]): Set<string> {
    const known = new Set<string>();
    for (const user of members) for (const artist of this.data.userArtists.get(user)?.keys() ?? []) known.add(artist);
    return known;
  }

  /** Candidates for a group: co-listening neighbours of the members' artists that no member has. */
  candidates(members: readonly string[]): Candidate[] {
    const known = this.known(members);
    const evidence = new Map<number, Evidence[]>();
    const seen = new Set<number>();
    for (const user of members) {
      for (const artist of this.data.userArtists.get(user)?.keys() ?? []) {
        const a = this.artistIndex.get(artist);
        if (a === undefined || seen.has(a)) continue;
        seen.add(a);
        for (const [b, sim] of this.neighbours(a)) {
          if (known.has(this.artistIds[b]) || sim <= 0) continue;
          const list = evidence.get(b) ?? [];
          list.push({
            source: 'co-listening',
            similarTo: { kind: 'artist', id: artist, name: this.data.artistNames.get(artist) ?? artist },
            strength: Math.min(1, sim),
          });
          evidence.set(b, list);
        }
      }
    }
    const candidates: Candidate[] = [];
    for (const [b, list] of evidence) {
      list.sort((x, y) => y.strength - x.strength || x.similarTo.id.localeCompare(y.similarTo.id));
      const id = this.artistIds[b];
      candidates.push({
        trackKey: id,
        artistKey: id,
        artistName: this.data.artistNames.get(id) ?? id,
        tags: this.artistTags[b],
        guildPopularity: this.guildPopularity(b),
        evidence: list.slice(0, EVIDENCE_PER_CANDIDATE),
      });
    }
    return candidates;
  }

  /** One artist as a candidate without source evidence (the model scores it). */
  candidate(id: string): Candidate {
    const a = this.artistIndex.get(id);
    return {
      trackKey: id,
      artistKey: id,
      artistName: this.data.artistNames.get(id) ?? id,
      tags: a === undefined ? [] : this.artistTags[a],
      guildPopularity: a === undefined ? 0 : this.guildPopularity(a),
      evidence: [],
    };
  }

  mostPopular(exclude: Set<string>, k: number): string[] {
    const order = this.artistIds.map((_, a) => a).sort((x, y) => this.popularity[y] - this.popularity[x] || x - y);
    const out: string[] = [];
    for (const a of order) {
      if (out.length >= k) break;
      if (!exclude.has(this.artistIds[a])) out.push(this.artistIds[a]);
    }
    return out;
  }
}

function topK(scores: Float64Array | number[], keys: readonly string[], k: number): string[] {
  return keys
    .map((key, i) => [key, scores[i]] as [string, number])
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .slice(0, k)
    .map(([key]) => key);
}

function recommendWithModel(
  model: Model,
  trained: TrainedModel,
  group: Group,
  strategy: Strategy,
  k: number,
  seed: number,
  settings: Partial<RecommenderSettings>,
  classicWeight: number | undefined,
): string[] {
  const items = trained.unknownItems(model.known(group.members));
  const ids = (picked: number[]): string[] => picked.map((c) => trained.model.items[items[c]]);
  if (strategy === 'engine') {
    const pool = new Set<number>();
    for (const user of group.members)
      for (const c of topIndices(trained.memberScores(user, items, 'blend'), CANDIDATES_PER_MEMBER)) pool.add(items[c]);
    const candidates = [...pool].sort((a, b) => a - b).map((i) => model.candidate(trained.model.items[i]));
    const result = pick({
      listeners: group.members.map((user) => model.profile(user)),
      candidates,
      history: [],
      now: 0,
      seed,
      count: k,
      settings,
      model: {
        model: trained.model,
        itemIndex: trained.itemIndex,
        scores: group.members.map((user) => trained.scores(user)),
        itemNames: model.data.artistNames,
        classicWeight,
      },
    });
    return result.ok ? result.value.picks.map((p) => p.trackKey) : [];
  }
  const [scorer, mode] = strategy.split('-') as [ScorerName, 'avg' | 'rr'];
  const lists = group.members.map((user) => trained.memberScores(user, items, scorer));
  return ids(mode === 'avg' ? averageTop(lists, k) : roundRobinTop(lists, k));
}

function recommend(
  model: Model,
  group: Group,
  strategy: ClassicStrategy,
  k: number,
  seed: number,
  settings: Partial<RecommenderSettings>,
): string[] {
  if (strategy === 'popular') return model.mostPopular(model.known(group.members), k);
  const listeners = group.members.map((user) => model.profile(user));
  const candidates = model.candidates(group.members);
  if (strategy === 'classic-engine') {
    const result = pick({ listeners, candidates, history: [], now: 0, seed, count: k, settings });
    return result.ok ? result.value.picks.map((p) => p.trackKey) : [];
  }
  // Baselines share the engine's per-listener scores, so only the aggregation differs.
  const room = scoreRoom({ listeners, candidates, history: [], settings: resolveSettings() });
  const width = room.listeners.length;
  const keys = room.candidates.map((c) => c.trackKey);
  const column = (l: number): Float64Array => Float64Array.from(keys, (_, c) => room.fits[c * width + l]);
  switch (strategy) {
    case 'single': {
      const l = Math.floor(seededRandom(seed)() * width);
      return topK(column(l), keys, k);
    }
    case 'classic-average': {
      const mean = Float64Array.from(keys, (_, c) => {
        let sum = 0;
        for (let l = 0; l < width; l++) sum += room.fits[c * width + l];
        return sum / width;
      });
      return topK(mean, keys, k);
    }
    case 'classic-roundrobin': {
      const lists = Array.from({ length: width }, (_, l) => topK(column(l), keys, k));
      const out: string[] = [];
      for (let rank = 0; out.length < k && rank < k; rank++) {
        for (const list of lists)
          if (list[rank] !== undefined && !out.includes(list[rank]) && out.length < k) out.push(list[rank]);
      }
      return out;
    }
  }
}

/** Relative fit below which a member counts as miserable (the engine's default `miseryThreshold`), and the floor of the best fit. */
const MISERY_THRESHOLD = 0.15;
const FIT_FLOOR = 0.2;
/** A member left below the threshold by this many recommendations in a row counts as left out. */
const LEFT_OUT_RUN = 3;

/**
 * How the list treats members in the engine's terms (all members, evaluated or not): per item, whether
 * someone's fit is below the misery threshold (relative to their best candidate), and whether some
 * member is left below it `LEFT_OUT_RUN` items in a row. The same for every strategy.
 */
function miseryJudge(
  model: Model,
  group: Group,
): (artists: readonly string[]) => { miserable: number; leftOut: boolean } {
  const listeners = group.members.map((user) => model.profile(user));
  const room = scoreRoom({
    listeners,
    candidates: model.candidates(group.members),
    history: [],
    settings: resolveSettings(),
  });
  const width = room.listeners.length;
  const index = new Map(room.candidates.map((c, i) => [c.trackKey, i]));
  const best = Array.from({ length: width }, (_, l) => {
    let max = FIT_FLOOR;
    for (let c = 0; c < room.candidates.length; c++) max = Math.max(max, room.fits[c * width + l]);
    return max;
  });
  return (artists) => {
    const runs = new Array<number>(width).fill(0);
    let miserable = 0;
    let leftOut = false;
    for (const artist of artists) {
      const c = index.get(artist);
      let someone = false;
      for (let l = 0; l < width; l++) {
        const fit = c === undefined ? 0 : room.fits[c * width + l] / best[l];
        runs[l] = fit < MISERY_THRESHOLD ? runs[l] + 1 : 0;
        if (runs[l] > 0) someone = true;
        if (runs[l] >= LEFT_OUT_RUN) leftOut = true;
      }
      if (someone) miserable++;
    }
    return { miserable, leftOut };
  };
}

interface Totals {
  groups: number;
  members: number;
  ndcg: number;
  recall: number;
  worstNdcg: number;
  everyoneHit: number;
  zeroHitMembers: number;
  novelty: number;
  items: number;
  miserableItems: number;
  leftOut: number;
}

function emptyTotals(): Totals {
  return {
    groups: 0,
    members: 0,
    ndcg: 0,
    recall: 0,
    worstNdcg: 0,
    everyoneHit: 0,
    zeroHitMembers: 0,
    novelty: 0,
    items: 0,
    miserableItems: 0,
    leftOut: 0,
  };
}

function summarise(t: Totals): Record<string, number> {
  const round = (x: number): number => Math.round(x * 10000) / 10000;
  return {
    groups: t.groups,
    members: t.members,
    ndcg: round(t.ndcg / Math.max(1, t.members)),
    recall: round(t.recall / Math.max(1, t.members)),
    worstMemberNdcg: round(t.worstNdcg / Math.max(1, t.groups)),
    everyoneHitShare: round(t.everyoneHit / Math.max(1, t.groups)),
    zeroHitMemberShare: round(t.zeroHitMembers / Math.max(1, t.members)),
    noveltyBits: round(t.novelty / Math.max(1, t.items)),
    miserableShare: round(t.miserableItems / Math.max(1, t.items)),
    leftOutShare: round(t.leftOut / Math.max(1, t.groups)),
  };
}

/** Binary nDCG@k of a ranked list against a relevant set, and its number of hits. */
function rankingQuality(list: readonly string[], rel: ReadonlySet<string>, k: number): { ndcg: number; hits: number } {
  let dcg = 0;
  let hits = 0;
  list.forEach((a, rank) => {
    if (rel.has(a)) {
      dcg += 1 / Math.log2(rank + 2);
      hits++;
    }
  });
  let idcg = 0;
  for (let rank = 0; rank < Math.min(k, rel.size); rank++) idcg += 1 / Math.log2(rank + 2);
  return { ndcg: idcg > 0 ? dcg / idcg : 0, hits };
}

/**
 * Each evaluated member's own nDCG@k and recall@k of their held-out artists from one per-listener
 * scorer alone (their top k of every artist they do not have in DIR), so the listener model is judged
 * apart from the aggregation.
 */
function singleListenerQuality(
  model: Model,
  trained: TrainedModel,
  groups: readonly Group[],
  holdout: Map<string, Set<string>>,
  k: number,
): Record<string, { members: number; ndcg: number; recall: number }> {
  const users = [...new Set(groups.flatMap((g) => g.members))].filter((u) => (holdout.get(u)?.size ?? 0) > 0);
  const out: Record<string, { members: number; ndcg: number; recall: number }> = {};
  const round = (x: number): number => Math.round(x * 10000) / 10000;
  for (const scorer of SCORERS) {
    let ndcg = 0;
    let recall = 0;
    for (const user of users) {
      const items = trained.unknownItems(model.known([user]));
      const top = topIndices(trained.memberScores(user, items, scorer), k).map((c) => trained.model.items[items[c]]);
      const rel = holdout.get(user) ?? new Set<string>();
      const quality = rankingQuality(top, rel, k);
      ndcg += quality.ndcg;
      recall += quality.hits / rel.size;
    }
    out[scorer] = { members: users.length, ndcg: round(ndcg / users.length), recall: round(recall / users.length) };
  }
  return out;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      dataset: { type: 'string' },
      groups: { type: 'string' },
      k: { type: 'string', default: '10' },
      out: { type: 'string' },
      holdout: { type: 'string' },
      strategy: { type: 'string', default: 'engine' },
      limit: { type: 'string' },
      seed: { type: 'string', default: '1' },
      settings: { type: 'string' },
      train: { type: 'string' },
      single: { type: 'boolean', default: false },
      'classic-weight': { type: 'string' },
    },
  });
  // One or more strategies (comma separated) share the loaded data and the trained model.
  const strategies = (values.strategy ?? 'engine').split(',') as Strategy[];
  if (!values.dataset || !values.groups || !values.out || !strategies.every((s) => STRATEGIES.includes(s))) {
    process.stderr.write(
      `usage: recs:eval --dataset DIR --groups FILE --k 10 --out FILE [--holdout FILE] [--strategy ${STRATEGIES.join('|')}[,...]] [--limit N] [--single] [--train JSON] [--settings JSON]\n`,
    );
    process.exit(2);
  }
  const k = Math.max(1, Number(values.k));
  const seed = Number(values.seed);
  // Optional engine settings as JSON (e.g. '{"miseryThreshold":0}'), for ablations.
  const settings = values.settings ? (JSON.parse(values.settings) as Partial<RecommenderSettings>) : {};
  const started = performance.now();
  const model = new Model(loadHetrec(values.dataset));
  const usesModel = (s: Strategy): boolean => !isClassic(s);
  const trainOptions = values.train ? (JSON.parse(values.train) as Partial<TrainOptions>) : {};
  const trained = strategies.some(usesModel) || values.single ? new TrainedModel(model.data, trainOptions) : undefined;
  const classicWeight = values['classic-weight'] === undefined ? undefined : Number(values['classic-weight']);
  let groups: Group[] = readFileSync(values.groups, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as { id: string; members: Array<number | string> })
    .map((g) => ({ id: g.id, members: g.members.map(String) }));
  if (values.limit) groups = groups.slice(0, Number(values.limit));

  const holdout = values.holdout ? loadPairs(values.holdout) : undefined;
  const runs = strategies.map((strategy) => ({
    strategy,
    overall: emptyTotals(),
    byKind: new Map<string, Totals>(),
    lines: [] as string[],
    seconds: 0,
  }));
  groups.forEach((group, g) => {
    const judge = holdout ? miseryJudge(model, group) : undefined;
    for (const run of runs) {
      const { strategy, overall, byKind, lines } = run;
      const groupStarted = performance.now();
      const artists = isClassic(strategy)
        ? recommend(model, group, strategy, k, seed + g, settings)
        : trained
          ? recommendWithModel(model, trained, group, strategy, k, seed + g, settings, classicWeight)
          : [];
      run.seconds += (performance.now() - groupStarted) / 1000;
      lines.push(JSON.stringify({ id: group.id, artists: artists.map(Number) }));
      if (!holdout || !judge) continue;
      const known = model.known(group.members);
      const kind = group.id.split('-')[0];
      const kindTotals = byKind.get(kind) ?? emptyTotals();
      byKind.set(kind, kindTotals);
      let worst = Infinity;
      let everyone = true;
      let evaluated = 0;
      for (const user of group.members) {
        // Only what could be recommended counts: an artist another member has in DIR is no discovery.
        const relevant = [...(holdout.get(user) ?? [])].filter((a) => !known.has(a));
        if (relevant.length === 0) continue;
        const rel = new Set(relevant);
        const { ndcg, hits } = rankingQuality(artists, rel, k);
        for (const t of [overall, kindTotals]) {
          t.members++;
          t.ndcg += ndcg;
          t.recall += hits / rel.size;
          t.zeroHitMembers += hits === 0 ? 1 : 0;
        }
        worst = Math.min(worst, ndcg);
        if (hits === 0) everyone = false;
        evaluated++;
      }
      if (evaluated === 0) continue;
      const misery = judge(artists);
      for (const t of [overall, kindTotals]) {
        t.groups++;
        t.worstNdcg += worst;
        t.everyoneHit += everyone ? 1 : 0;
        t.miserableItems += misery.miserable;
        t.leftOut += misery.leftOut ? 1 : 0;
        for (const a of artists) {
          const index = model.artistIndex.get(a);
          const pop = index === undefined ? 1 : Math.max(1, model.popularity[index]);
          t.novelty += -Math.log2(pop / model.userCount);
          t.items++;
        }
      }
    }
  });
  for (const run of runs) {
    // With several strategies, each writes OUT.<strategy> beside OUT; the default single run writes OUT.
    const out = runs.length === 1 ? values.out : `${values.out}.${run.strategy}`;
    writeFileSync(out, run.lines.join('\n') + '\n');
  }
  const trainSeconds = trained ? Math.round(trained.trainSeconds * 10) / 10 : undefined;
  if (holdout) {
    for (const run of runs) {
      const kinds = Object.fromEntries([...run.byKind.entries()].sort().map(([kind, t]) => [kind, summarise(t)]));
      process.stdout.write(
        `${JSON.stringify({ strategy: run.strategy, k, ...summarise(run.overall), byKind: kinds, strategySeconds: Math.round(run.seconds * 10) / 10 })}\n`,
      );
    }
    const single = values.single && trained ? singleListenerQuality(model, trained, groups, holdout, k) : undefined;
    process.stdout.write(
      `${JSON.stringify({ single, trainSeconds, totalSeconds: Math.round((performance.now() - started) / 100) / 10 })}\n`,
    );
  }
}

main();
