import type { Language } from '@accord/i18n/languages';
import type { FilterPresetName, SegmentCategoryName } from './player.contract';

/** A guild the signed-in person may manage, as `GET /api/v1/guilds` lists it. */
export interface GuildSummaryDto {
  id: string;
  name: string;
  iconUrl: string | null;
  /** `manage`: Manage Server, administrator, guild owner or bot owner; `dj`: the guild's DJ role. */
  access: GuildAccessLevel;
  playing: boolean;
  listenerCount: number;
}

export type GuildAccessLevel = 'manage' | 'dj';

/** Someone in the bot's voice channel who can hear it. */
export interface ListenerDto {
  id: string;
  username: string | null;
  displayName: string | null;
  avatarUrl: string | null;
}

export interface GuildSettingsDto {
  guildId: string;
  djRoleId: string | null;
  defaultVolume: number;
  idleTimeoutS: number;
  twentyFourSeven: boolean;
  announceChannelId: string | null;
  allowedFilters: FilterPresetName[];
  autoplay: boolean;
  /** Share of autoplay picks that are discoveries, 0-1. */
  discoveryShare: number;
  trackCooldownMs: number;
  artistSpacing: number;
  /** SponsorBlock segments skipped in YouTube songs; empty: off. */
  skipSegments: SegmentCategoryName[];
  /** What the bot posts for everyone, and replies to users whose Discord language it does not speak; null: the server's Discord language (else English). */
  language: Language | null;
}

/** `PATCH /api/v1/guilds/:guildId/settings`: any subset; needs `manage` access. */
export type GuildSettingsPatch = Partial<Omit<GuildSettingsDto, 'guildId'>>;
