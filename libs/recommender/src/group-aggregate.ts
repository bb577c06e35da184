/**
 * Group aggregation strategies over per-listener fits in [0, 1] (Masthoff 2004, 2011). The engine
 * uses `fairAggregate`; the classic strategies are here for comparison and for the offline baselines.
 */

/** The strategies Masthoff compares, plus the engine's own. */
export type AggregationStrategy = 'average' | 'least-misery' | 'average-without-misery' | 'multiplicative' | 'fair';

/** Share of the score kept by a candidate that would make someone miserable when others would not. */
const MISERY_PENALTY = 0.25;

/** Plain (optionally weighted) average of the fits. */
export function averageAggregate(fits: ArrayLike<number>, weights?: ArrayLike<number>): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < fits.length; i++) {
    const w = weights ? weights[i] : 1;
    sum += w * fits[i];
    total += w;
  }
  return total > 0 ? sum / total : 0;
}

/** The fit of the least satisfied listener. */
export function leastMiseryAggregate(fits: ArrayLike<number>): number {
  let min = Infinity;
  for (let i = 0; i < fits.length; i++) if (fits[i] < min) min = fits[i];
  return min === Infinity ? 0 : min;
}

/** Product of the fits (each listener has a veto in proportion to their dislike). */
export function multiplicativeAggregate(fits: ArrayLike<number>): number {
  let product = 1;
  for (let i = 0; i < fits.length; i++) product *= fits[i];
  return fits.length === 0 ? 0 : product;
}

/** Average, but a candidate below the misery threshold for anyone is pushed down (kept, so a room never runs dry). */
export function averageWithoutMiseryAggregate(fits: ArrayLike<number>, threshold: number): number {
  const average = averageAggregate(fits);
  return leastMiseryAggregate(fits) < threshold ? average * MISERY_PENALTY : average;
}

/** Parameters of the engine's aggregation for one pick. */
export interface FairAggregateParams {
  /** Per-listener weights from the session's fairness (under-served listeners weigh more). */
  weights: ArrayLike<number>;
  /** Blend towards least misery, in [0, 1]: the recent disagreement of the room (Stratigi et al.). */
  alpha: number;
  miseryThreshold: number;
}

/**
 * The engine's aggregation: (1 - alpha) * fairness-weighted average + alpha * least misery, with
 * the average-without-misery guard. Listeners with weight 0 (no signal at all) are ignored.
 */
export function fairAggregate(fits: ArrayLike<number>, params: FairAggregateParams): number {
  const { weights, alpha, miseryThreshold } = params;
  let sum = 0;
  let total = 0;
  let min = Infinity;
  for (let i = 0; i < fits.length; i++) {
    const w = weights[i];
    if (w <= 0) continue;
    const f = fits[i];
    sum += w * f;
    total += w;
    if (f < min) min = f;
  }
  if (total === 0) return 0;
  const blended = (1 - alpha) * (sum / total) + alpha * min;
  return min < miseryThreshold ? blended * MISERY_PENALTY : blended;
}

/** Aggregates fits with a named strategy ('fair' needs weights and alpha; defaults give equal weights, alpha 0). */
export function aggregate(
  strategy: AggregationStrategy,
  fits: ArrayLike<number>,
  params: Partial<FairAggregateParams> = {},
): number {
  const threshold = params.miseryThreshold ?? 0.15;
  switch (strategy) {
    case 'average':
      return averageAggregate(fits);
    case 'least-misery':
      return leastMiseryAggregate(fits);
    case 'average-without-misery':
      return averageWithoutMiseryAggregate(fits, threshold);
    case 'multiplicative':
      return multiplicativeAggregate(fits);
    case 'fair':
      return fairAggregate(fits, {
        weights: params.weights ?? Array.from({ length: fits.length }, () => 1),
        alpha: params.alpha ?? 0,
        miseryThreshold: threshold,
      });
  }
}
