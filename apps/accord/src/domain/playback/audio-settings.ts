import type { LavalinkFilters as FilterOptions } from '../../adapters/lavalink/lavalink.types';
import type { FilterPreset } from './playback.types';

/** The user's volume scale: 0-150, with 100 meaning "as published". */
export const MAX_USER_VOLUME = 150;

/**
 * Maps the user's 0-150 scale to Lavalink's volume (100 = unchanged) on a square-law curve, so
 * equal steps sound like equal steps: loudness follows the logarithm of amplitude, and
 * amplitude = (v/100)^2 gives about -12 dB at 50 and +7 dB at 150. 100 maps to exactly 100,
 * which keeps Lavalink's Opus passthrough.
 */
export function toLavalinkVolume(userVolume: number): number {
  const clamped = Math.min(MAX_USER_VOLUME, Math.max(0, userVolume));
  return Math.round(100 * (clamped / 100) ** 2);
}

/** Lavalink filter chains for each preset; `{}` clears every filter. */
export function filtersFor(preset: FilterPreset | null): FilterOptions {
  switch (preset) {
    case null:
      return {};
    case 'nightcore':
      return { timescale: { speed: 1.2, pitch: 1.2, rate: 1 } };
    case 'vaporwave':
      return {
        timescale: { speed: 0.85, pitch: 0.8, rate: 1 },
        equalizer: [
          { band: 0, gain: 0.2 },
          { band: 1, gain: 0.15 },
        ],
      };
    case 'bassboost':
      return {
        equalizer: [
          { band: 0, gain: 0.3 },
          { band: 1, gain: 0.25 },
          { band: 2, gain: 0.15 },
          { band: 3, gain: 0.05 },
        ],
      };
    case '8d':
      return { rotation: { rotationHz: 0.2 } };
    case 'karaoke':
      return { karaoke: { level: 1, monoLevel: 1, filterBand: 220, filterWidth: 100 } };
    case 'lowpass':
      return { lowPass: { smoothing: 20 } };
  }
}

/** Anything but volume 100 without filters makes Lavalink decode and re-encode (CPU on a Pi). */
export function isTranscoding(userVolume: number, filter: FilterPreset | null): boolean {
  return toLavalinkVolume(userVolume) !== 100 || filter !== null;
}
