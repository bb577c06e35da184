import { type ListenerModel, knowsTrack } from './listener-score';
import { clamp } from './settings';
import { type Candidate, type HistoryEntry, type RecommenderSettings } from './types';

/** How many recent autoplay picks the discovery quota looks at. */
const QUOTA_WINDOW = 20;
/** How many recent discoveries the adaptive share learns from, and how many it needs to trust them fully. */
const RECEPTION_WINDOW = 30;
const RECEPTION_CONFIDENCE = 8;
/** How far a wholly loved (or hated) run of discoveries moves the share from the guild's setting. */
const ADAPT_RANGE = 0.25;
/** Without enough other picks to compare with, discoveries are compared with "let it play". */
const NEUTRAL_RECEPTION = 0.5;
const BASELINE_MIN = 3;

/** Whether a play was an autoplay pick (the quota counts only those: requests are the room's own choice). */
export function isAutoplay(entry: HistoryEntry): boolean {
  return entry.source === 'autoplay' || entry.source === 'discovery';
}

/**
 * How a discovery was received, in [-1, 1], or undefined when nothing is known yet:
 * liked +1, disliked -1, finished +0.5, skipped -0.6.
 */
export function receptionOf(entry: HistoryEntry): number | undefined {
  const likes = entry.likes ?? 0;
  const dislikes = entry.dislikes ?? 0;
  if (likes > dislikes) return 1;
  if (dislikes > likes) return -1;
  switch (entry.outcome) {
    case 'finished':
      return 0.5;
    case 'skipped':
      return -0.6;
    case 'stopped':
    case 'error':
    case 'replaced':
    case 'playing':
    case undefined:
      return undefined;
  }
}

/**
 * The guild's discovery share after adaptation: the setting, moved up when recent discoveries were
 * received better than the guild's other autoplay picks (completed, liked) and down when worse
 * (skipped, disliked), within the guild's bounds. Comparing with the other picks keeps a room that
 * simply lets everything play from drifting.
 */
export function adaptiveDiscoveryShare(
  historyNewestFirst: readonly HistoryEntry[],
  settings: Pick<
    RecommenderSettings,
    'discoveryShare' | 'discoveryShareMin' | 'discoveryShareMax' | 'adaptDiscoveryShare'
  >,
): number {
  if (!settings.adaptDiscoveryShare) return settings.discoveryShare;
  const base = clamp(settings.discoveryShare, settings.discoveryShareMin, settings.discoveryShareMax);
  const discoveries = meanReception(historyNewestFirst, (e) => e.source === 'discovery');
  if (discoveries.count === 0) return base;
  const familiar = meanReception(historyNewestFirst, (e) => e.source === 'autoplay');
  const baseline = familiar.count >= BASELINE_MIN ? familiar.mean : NEUTRAL_RECEPTION;
  const confidence = Math.min(1, discoveries.count / RECEPTION_CONFIDENCE);
  const share = base + ADAPT_RANGE * (discoveries.mean - baseline) * confidence;
  return clamp(share, settings.discoveryShareMin, settings.discoveryShareMax);
}

function meanReception(
  historyNewestFirst: readonly HistoryEntry[],
  include: (entry: HistoryEntry) => boolean,
): { mean: number; count: number } {
  let sum = 0;
  let count = 0;
  let seen = 0;
  for (const entry of historyNewestFirst) {
    if (seen >= RECEPTION_WINDOW) break;
    if (!include(entry)) continue;
    seen++;
    const reception = receptionOf(entry);
    if (reception === undefined) continue;
    sum += reception;
    count++;
  }
  return { mean: count > 0 ? sum / count : 0, count };
}

/**
 * Whether the next autoplay pick should be a discovery: an error-diffusion quota over the last
 * autoplay picks, so the share holds exactly over time instead of by chance.
 */
export function wantsDiscovery(historyNewestFirst: readonly HistoryEntry[], share: number): boolean {
  if (share <= 0) return false;
  let picks = 0;
  let discoveries = 0;
  for (const entry of historyNewestFirst) {
    if (picks >= QUOTA_WINDOW) break;
    if (!isAutoplay(entry)) continue;
    picks++;
    if (entry.source === 'discovery') discoveries++;
  }
  return discoveries < share * (picks + 1) - 0.5;
}

/** Tracks some present listener has heard in this guild (from the history), to tell discoveries apart. */
export function tracksHeardByPresent(
  historyNewestFirst: readonly HistoryEntry[],
  listenerIds: readonly string[],
): Set<string> {
  const present = new Set(listenerIds);
  const heard = new Set<string>();
  for (const entry of historyNewestFirst) {
    if (heard.has(entry.trackKey)) continue;
    if (entry.listeners.some((id) => present.has(id))) heard.add(entry.trackKey);
  }
  return heard;
}

/** A discovery is a track no present listener has played (anywhere we know of) or liked. */
export function isDiscoveryCandidate(
  candidate: Candidate,
  listeners: readonly ListenerModel[],
  heardInGuild: ReadonlySet<string>,
): boolean {
  if (heardInGuild.has(candidate.trackKey)) return false;
  for (const listener of listeners) if (knowsTrack(listener, candidate.trackKey)) return false;
  return true;
}
