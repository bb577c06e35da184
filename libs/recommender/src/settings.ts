import { type RecommenderSettings } from './types';

const HOUR = 3_600_000;

/** Defaults for a guild that never changed its settings. */
export const DEFAULT_SETTINGS: Readonly<RecommenderSettings> = Object.freeze({
  discoveryShare: 0.25,
  discoveryShareMin: 0.1,
  discoveryShareMax: 0.5,
  adaptDiscoveryShare: true,
  trackCooldownMs: 6 * HOUR,
  artistSpacing: 3,
  repeatWindowMs: 7 * 24 * HOUR,
  fairnessWindow: 12,
  turnShare: 0.6,
  proportionalTurnShare: 0.15,
  miseryThreshold: 0.15,
  miseryStreak: 2,
  goodFitThreshold: 0.5,
  coldStartPlays: 15,
  jitter: 0.03,
});

/** Limits `value` to [min, max]. */
export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Fills missing settings with defaults and clamps the rest into sane ranges (bad settings never throw). */
export function resolveSettings(partial: Partial<RecommenderSettings> = {}): RecommenderSettings {
  const merged: RecommenderSettings = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(partial) as Array<keyof RecommenderSettings>) {
    const value = partial[key];
    if (value !== undefined) Object.assign(merged, { [key]: value });
  }
  const shareMin = clamp(finiteOr(merged.discoveryShareMin, DEFAULT_SETTINGS.discoveryShareMin), 0, 1);
  const shareMax = clamp(finiteOr(merged.discoveryShareMax, DEFAULT_SETTINGS.discoveryShareMax), shareMin, 1);
  return {
    ...merged,
    discoveryShareMin: shareMin,
    discoveryShareMax: shareMax,
    discoveryShare: clamp(finiteOr(merged.discoveryShare, DEFAULT_SETTINGS.discoveryShare), 0, 1),
    trackCooldownMs: Math.max(0, finiteOr(merged.trackCooldownMs, DEFAULT_SETTINGS.trackCooldownMs)),
    artistSpacing: Math.max(0, Math.floor(finiteOr(merged.artistSpacing, DEFAULT_SETTINGS.artistSpacing))),
    repeatWindowMs: Math.max(0, finiteOr(merged.repeatWindowMs, DEFAULT_SETTINGS.repeatWindowMs)),
    fairnessWindow: Math.max(1, Math.floor(finiteOr(merged.fairnessWindow, DEFAULT_SETTINGS.fairnessWindow))),
    turnShare: clamp(finiteOr(merged.turnShare, DEFAULT_SETTINGS.turnShare), 0, 1),
    proportionalTurnShare: clamp(finiteOr(merged.proportionalTurnShare, DEFAULT_SETTINGS.proportionalTurnShare), 0, 1),
    miseryThreshold: clamp(finiteOr(merged.miseryThreshold, DEFAULT_SETTINGS.miseryThreshold), 0, 1),
    miseryStreak: Math.max(0, Math.floor(finiteOr(merged.miseryStreak, DEFAULT_SETTINGS.miseryStreak))),
    goodFitThreshold: clamp(finiteOr(merged.goodFitThreshold, DEFAULT_SETTINGS.goodFitThreshold), 0, 1),
    coldStartPlays: Math.max(0, finiteOr(merged.coldStartPlays, DEFAULT_SETTINGS.coldStartPlays)),
    jitter: clamp(finiteOr(merged.jitter, DEFAULT_SETTINGS.jitter), 0, 1),
  };
}

function finiteOr(value: number, fallback: number): number {
  return Number.isFinite(value) ? value : fallback;
}
