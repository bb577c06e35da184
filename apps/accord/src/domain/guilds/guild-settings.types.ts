import { DEFAULT_SKIP_SEGMENTS, FILTER_PRESETS, type FilterPreset, type SegmentCategory } from '@accord/core';
import type { Language } from '@accord/i18n';

/** A guild's settings; every field has a default, so a guild without a document just works. */
export interface GuildSettings {
  guildId: string;
  /** Members with this role may use destructive commands (also: Manage Server, or alone with the bot). */
  djRoleId: string | null;
  /** Volume a new session starts at (user scale 0-150; 100 keeps Opus passthrough). */
  defaultVolume: number;
  /** Seconds the bot stays in an empty channel before leaving (unless 24/7 is on). */
  idleTimeoutS: number;
  twentyFourSeven: boolean;
  /** Where now-playing messages go; null means the channel of the command that started playback. */
  announceChannelId: string | null;
  allowedFilters: FilterPreset[];
  autoplay: boolean;
  /** Share of autoplay picks that are discoveries, 0-1. */
  discoveryShare: number;
  trackCooldownMs: number;
  /** Tracks between two songs of the same artist. */
  artistSpacing: number;
  /** SponsorBlock segments skipped in YouTube songs; empty: nothing is skipped. */
  skipSegments: SegmentCategory[];
  /**
   * The language of what the bot posts for everyone (now playing, notices), and of replies to users
   * whose Discord language Accord does not speak. Null: the server's Discord language when Accord
   * speaks it, else English.
   */
  language: Language | null;
}

export const DEFAULT_GUILD_SETTINGS: Omit<GuildSettings, 'guildId'> = {
  djRoleId: null,
  defaultVolume: 100,
  idleTimeoutS: 300,
  twentyFourSeven: false,
  announceChannelId: null,
  allowedFilters: [...FILTER_PRESETS],
  autoplay: true,
  discoveryShare: 0.25,
  trackCooldownMs: 6 * 60 * 60 * 1000,
  artistSpacing: 3,
  skipSegments: [...DEFAULT_SKIP_SEGMENTS],
  language: null,
};
