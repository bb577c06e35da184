/**
 * What a bot instance learns from, and how it fills the gaps of a small one. A listener's
 * interactions are their artists (what the bot heard them play, decayed, and what imports brought);
 * the outside sources' artist similarity (Last.fm, Deezer) joins the learned components as one more
 * item-item component, `sources`, so artists nobody on the instance has played can still be scored,
 * and an instance with few listeners leans on it while a large one trusts what it learned.
 */
import type { ListenerProfile } from '../types';
import type { Interaction, ItemItemComponent, ItemModel, ModelComponent } from './item-model';

/** Imported artists count for less than artists the bot heard the listener play. */
const IMPORTED_SHARE = 0.5;

/** A listener's artist interactions: log(1 + decayed weight), imports at half; the larger of the two per artist. */
export function profileInteractions(profile: ListenerProfile): Array<{ itemId: string; value: number }> {
  const values = new Map<string, number>();
  const add = (id: string, value: number): void => {
    if (id && value > 0 && value > (values.get(id) ?? 0)) values.set(id, value);
  };
  for (const artist of profile.topArtists) add(artist.id, Math.log1p(artist.weight));
  for (const artist of profile.imported?.artists ?? []) add(artist.id, IMPORTED_SHARE * Math.log1p(artist.weight));
  return [...values].map(([itemId, value]) => ({ itemId, value }));
}

/** Every listener's interactions, for training. */
export function instanceInteractions(profiles: Iterable<ListenerProfile>): Interaction[] {
  const out: Interaction[] = [];
  for (const profile of profiles)
    for (const { itemId, value } of profileInteractions(profile)) out.push({ userId: profile.userId, itemId, value });
  return out;
}

/** "Artist `to` is like artist `from`", with the source's strength in (0, 1]. */
export interface SimilarityEdge {
  from: string;
  to: string;
  strength: number;
}

/**
 * Listeners at which the learned components and the sources weigh alike; with fewer the sources
 * weigh more, with many more the learned components take over (the sources keep `MIN_SOURCES_SHARE`).
 */
const HALF_TRUST_LISTENERS = 25;
const MIN_SOURCES_SHARE = 0.15;

/** The share of the blend given to the outside sources for an instance with this many listeners. */
export function sourcesShare(listeners: number): number {
  const learned = listeners / (listeners + HALF_TRUST_LISTENERS);
  return Math.max(MIN_SOURCES_SHARE, 1 - learned);
}

/**
 * The learned model (or none yet) joined with the sources' similarity: the item index grows by the
 * artists only the sources name (learned components cannot score them: NaN, their lowest z-score),
 * and the blend gives the sources `sourcesShare(listeners)`, the learned components the rest in
 * their own proportions. Similarity is read both ways (Last.fm and Deezer list neighbours one way).
 */
export function withSourceSimilarity(
  learned: ItemModel | null,
  edges: readonly SimilarityEdge[],
  listeners: number,
): ItemModel {
  const items = [...(learned?.items ?? [])];
  const index = new Map(items.map((id, i) => [id, i]));
  const indexOf = (id: string): number => {
    let i = index.get(id);
    if (i === undefined) {
      i = items.length;
      index.set(id, i);
      items.push(id);
    }
    return i;
  };
  const rows = new Map<number, Map<number, number>>();
  const link = (a: number, b: number, strength: number): void => {
    const row = rows.get(a) ?? new Map<number, number>();
    rows.set(a, row);
    row.set(b, Math.max(row.get(b) ?? 0, strength));
  };
  for (const edge of edges) {
    if (!edge.from || !edge.to || edge.from === edge.to || !(edge.strength > 0)) continue;
    const strength = Math.min(1, edge.strength);
    const a = indexOf(edge.from);
    const b = indexOf(edge.to);
    link(a, b, strength);
    link(b, a, strength);
  }
  const n = items.length;
  const components: ModelComponent[] = (learned?.components ?? []).map((component) => padComponent(component, n));
  if (rows.size > 0) components.push(sourcesComponent(rows, n));

  const share = rows.size === 0 ? 0 : learned ? sourcesShare(listeners) : 1;
  const learnedTotal = (learned?.blend ?? []).reduce((sum, b) => sum + b.weight, 0);
  const blend = [
    ...(learned?.blend ?? []).map((b) => ({
      name: b.name,
      weight: learnedTotal > 0 ? ((1 - share) * b.weight) / learnedTotal : 0,
    })),
    ...(rows.size > 0 ? [{ name: 'sources', weight: share }] : []),
  ];
  return { items, components, blend };
}

function sourcesComponent(rows: Map<number, Map<number, number>>, n: number): ItemItemComponent {
  const indptr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) indptr[i + 1] = indptr[i] + (rows.get(i)?.size ?? 0);
  const indices = new Int32Array(indptr[n]);
  const values = new Float32Array(indptr[n]);
  const covered = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows.get(i);
    if (!row) continue;
    covered[i] = 1;
    const sorted = [...row].sort((a, b) => a[0] - b[0]);
    sorted.forEach(([j, strength], k) => {
      indices[indptr[i] + k] = j;
      values[indptr[i] + k] = strength;
      covered[j] = 1;
    });
  }
  return { kind: 'item-item', name: 'sources', input: 'value', matrix: { indptr, indices, values }, covered };
}

/** A learned component stretched to `n` items: the new items have no row, no factors, and are not covered. */
function padComponent(component: ModelComponent, n: number): ModelComponent {
  if (component.kind === 'item-item') {
    const old = component.matrix.indptr.length - 1;
    if (old === n) return component;
    const indptr = new Int32Array(n + 1);
    indptr.set(component.matrix.indptr);
    indptr.fill(component.matrix.indptr[old], old + 1);
    const covered = new Uint8Array(n);
    covered.set(component.covered);
    return { ...component, matrix: { ...component.matrix, indptr }, covered };
  }
  const old = component.itemFactors.length / component.rank;
  if (old === n) return component;
  const itemFactors = new Float32Array(n * component.rank);
  itemFactors.set(component.itemFactors);
  const covered = new Uint8Array(n);
  if (component.covered) covered.set(component.covered);
  else covered.fill(1, 0, old);
  return { ...component, itemFactors, covered };
}
