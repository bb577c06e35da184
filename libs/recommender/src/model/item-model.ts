/**
 * The item-item model of the listeners' taste, learned from interactions (who plays what, how much)
 * and given to the scorer as plain data, so the same model serves the offline evaluation and the
 * bot (which learns it off the event loop and stores it). Three components, each a strong scorer on
 * its own and better blended:
 * - `ease`: EASE (Steck 2019), the closed-form item-item regression, on items with at least
 *   `easeMinListeners` listeners; rows kept to their `easeKeep` strongest weights.
 * - `knn`: item-kNN, cosine over the items' interaction columns, full neighbourhoods.
 * - `ials`: implicit ALS (Hu, Koren, Volinsky 2008) item factors; a listener's factors are folded
 *   in from their own interactions when they are scored.
 */
import { choleskyInPlace, choleskySolveInPlace, inverseSpd } from './linear-algebra';
import { seededRandom } from '../seeded-random';

/** One interaction: a user's preference for an item. `value` is roughly linear in preference (e.g. log(1 + plays)), > 0. */
export interface Interaction {
  userId: string;
  itemId: string;
  value: number;
}

/** A sparse item-item matrix in CSR form: row i lists the items j that item i points to, with weight W[i][j]. */
export interface SparseItemMatrix {
  /** Length items + 1. */
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/** A component that scores item j for a listener as Σ over their items i of x_i · W[i][j]. */
export interface ItemItemComponent {
  kind: 'item-item';
  /** 'ease' and 'knn' when trained here; the app may add its own (e.g. the outside sources' similarity). */
  name: string;
  /** How a listener's interaction value enters x_i: as it is, or 1 for any interaction. */
  input: 'value' | 'binary';
  matrix: SparseItemMatrix;
  /** 1 for items this component can score; others get NaN (the scorer treats them as its worst). */
  covered: Uint8Array;
}

/** Item factors of implicit ALS; a listener is folded in by one regularised least-squares solve. */
export interface FactorComponent {
  kind: 'factors';
  name: 'ials';
  rank: number;
  /** items x rank, row-major. */
  itemFactors: Float32Array;
  /** YᵀY (rank x rank), precomputed for fold-in. */
  gram: Float64Array;
  regularization: number;
  /** Confidence of an interaction: 1 + confidence · value. */
  confidence: number;
  /** 1 for items these factors were learned on; absent when all were. Others get NaN, as in an item-item component. */
  covered?: Uint8Array;
}

export type ModelComponent = ItemItemComponent | FactorComponent;

/** A trained model: the item index and its components. Plain data (typed arrays), safe to store and pass to a worker. */
export interface ItemModel {
  items: string[];
  components: ModelComponent[];
  /** Default blend weights of the standardised component scores, by component name. */
  blend: Array<{ name: string; weight: number }>;
}

/** Training options (defaults tuned on HetRec split seed 1). */
export interface TrainOptions {
  easeLambda: number;
  easeMinListeners: number;
  /** Weights kept per EASE row (strongest by magnitude); the rest of a dense row is near zero. */
  easeKeep: number;
  factors: number;
  alsIterations: number;
  alsRegularization: number;
  alsConfidence: number;
  seed: number;
  blend: ItemModel['blend'];
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  easeLambda: 50,
  easeMinListeners: 2,
  easeKeep: 400,
  factors: 32,
  alsIterations: 12,
  alsRegularization: 5,
  alsConfidence: 1,
  seed: 1,
  blend: [
    { name: 'ease', weight: 0.4 },
    { name: 'knn', weight: 0.2 },
    { name: 'ials', weight: 0.4 },
  ],
};

/** Interactions indexed: per user the items and values, per item the users. */
interface Indexed {
  items: string[];
  userItems: Array<{ items: Int32Array; values: Float64Array }>;
  itemUsers: Int32Array[];
}

function indexInteractions(interactions: readonly Interaction[]): Indexed {
  const itemIndex = new Map<string, number>();
  const userIndex = new Map<string, number>();
  const items: string[] = [];
  const perUser: Array<Map<number, number>> = [];
  for (const { userId, itemId, value } of interactions) {
    if (!(value > 0)) continue;
    let i = itemIndex.get(itemId);
    if (i === undefined) {
      i = items.length;
      itemIndex.set(itemId, i);
      items.push(itemId);
    }
    let u = userIndex.get(userId);
    if (u === undefined) {
      u = perUser.length;
      userIndex.set(userId, u);
      perUser.push(new Map());
    }
    const row = perUser[u];
    row.set(i, (row.get(i) ?? 0) + value);
  }
  const userItems = perUser.map((row) => {
    const entries = [...row.entries()].sort((a, b) => a[0] - b[0]);
    return { items: Int32Array.from(entries, (e) => e[0]), values: Float64Array.from(entries, (e) => e[1]) };
  });
  const counts = new Int32Array(items.length);
  for (const row of userItems) for (const i of row.items) counts[i]++;
  const itemUsers = Array.from(counts, (c) => new Int32Array(c));
  counts.fill(0);
  userItems.forEach((row, u) => {
    for (const i of row.items) itemUsers[i][counts[i]++] = u;
  });
  return { items, userItems, itemUsers };
}

/** Item-kNN: cosine over the items' value columns, every co-occurring item kept. */
function trainKnn(data: Indexed): ItemItemComponent {
  const n = data.items.length;
  const norms = new Float64Array(n);
  for (const row of data.userItems)
    for (let k = 0; k < row.items.length; k++) norms[row.items[k]] += row.values[k] ** 2;
  for (let i = 0; i < n; i++) norms[i] = Math.sqrt(norms[i]);
  const acc = new Float64Array(n);
  const touched = new Int32Array(n);
  const indptr = new Int32Array(n + 1);
  const rows: Array<{ idx: Int32Array; val: Float32Array }> = [];
  for (let i = 0; i < n; i++) {
    let t = 0;
    for (const u of data.itemUsers[i]) {
      const row = data.userItems[u];
      const xi = row.values[row.items.indexOf(i)];
      for (let k = 0; k < row.items.length; k++) {
        const j = row.items[k];
        if (j === i) continue;
        if (acc[j] === 0) touched[t++] = j;
        acc[j] += xi * row.values[k];
      }
    }
    const idx = touched.slice(0, t).sort();
    const val = Float32Array.from(idx, (j) => acc[j] / (norms[i] * norms[j]));
    for (const j of idx) acc[j] = 0;
    rows.push({ idx, val });
    indptr[i + 1] = indptr[i] + t;
  }
  return {
    kind: 'item-item',
    name: 'knn',
    input: 'value',
    matrix: packRows(rows, indptr),
    covered: new Uint8Array(n).fill(1),
  };
}

function packRows(rows: Array<{ idx: Int32Array; val: Float32Array }>, indptr: Int32Array): SparseItemMatrix {
  const indices = new Int32Array(indptr[rows.length]);
  const values = new Float32Array(indptr[rows.length]);
  rows.forEach((row, i) => {
    indices.set(row.idx, indptr[i]);
    values.set(row.val, indptr[i]);
  });
  return { indptr, indices, values };
}

/**
 * EASE on binary interactions: P = (XᵀX + λI)⁻¹, W[i][j] = −P[i][j] / P[j][j], W[j][j] = 0. With
 * fewer users than items the inverse is taken in user space (Woodbury: P = (I − Xᵀ(λI + XXᵀ)⁻¹X) / λ),
 * so a few thousand users cost one users x users inverse and the items x items matrix is never
 * formed whole: each row of P is built, cut to its strongest weights and dropped.
 */
function trainEase(data: Indexed, options: TrainOptions): ItemItemComponent {
  const n = data.items.length;
  const lambda = options.easeLambda;
  // Sub-index of the items EASE covers.
  const sub: number[] = [];
  const subOf = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    if (data.itemUsers[i].length >= options.easeMinListeners) {
      subOf[i] = sub.length;
      sub.push(i);
    }
  }
  const e = sub.length;
  const users = data.userItems.map((row) => Int32Array.from([...row.items].map((i) => subOf[i]).filter((s) => s >= 0)));
  const m = users.length;
  // rowOfP(s, out): writes row s of P (sub-indexed) into out.
  let rowOfP: (s: number, out: Float64Array) => void;
  if (m < e) {
    const k = new Float64Array(m * m);
    const mark = new Int32Array(e).fill(-1);
    for (let u = 0; u < m; u++) {
      for (const s of users[u]) mark[s] = u;
      for (let v = 0; v <= u; v++) {
        let shared = 0;
        for (const s of users[v]) if (mark[s] === u) shared++;
        k[u * m + v] = shared;
        k[v * m + u] = shared;
      }
      k[u * m + u] += lambda;
    }
    const kInv = inverseSpd(k, m);
    if (!kInv) throw new Error('EASE: user Gram matrix is not positive definite');
    // q = K⁻¹ X (m x e), stored as Float32 to halve the memory.
    const q = new Float32Array(m * e);
    const itemUsersSub = sub.map((i) => data.itemUsers[i]);
    for (let u = 0; u < m; u++) {
      const rowU = u * m;
      const out = u * e;
      for (let s = 0; s < e; s++) {
        let sum = 0;
        for (const v of itemUsersSub[s]) sum += kInv[rowU + v];
        q[out + s] = sum;
      }
    }
    rowOfP = (s, out) => {
      out.fill(0);
      for (const u of itemUsersSub[s]) {
        const base = u * e;
        for (let t = 0; t < e; t++) out[t] -= q[base + t];
      }
      out[s] += 1;
      for (let t = 0; t < e; t++) out[t] /= lambda;
    };
  } else {
    const g = new Float64Array(e * e);
    for (const row of users) for (const a of row) for (const b of row) g[a * e + b] += 1;
    for (let s = 0; s < e; s++) g[s * e + s] += lambda;
    const p = inverseSpd(g, e);
    if (!p) throw new Error('EASE: item Gram matrix is not positive definite');
    rowOfP = (s, out) => out.set(p.subarray(s * e, (s + 1) * e));
  }
  const diagonal = new Float64Array(e);
  const scratch = new Float64Array(e);
  for (let s = 0; s < e; s++) {
    rowOfP(s, scratch);
    diagonal[s] = scratch[s];
  }
  const keep = Math.min(options.easeKeep, Math.max(0, e - 1));
  const indptr = new Int32Array(n + 1);
  const rows: Array<{ idx: Int32Array; val: Float32Array }> = [];
  const order = new Float64Array(e);
  for (let i = 0; i < n; i++) {
    const s = subOf[i];
    if (s < 0 || keep === 0) {
      rows.push({ idx: new Int32Array(0), val: new Float32Array(0) });
      indptr[i + 1] = indptr[i];
      continue;
    }
    rowOfP(s, scratch);
    // W[s][t] = −P[s][t] / P[t][t]; keep the `keep` largest magnitudes (threshold by a sorted copy).
    for (let t = 0; t < e; t++) scratch[t] = t === s ? 0 : -scratch[t] / diagonal[t];
    for (let t = 0; t < e; t++) order[t] = -Math.abs(scratch[t]);
    const threshold = -order.slice().sort()[keep - 1];
    const idx: number[] = [];
    for (let t = 0; t < e && idx.length < keep; t++) if (t !== s && Math.abs(scratch[t]) >= threshold) idx.push(t);
    const globalIdx = Int32Array.from(idx, (t) => sub[t]);
    const order2 = Array.from(globalIdx.keys()).sort((a, b) => globalIdx[a] - globalIdx[b]);
    rows.push({
      idx: Int32Array.from(order2, (k) => globalIdx[k]),
      val: Float32Array.from(order2, (k) => scratch[idx[k]]),
    });
    indptr[i + 1] = indptr[i] + idx.length;
  }
  const covered = new Uint8Array(n);
  for (const i of sub) covered[i] = 1;
  return { kind: 'item-item', name: 'ease', input: 'binary', matrix: packRows(rows, indptr), covered };
}

/** Solves (A + λI) x = b for the factors of one row (user or item) of implicit ALS. */
function alsSolve(
  gram: Float64Array,
  other: Float32Array | Float64Array,
  rank: number,
  ids: ArrayLike<number>,
  values: ArrayLike<number>,
  confidence: number,
  regularization: number,
  a: Float64Array,
  b: Float64Array,
): void {
  a.set(gram);
  b.fill(0);
  for (let k = 0; k < ids.length; k++) {
    const base = ids[k] * rank;
    const c = 1 + confidence * values[k];
    for (let p = 0; p < rank; p++) {
      const yp = other[base + p];
      b[p] += c * yp;
      const scaled = (c - 1) * yp;
      for (let q = 0; q <= p; q++) a[p * rank + q] += scaled * other[base + q];
    }
  }
  for (let p = 0; p < rank; p++) {
    a[p * rank + p] += regularization;
    for (let q = 0; q < p; q++) a[q * rank + p] = a[p * rank + q];
  }
  if (!choleskyInPlace(a, rank)) {
    b.fill(0);
    return;
  }
  choleskySolveInPlace(a, rank, b);
}

function gramOf(factors: Float64Array, count: number, rank: number): Float64Array {
  const gram = new Float64Array(rank * rank);
  for (let r = 0; r < count; r++) {
    const base = r * rank;
    for (let p = 0; p < rank; p++) {
      const fp = factors[base + p];
      for (let q = 0; q <= p; q++) gram[p * rank + q] += fp * factors[base + q];
    }
  }
  for (let p = 0; p < rank; p++) for (let q = 0; q < p; q++) gram[q * rank + p] = gram[p * rank + q];
  return gram;
}

function trainIals(data: Indexed, options: TrainOptions): FactorComponent {
  const rank = options.factors;
  const n = data.items.length;
  const m = data.userItems.length;
  const random = seededRandom(options.seed);
  const itemF = Float64Array.from({ length: n * rank }, () => (random() - 0.5) * 0.1);
  const userF = new Float64Array(m * rank);
  const a = new Float64Array(rank * rank);
  const b = new Float64Array(rank);
  // Per item: its users and their values, for the item half-step.
  const itemValues = data.itemUsers.map((users, i) =>
    Float64Array.from(users, (u) => {
      const row = data.userItems[u];
      return row.values[row.items.indexOf(i)];
    }),
  );
  for (let iteration = 0; iteration < options.alsIterations; iteration++) {
    let gram = gramOf(itemF, n, rank);
    for (let u = 0; u < m; u++) {
      const row = data.userItems[u];
      alsSolve(gram, itemF, rank, row.items, row.values, options.alsConfidence, options.alsRegularization, a, b);
      userF.set(b, u * rank);
    }
    gram = gramOf(userF, m, rank);
    for (let i = 0; i < n; i++) {
      alsSolve(
        gram,
        userF,
        rank,
        data.itemUsers[i],
        itemValues[i],
        options.alsConfidence,
        options.alsRegularization,
        a,
        b,
      );
      itemF.set(b, i * rank);
    }
  }
  return {
    kind: 'factors',
    name: 'ials',
    rank,
    itemFactors: Float32Array.from(itemF),
    gram: gramOf(itemF, n, rank),
    regularization: options.alsRegularization,
    confidence: options.alsConfidence,
  };
}

/** Learns the model from interactions. Deterministic with `options.seed`; no I/O. */
export function trainItemModel(interactions: readonly Interaction[], options: Partial<TrainOptions> = {}): ItemModel {
  const resolved = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const data = indexInteractions(interactions);
  const components: ModelComponent[] = [];
  const names = new Set(resolved.blend.filter((b) => b.weight > 0).map((b) => b.name));
  if (names.has('ease')) components.push(trainEase(data, resolved));
  if (names.has('knn')) components.push(trainKnn(data));
  if (names.has('ials')) components.push(trainIals(data, resolved));
  return { items: data.items, components, blend: resolved.blend.filter((b) => names.has(b.name)) };
}

/** A listener's item interactions in the model's index (items the model does not know are dropped). */
export interface ListenerItems {
  items: Int32Array;
  values: Float64Array;
}

/** Maps a listener's interactions (item id and value) onto the model's item index. */
export function listenerItems(
  itemIndex: ReadonlyMap<string, number>,
  interactions: ReadonlyArray<{ itemId: string; value: number }>,
): ListenerItems {
  const byItem = new Map<number, number>();
  for (const { itemId, value } of interactions) {
    const i = itemIndex.get(itemId);
    if (i !== undefined && value > 0) byItem.set(i, (byItem.get(i) ?? 0) + value);
  }
  const entries = [...byItem.entries()].sort((a, b) => a[0] - b[0]);
  return { items: Int32Array.from(entries, (e) => e[0]), values: Float64Array.from(entries, (e) => e[1]) };
}

/** One component's score of every model item for one listener (NaN where the component cannot score). */
export function scoreComponent(component: ModelComponent, listener: ListenerItems, itemCount: number): Float32Array {
  const out = new Float32Array(itemCount);
  if (component.kind === 'item-item') {
    const { indptr, indices, values } = component.matrix;
    for (let k = 0; k < listener.items.length; k++) {
      const i = listener.items[k];
      const x = component.input === 'binary' ? 1 : listener.values[k];
      for (let p = indptr[i]; p < indptr[i + 1]; p++) out[indices[p]] += x * values[p];
    }
    for (let j = 0; j < itemCount; j++) if (component.covered[j] === 0) out[j] = NaN;
    return out;
  }
  const { rank, itemFactors } = component;
  const a = new Float64Array(rank * rank);
  const b = new Float64Array(rank);
  alsSolve(
    component.gram,
    itemFactors,
    rank,
    listener.items,
    listener.values,
    component.confidence,
    component.regularization,
    a,
    b,
  );
  for (let j = 0; j < itemCount; j++) {
    let sum = 0;
    const base = j * rank;
    for (let p = 0; p < rank; p++) sum += b[p] * itemFactors[base + p];
    out[j] = component.covered && component.covered[j] === 0 ? NaN : sum;
  }
  return out;
}
