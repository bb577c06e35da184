import { type Candidate, type HistoryEntry, type RecommenderSettings } from './types';

/** The last few plays are never repeated, however hard the cooldowns are relaxed: autoplay never loops one song. */
export const MIN_TRACK_GAP = 3;
/** Score multiplier lost per recent play (track, artist), weighted by recency. */
const TRACK_REPEAT_PENALTY = 0.6;
const ARTIST_REPEAT_PENALTY = 0.12;

/** The cooldown rules in force at one relaxation level. */
export interface RepetitionRules {
  trackCooldownMs: number;
  artistSpacing: number;
  /** The track may not be among this many most recent plays. */
  minTrackGap: number;
}

/**
 * The steps tried when nothing passes the rules: full cooldowns, then half, then a tenth with
 * artist spacing 1, then none (except the last few plays, which stay banned).
 */
export function relaxationSteps(
  settings: Pick<RecommenderSettings, 'trackCooldownMs' | 'artistSpacing'>,
): RepetitionRules[] {
  const { trackCooldownMs, artistSpacing } = settings;
  return [
    { trackCooldownMs, artistSpacing, minTrackGap: MIN_TRACK_GAP },
    { trackCooldownMs: trackCooldownMs / 2, artistSpacing: Math.ceil(artistSpacing / 2), minTrackGap: MIN_TRACK_GAP },
    { trackCooldownMs: trackCooldownMs / 10, artistSpacing: Math.min(1, artistSpacing), minTrackGap: MIN_TRACK_GAP },
    { trackCooldownMs: 0, artistSpacing: 0, minTrackGap: MIN_TRACK_GAP },
  ];
}

/** What the guild's history says about each track and artist, for the cooldowns and penalties. */
export interface RepetitionIndex {
  /** Most recent start per track. */
  lastPlayedAt: Map<string, number>;
  /** Position (0 = newest) of the most recent play per track and per artist. */
  trackPosition: Map<string, number>;
  artistPosition: Map<string, number>;
  /** Recency-weighted play counts inside the repeat window. */
  trackLoad: Map<string, number>;
  artistLoad: Map<string, number>;
}

/** Indexes the history (newest first); plays in the future of `now` (clock skew) count as just now. */
export function buildRepetitionIndex(
  historyNewestFirst: readonly HistoryEntry[],
  now: number,
  settings: Pick<RecommenderSettings, 'repeatWindowMs'>,
): RepetitionIndex {
  const index: RepetitionIndex = {
    lastPlayedAt: new Map(),
    trackPosition: new Map(),
    artistPosition: new Map(),
    trackLoad: new Map(),
    artistLoad: new Map(),
  };
  const window = settings.repeatWindowMs;
  historyNewestFirst.forEach((entry, position) => {
    if (!index.lastPlayedAt.has(entry.trackKey)) {
      index.lastPlayedAt.set(entry.trackKey, entry.startedAt);
      index.trackPosition.set(entry.trackKey, position);
    }
    if (!index.artistPosition.has(entry.artistKey)) index.artistPosition.set(entry.artistKey, position);
    const age = Math.max(0, now - entry.startedAt);
    if (window > 0 && age < window) {
      // Linear fade: a play just now counts 1, one at the edge of the window nearly 0.
      const load = 1 - age / window;
      index.trackLoad.set(entry.trackKey, (index.trackLoad.get(entry.trackKey) ?? 0) + load);
      index.artistLoad.set(entry.artistKey, (index.artistLoad.get(entry.artistKey) ?? 0) + load);
    }
  });
  return index;
}

/** Whether the rules forbid this candidate now. */
export function isBlocked(index: RepetitionIndex, candidate: Candidate, rules: RepetitionRules, now: number): boolean {
  const trackPosition = index.trackPosition.get(candidate.trackKey);
  if (trackPosition !== undefined) {
    if (trackPosition < rules.minTrackGap) return true;
    const lastPlayedAt = index.lastPlayedAt.get(candidate.trackKey) ?? -Infinity;
    if (now - lastPlayedAt < rules.trackCooldownMs) return true;
  }
  const artistPosition = index.artistPosition.get(candidate.artistKey);
  return artistPosition !== undefined && artistPosition < rules.artistSpacing;
}

/** Multiplier in (0, 1] that grows harsher with recent plays of the track and of its artist. */
export function repetitionPenalty(index: RepetitionIndex, candidate: Candidate): number {
  const track = index.trackLoad.get(candidate.trackKey) ?? 0;
  const artist = index.artistLoad.get(candidate.artistKey) ?? 0;
  if (track === 0 && artist === 0) return 1;
  return 1 / ((1 + TRACK_REPEAT_PENALTY * track) * (1 + ARTIST_REPEAT_PENALTY * artist));
}
