import { clamp } from './settings';
import { type FairnessWeight, type HistoryEntry, type RecommenderSettings } from './types';

/** Older picks count less: a listener served three songs ago is less owed than one served never. */
const PICK_DECAY = 0.8;
const MIN_WEIGHT = 0.2;
const MAX_WEIGHT = 5;

/** The session's fairness state for the listeners present, derived from the guild history. */
export interface SessionFairness {
  weights: FairnessWeight[];
  /** Disagreement of the room lately (best served minus worst served), used as the least-misery blend. */
  alpha: number;
}

/**
 * Derives fairness weights from recent picks (newest first). Each listener's satisfaction is the
 * decayed mean of the fit recorded for them in the last `fairnessWindow` picks that carry fits; a
 * listener below the room's mean weighs exp(strength * gap) more. Deriving it from the persisted
 * history (instead of keeping state) means a restart or a listener leaving and coming back loses nothing.
 */
export function deriveFairness(
  historyNewestFirst: readonly HistoryEntry[],
  listenerIds: readonly string[],
  settings: Pick<RecommenderSettings, 'fairnessWindow' | 'fairnessStrength' | 'maxLeastMiseryBlend'>,
): SessionFairness {
  const index = new Map<string, number>();
  listenerIds.forEach((id, i) => index.set(id, i));
  const sums = new Float64Array(listenerIds.length);
  const totals = new Float64Array(listenerIds.length);
  let seen = 0;
  let decay = 1;
  for (const entry of historyNewestFirst) {
    if (seen >= settings.fairnessWindow) break;
    if (!entry.fits || entry.fits.length === 0) continue;
    for (const { userId, fit } of entry.fits) {
      const i = index.get(userId);
      if (i === undefined || !Number.isFinite(fit)) continue;
      sums[i] += decay * clamp(fit, 0, 1);
      totals[i] += decay;
    }
    seen++;
    decay *= PICK_DECAY;
  }

  const satisfaction: Array<number | undefined> = listenerIds.map((_, i) =>
    totals[i] > 0 ? sums[i] / totals[i] : undefined,
  );
  const known = satisfaction.filter((s): s is number => s !== undefined);
  const mean = known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : 0.5;
  // A listener without recent picks (just joined) starts at the room's mean: neither owed nor in debt.
  const filled = satisfaction.map((s) => s ?? mean);
  const raw = filled.map((s) => clamp(Math.exp(settings.fairnessStrength * (mean - s)), MIN_WEIGHT, MAX_WEIGHT));
  const rawMean = raw.length > 0 ? raw.reduce((a, b) => a + b, 0) / raw.length : 1;
  const weights = listenerIds.map((userId, i) => ({ userId, weight: raw[i] / rawMean, satisfaction: filled[i] }));
  const alpha = known.length >= 2 ? clamp(Math.max(...known) - Math.min(...known), 0, settings.maxLeastMiseryBlend) : 0;
  return { weights, alpha };
}
