/**
 * The model-based side of the offline evaluation: trains an `ItemModel` from the dataset directory
 * only, caches each user's scores, and ranks a group's unknown artists with the engine or with a
 * baseline (one component alone, averaged or round-robin over the members).
 */
import { itemIndexOf, scoreListener, blendScores, type ListenerScores } from '../src/model/listener-scores';
import { trainItemModel, type Interaction, type ItemModel, type TrainOptions } from '../src/model/item-model';
import { type HetrecData } from './hetrec';

export type ScorerName = 'ease' | 'knn' | 'ials' | 'blend';

export class TrainedModel {
  readonly model: ItemModel;
  readonly itemIndex: Map<string, number>;
  readonly trainSeconds: number;
  private readonly cache = new Map<string, ListenerScores>();

  constructor(
    private readonly data: HetrecData,
    options: Partial<TrainOptions>,
  ) {
    const interactions: Interaction[] = [];
    for (const [userId, artists] of data.userArtists)
      for (const [itemId, plays] of artists) interactions.push({ userId, itemId, value: Math.log1p(plays) });
    const started = performance.now();
    this.model = trainItemModel(interactions, options);
    this.trainSeconds = (performance.now() - started) / 1000;
    this.itemIndex = itemIndexOf(this.model);
  }

  scores(user: string): ListenerScores {
    let cached = this.cache.get(user);
    if (!cached) {
      const plays = this.data.userArtists.get(user) ?? new Map<string, number>();
      cached = scoreListener({
        model: this.model,
        itemIndex: this.itemIndex,
        userId: user,
        interactions: [...plays.entries()].map(([itemId, count]) => ({ itemId, value: Math.log1p(count) })),
      });
      this.cache.set(user, cached);
    }
    return cached;
  }

  /** Model items none of `users` has, as model indices. */
  unknownItems(known: ReadonlySet<string>): Int32Array {
    const out: number[] = [];
    this.model.items.forEach((id, i) => {
      if (!known.has(id)) out.push(i);
    });
    return Int32Array.from(out);
  }

  /** One member's standardised scores of `items` with one component or the blend. */
  memberScores(user: string, items: Int32Array, scorer: ScorerName): Float64Array {
    const weights = scorer === 'blend' ? this.model.blend : [{ name: scorer, weight: 1 }];
    return blendScores(this.model, this.scores(user), items, weights);
  }
}

/** Indices of the k largest values, best first (ties by index). */
export function topIndices(values: Float64Array, k: number): number[] {
  const order = Array.from(values.keys());
  order.sort((a, b) => values[b] - values[a] || a - b);
  return order.slice(0, k);
}

/** Mean of the members' standardised scores, top k. */
export function averageTop(lists: Float64Array[], k: number): number[] {
  const mean = new Float64Array(lists[0].length);
  for (const list of lists) for (let c = 0; c < mean.length; c++) mean[c] += list[c] / lists.length;
  return topIndices(mean, k);
}

/** Members' own top lists interleaved (first choices first), without repeats, k in all. */
export function roundRobinTop(lists: Float64Array[], k: number): number[] {
  const tops = lists.map((list) => topIndices(list, k));
  const out: number[] = [];
  for (let rank = 0; rank < k && out.length < k; rank++)
    for (const top of tops)
      if (top[rank] !== undefined && !out.includes(top[rank]) && out.length < k) out.push(top[rank]);
  return out;
}
