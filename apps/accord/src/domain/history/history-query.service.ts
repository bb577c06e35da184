import { Inject, Injectable } from '@nestjs/common';
import type { ListenerProfile } from '@accord/recommender';
import type { CoListenedTrack, GuildHistoryEntry, GuildHistoryPort } from './guild-history.port';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import { ProfileRepository } from '../preferences/profiles/profile.repository';
import {
  heardInWindow,
  lastPlayedIn,
  recentCounts,
  upsertWindowEntry,
  WINDOW_MAX_ENTRIES,
  type RecentCount,
} from './guild-window';
import { GuildWindowRepository } from './guild-window.repository';
import { PlayRepository } from './play.repository';
import { UnwrittenWindow } from './unwritten-window';

const DAY_MS = 86_400_000;
/** Co-listening looks this far back. */
const CO_LISTENING_SPAN_MS = 180 * DAY_MS;

export interface PlayCounts {
  /** Plays in the window since each bound. */
  totalDay: number;
  totalWeek: number;
  tracks: Map<string, RecentCount>;
  artists: Map<string, RecentCount>;
}

export interface HeardBy {
  userId: string;
  /** Of the asked track keys: heard in this guild (recent window). */
  here: string[];
  /** Of the asked track keys: heard anywhere (here, or in the user's profile: played, liked or disliked). */
  anywhere: string[];
}

/**
 * The repetition questions autoplay asks, answered from the guild's recent-plays window (one
 * primary-key read) and listeners' profiles (one primary-key read each). Implements the
 * recommendation module's `GuildHistoryPort`.
 */
@Injectable()
export class HistoryQueryService implements GuildHistoryPort {
  constructor(
    private readonly windows: GuildWindowRepository,
    private readonly plays: PlayRepository,
    private readonly profiles: ProfileRepository,
    private readonly unwritten: UnwrittenWindow,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The guild's plays, newest first, as the recommender reads them (at most the window: 1,000 plays or 8 days). */
  async recentHistory(guildId: string, limit: number): Promise<GuildHistoryEntry[]> {
    // What the guild just played may still be on its way to the window (behind other writes, or
    // held through an outage): the unwritten entries count too, and replace their stored copies.
    const unwritten = this.unwritten.of(guildId);
    const now = this.clock.now().getTime();
    let entries = await this.windows.get(guildId);
    for (const entry of unwritten) entries = upsertWindowEntry(entries, entry, now);
    return entries.slice(0, Math.max(0, Math.min(limit, WINDOW_MAX_ENTRIES))).map((entry) => ({
      trackKey: entry.trackKey,
      artistKey: entry.artistKey,
      startedAt: entry.startedAt,
      listeners: entry.listeners,
      ...(entry.fits ? { fits: entry.fits } : {}),
      source: entry.source,
      outcome: entry.outcome,
      likes: entry.likes,
      dislikes: entry.dislikes,
      title: entry.title,
      artistName: entry.artistName,
      youtubeId: entry.youtubeId,
    }));
  }

  /** When this guild last played each track, within the recent window. */
  async lastPlayed(guildId: string, trackKeys: readonly string[]): Promise<Map<string, Date>> {
    return lastPlayedIn(await this.windows.get(guildId), trackKeys);
  }

  /** Like `lastPlayed`, over the guild's whole history (an indexed query a key on MongoDB). */
  async lastPlayedEver(guildId: string, trackKeys: readonly string[]): Promise<Map<string, Date>> {
    const recent = await this.lastPlayed(guildId, trackKeys);
    const missing = trackKeys.filter((key) => !recent.has(key));
    if (missing.length === 0) return recent;
    const older = await this.plays.lastPlayedEver(guildId, missing);
    return new Map([...recent, ...older]);
  }

  /** For each artist played recently: when last, and how often in the last day and week. */
  async artistRecent(guildId: string, artistKeys: readonly string[]): Promise<Map<string, RecentCount>> {
    return recentCounts(await this.windows.get(guildId), artistKeys, (entry) => entry.artistKey, this.bounds());
  }

  /** How often each track and artist played since `sinceDay` and `sinceWeek` (defaults: 1 and 7 days ago). */
  async playCounts(guildId: string, sinceDay?: Date, sinceWeek?: Date): Promise<PlayCounts> {
    const entries = await this.windows.get(guildId);
    const defaults = this.bounds();
    const since = { day: sinceDay?.getTime() ?? defaults.day, week: sinceWeek?.getTime() ?? defaults.week };
    return {
      totalDay: entries.filter((entry) => entry.startedAt >= since.day).length,
      totalWeek: entries.filter((entry) => entry.startedAt >= since.week).length,
      tracks: recentCounts(entries, null, (entry) => entry.trackKey, since),
      artists: recentCounts(entries, null, (entry) => entry.artistKey, since),
    };
  }

  /**
   * Per listener, which of `trackKeys` they have heard here and anywhere. Autoplay, which has read
   * the listeners' profiles already, passes them in and saves reading them again.
   */
  async heardBy(
    guildId: string,
    userIds: readonly string[],
    trackKeys: readonly string[],
    profiles?: readonly ListenerProfile[],
  ): Promise<HeardBy[]> {
    const [entries, known] = await Promise.all([
      this.windows.get(guildId),
      profiles ? Promise.resolve(heardFromListenerProfiles(profiles)) : this.heardFromStoredProfiles(userIds),
    ]);
    const here = heardInWindow(entries, userIds, trackKeys);
    return userIds.map((userId) => {
      const elsewhere = known.get(userId) ?? new Set<string>();
      const heardHere = here.get(userId) ?? new Set<string>();
      return {
        userId,
        here: trackKeys.filter((key) => heardHere.has(key)),
        anywhere: trackKeys.filter((key) => heardHere.has(key) || elsewhere.has(key)),
      };
    });
  }

  private async heardFromStoredProfiles(userIds: readonly string[]): Promise<Map<string, Set<string>>> {
    const profiles = await this.profiles.findMany(userIds);
    return new Map(
      profiles.map((profile) => [
        profile.userId,
        new Set([...profile.tracks, ...profile.liked, ...profile.disliked].map((entry) => entry.id)),
      ]),
    );
  }

  async coListened(trackKeys: string[], limit: number): Promise<CoListenedTrack[]> {
    const since = new Date(this.clock.now().getTime() - CO_LISTENING_SPAN_MS);
    return this.plays.coListened(trackKeys, since, limit);
  }

  private bounds(): { day: number; week: number } {
    const now = this.clock.now().getTime();
    return { day: now - DAY_MS, week: now - 7 * DAY_MS };
  }
}

/** What a listener has heard anywhere, by their profile: played (the profile's songs), liked or disliked. */
function heardFromListenerProfiles(profiles: readonly ListenerProfile[]): Map<string, Set<string>> {
  return new Map(
    profiles.map((profile) => [
      profile.userId,
      new Set([...profile.tracks.map((ref) => ref.id), ...profile.likedTrackKeys, ...profile.dislikedTrackKeys]),
    ]),
  );
}
