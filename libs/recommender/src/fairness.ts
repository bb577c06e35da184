import { clamp } from './settings';
import { type FairnessWeight, type HistoryEntry, type RecommenderSettings } from './types';

/** Older picks count less: a listener served three songs ago is less owed than one served never. */
const PICK_DECAY = 0.8;
/**
 * A pick serves a listener only when it comes from near the top of their own list: satisfaction
 * takes each fit to this power (0.9 → 0.43, 0.7 → 0.06). Offline, a listener's hits come mostly from
 * their first few candidates, so a run of middling compromises must not count as their turn.
 */
const SATISFACTION_EXPONENT = 8;
/** The least satisfied listener gets the turn only when they are at least this far below the room's mean. */
const TURN_MARGIN = 1e-3;

/** The session's fairness state for the listeners present, derived from the guild history. */
export interface SessionFairness {
  /** Per listener: weight in the next pick (mean 1 over listeners with a signal) and recent satisfaction. */
  weights: FairnessWeight[];
  /** Index of the listener whose turn it is (served least lately), or -1 when nobody is behind. */
  turn: number;
  /** Per listener: how many of the latest picks in a row left them below the misery threshold. */
  miseryStreaks: number[];
}

type FairnessSettings = Pick<RecommenderSettings, 'fairnessWindow' | 'turnShare' | 'miseryThreshold'>;

/**
 * Derives the next pick's fairness from recent picks (newest first). Each listener's satisfaction is
 * the decayed mean of their recorded fits (to the 8th power) over the last `fairnessWindow` picks
 * that carry fits; the least satisfied listener gets the turn and `turnShare` of the pick's weight
 * (Stratigi et al.'s sequential satisfaction, with the compromise replaced by a turn). Listeners
 * flagged 0 in `active` (no signal at all) neither get a turn nor weigh. Deriving it from the
 * persisted history (instead of keeping state) means a restart or a listener leaving and coming back
 * loses nothing.
 */
export function deriveFairness(
  historyNewestFirst: readonly HistoryEntry[],
  listenerIds: readonly string[],
  settings: FairnessSettings,
  active?: ArrayLike<number>,
): SessionFairness {
  const width = listenerIds.length;
  const index = new Map<string, number>();
  listenerIds.forEach((id, i) => index.set(id, i));
  const sums = new Float64Array(width);
  const totals = new Float64Array(width);
  const streaks = new Array<number>(width).fill(0);
  const streakOpen = new Uint8Array(width).fill(1);
  let seen = 0;
  let decay = 1;
  for (const entry of historyNewestFirst) {
    if (seen >= settings.fairnessWindow) break;
    if (!entry.fits || entry.fits.length === 0) continue;
    for (const { userId, fit } of entry.fits) {
      const i = index.get(userId);
      if (i === undefined || !Number.isFinite(fit)) continue;
      const f = clamp(fit, 0, 1);
      sums[i] += decay * f ** SATISFACTION_EXPONENT;
      totals[i] += decay;
      if (!streakOpen[i]) continue;
      if (f < settings.miseryThreshold) streaks[i]++;
      else streakOpen[i] = 0;
    }
    seen++;
    decay *= PICK_DECAY;
  }

  const isActive = (i: number): boolean => (active ? active[i] > 0 : true);
  let knownSum = 0;
  let known = 0;
  for (let i = 0; i < width; i++) {
    if (totals[i] > 0) {
      knownSum += sums[i] / totals[i];
      known++;
    }
  }
  // A listener without recent picks (just joined) starts at the room's mean: neither owed nor in debt.
  const mean = known > 0 ? knownSum / known : 0;
  const satisfaction = Array.from({ length: width }, (_, i) => (totals[i] > 0 ? sums[i] / totals[i] : mean));

  let activeCount = 0;
  let activeSum = 0;
  let turn = -1;
  for (let i = 0; i < width; i++) {
    if (!isActive(i)) continue;
    activeCount++;
    activeSum += satisfaction[i];
    if (turn === -1 || satisfaction[i] < satisfaction[turn]) turn = i;
  }
  if (activeCount < 2 || activeSum / activeCount - satisfaction[turn] < TURN_MARGIN) turn = -1;

  // Shares: the turn holds turnShare plus its part of the rest; scaled so the active weights average 1.
  const share = turn === -1 ? 0 : settings.turnShare;
  const weights = listenerIds.map((userId, i) => {
    let weight = 0;
    if (isActive(i)) weight = i === turn ? 1 + (activeCount - 1) * share : 1 - share;
    return { userId, weight, satisfaction: satisfaction[i] };
  });
  return { weights, turn, miseryStreaks: streaks };
}
