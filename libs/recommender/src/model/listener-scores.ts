/**
 * Per-listener scores from a trained `ItemModel`: computed once per listener and model (the bot
 * caches them and refreshes them when the listener's profile changes), then standardised over each
 * room's candidates and blended, so a pick only aggregates.
 */
import { listenerItems, scoreComponent, type ItemModel, type ListenerItems } from './item-model';

/** One listener's cached scores: one vector over the model's items per component, in the model's component order. */
export interface ListenerScores {
  userId: string;
  /** The listener's own items in the model's index (used to explain a pick: "close to X, which Ana plays"). */
  items: ListenerItems;
  components: Float32Array[];
}

/** The model's item index (item id -> position), built once per model. */
export function itemIndexOf(model: ItemModel): Map<string, number> {
  return new Map(model.items.map((id, i) => [id, i]));
}

/** Scores every model item for one listener from their interactions (item id and a value roughly linear in preference). */
export function scoreListener(params: {
  model: ItemModel;
  itemIndex: ReadonlyMap<string, number>;
  userId: string;
  interactions: ReadonlyArray<{ itemId: string; value: number }>;
}): ListenerScores {
  const items = listenerItems(params.itemIndex, params.interactions);
  const components = params.model.components.map((component) =>
    scoreComponent(component, items, params.model.items.length),
  );
  return { userId: params.userId, items, components };
}

/**
 * Writes z-scores of `values` (NaN = cannot score) into `out`; unscored entries get the lowest
 * z-score seen, and a constant vector gives zeros.
 */
export function standardise(values: ArrayLike<number>, out: Float64Array): void {
  let count = 0;
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    count++;
    sum += v;
    squares += v * v;
  }
  const mean = count > 0 ? sum / count : 0;
  const sd = count > 1 ? Math.sqrt(Math.max(0, squares / count - mean * mean)) : 0;
  let lowest = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = Number.isNaN(v) || sd === 0 ? NaN : (v - mean) / sd;
    if (out[i] < lowest) lowest = out[i];
  }
  for (let i = 0; i < values.length; i++)
    if (Number.isNaN(out[i])) out[i] = sd === 0 && !Number.isNaN(values[i]) ? 0 : lowest;
}

/**
 * One listener's blended score of each candidate: every component's scores are standardised over
 * these candidates (so components and listeners of different scales weigh alike) and summed with the
 * model's blend weights. `candidateItems[c]` is the candidate's model index, or -1 when the model does
 * not know it (it then gets each component's lowest z-score).
 */
export function blendScores(
  model: ItemModel,
  scores: ListenerScores,
  candidateItems: Int32Array,
  weights: ItemModel['blend'] = model.blend,
): Float64Array {
  const count = candidateItems.length;
  const blended = new Float64Array(count);
  const raw = new Float64Array(count);
  const z = new Float64Array(count);
  model.components.forEach((component, k) => {
    const weight = weights.find((w) => w.name === component.name)?.weight ?? 0;
    if (weight === 0) return;
    const vector = scores.components[k];
    for (let c = 0; c < count; c++) raw[c] = candidateItems[c] < 0 ? NaN : vector[candidateItems[c]];
    standardise(raw, z);
    for (let c = 0; c < count; c++) blended[c] += weight * z[c];
  });
  return blended;
}

/** The listener's item that best explains why item `j` scores for them (largest x_i · W[i][j] in the kNN component), or -1. */
export function strongestReason(
  model: ItemModel,
  scores: ListenerScores,
  j: number,
): { item: number; strength: number } {
  const knn =
    model.components.find((c) => c.kind === 'item-item' && c.name === 'knn') ??
    model.components.find((c) => c.kind === 'item-item');
  let best = { item: -1, strength: 0 };
  if (!knn || knn.kind !== 'item-item') return best;
  const { indptr, indices, values } = knn.matrix;
  for (let k = 0; k < scores.items.items.length; k++) {
    const i = scores.items.items[k];
    // Binary search of j in row i (indices are sorted).
    let lo = indptr[i];
    let hi = indptr[i + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (indices[mid] === j) {
        const strength = values[mid] * (knn.input === 'binary' ? 1 : scores.items.values[k]);
        if (strength > best.strength) best = { item: i, strength };
        break;
      }
      if (indices[mid] < j) lo = mid + 1;
      else hi = mid - 1;
    }
  }
  return best;
}
