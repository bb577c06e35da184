import { Inject, Injectable } from '@nestjs/common';
import type { ListenerProfile, WeightedRef } from '@accord/recommender';
import type { ListenerProfilesPort } from '../listener-profiles.port';
import { CLOCK, type Clock } from '../../../adapters/database/clock';
import { OptOutService } from './opt-out.service';
import { ProfileRepository } from './profile.repository';
import {
  applyImport,
  applySignal,
  emptyProfile,
  renameProfileIds,
  toListenerProfile,
  type ProfileRenames,
  type ImportSummary,
  type TasteProfile,
  type TasteSettings,
  type TasteSignal,
} from './taste-profile';
import { TASTE_SETTINGS } from './taste-settings';

/**
 * Builds taste profiles incrementally: each signal (a play heard, a like, a skip…) is applied to
 * the stored profile with the clock's `now`. Callers serialise updates of one user (history's
 * write queue does); reads give decayed weights.
 */
@Injectable()
export class TasteProfileService implements ListenerProfilesPort {
  constructor(
    private readonly profiles: ProfileRepository,
    private readonly optOuts: OptOutService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(TASTE_SETTINGS) private readonly settings: TasteSettings,
  ) {}

  get halfLifeMs(): number {
    return this.settings.halfLifeMs;
  }

  /** Applies signals in order to one user's profile; nothing happens for a user who opted out. */
  async apply(userId: string, signals: readonly TasteSignal[], displayName?: string): Promise<TasteProfile | null> {
    if (signals.length === 0 || (await this.optOuts.isOptedOut(userId))) return null;
    const now = this.clock.now().getTime();
    let profile = (await this.profiles.find(userId)) ?? emptyProfile(userId, now);
    for (const signal of signals) profile = applySignal(profile, signal, now, this.settings);
    if (displayName) profile = { ...profile, displayName };
    await this.profiles.saveTaste(profile);
    return profile;
  }

  async applyImport(
    userId: string,
    imported: { summary: ImportSummary; artists: WeightedRef[]; tags: WeightedRef[]; tracks: WeightedRef[] },
  ): Promise<TasteProfile> {
    const now = this.clock.now().getTime();
    const profile = applyImport(
      (await this.profiles.find(userId)) ?? emptyProfile(userId, now),
      imported,
      now,
      this.settings,
    );
    await this.profiles.saveImported(userId, profile.imported, now);
    return profile;
  }

  /**
   * Moves every profile's songs and artists to their new ids after the catalog merged or re-keyed
   * songs (a scan of all profiles: that is rare). Run it in the same queue as `apply`. Returns how
   * many profiles changed.
   */
  async renameIds(renames: ProfileRenames): Promise<number> {
    if (renames.tracks.size === 0 && renames.artists.size === 0) return 0;
    let changed = 0;
    for await (const profile of this.profiles.all()) {
      const renamed = renameProfileIds(profile, renames, this.settings.halfLifeMs);
      if (!renamed) continue;
      await this.profiles.saveIds(renamed);
      changed += 1;
    }
    return changed;
  }

  async profile(userId: string): Promise<TasteProfile | null> {
    return this.profiles.find(userId);
  }

  /** The recommender's view of every user with a profile (for the taste model's training), decayed to now. */
  async *everyListener(): AsyncGenerator<ListenerProfile> {
    const now = this.clock.now().getTime();
    for await (const profile of this.profiles.all()) {
      if (await this.optOuts.isOptedOut(profile.userId)) continue;
      yield toListenerProfile(profile, now, this.settings.halfLifeMs);
    }
  }

  /** The recommender's view of these users, decayed to now; users who opted out or have no profile are left out. */
  async profilesOf(userIds: string[]): Promise<ListenerProfile[]> {
    const recordable = await this.optOuts.recordable(userIds);
    const now = this.clock.now().getTime();
    const found = await this.profiles.findMany(recordable);
    return found.map((profile) => toListenerProfile(profile, now, this.settings.halfLifeMs));
  }
}
