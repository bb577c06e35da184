import { getHeapStatistics } from 'node:v8';
import {
  DEFAULT_TRAIN_OPTIONS,
  encodeItemModel,
  trainItemModel,
  withSourceSimilarity,
  type Interaction,
  type SimilarityEdge,
  type TrainOptions,
} from '@accord/recommender';

/** What one training run learns from. Plain data: it crosses into the worker thread as it is. */
export interface TasteModelJobInput {
  interactions: Interaction[];
  edges: SimilarityEdge[];
  options?: Partial<TrainOptions>;
}

/** What it hands back: the encoded model and figures for the log and the panel. */
export interface TasteModelJobOutput {
  bytes: Uint8Array;
  items: number;
  listenerCount: number;
  interactions: number;
  edges: number;
  /** Which components the model holds, with their blend weights. */
  blend: Array<{ name: string; weight: number }>;
  trainMs: number;
  /** The worker's heap plus its typed arrays at the end of training, in MB (the figure a small host cares about). */
  heapMb: number;
}

/**
 * The instance's size below which the learned components are left out: EASE, item-kNN and iALS
 * learn nothing useful from a handful of listeners, and the sources' similarity carries the model.
 */
export const MIN_LEARNING_LISTENERS = 3;

/**
 * Learns the item-item model from the listeners' interactions (EASE, item-kNN, iALS; see
 * `@accord/recommender`) and joins the sources' artist similarity to it. Pure and synchronous:
 * the bot runs it in a worker thread, tests may call it directly.
 */
export function runTasteModelJob(input: TasteModelJobInput): TasteModelJobOutput {
  const started = performance.now();
  const listeners = new Set(input.interactions.map((i) => i.userId)).size;
  const learned =
    listeners >= MIN_LEARNING_LISTENERS
      ? trainItemModel(input.interactions, { ...DEFAULT_TRAIN_OPTIONS, ...input.options })
      : null;
  const model = withSourceSimilarity(learned, input.edges, listeners);
  const bytes = encodeItemModel(model);
  const heap = getHeapStatistics();
  return {
    bytes,
    items: model.items.length,
    listenerCount: listeners,
    interactions: input.interactions.length,
    edges: input.edges.length,
    blend: model.blend.map((b) => ({ name: b.name, weight: Math.round(b.weight * 1000) / 1000 })),
    trainMs: Math.round(performance.now() - started),
    heapMb: Math.round(((heap.used_heap_size + heap.external_memory) / 2 ** 20) * 10) / 10,
  };
}
