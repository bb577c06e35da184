import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import { OptOutService } from './profiles/opt-out.service';
import { topEntries, type ImportSummary, type TasteEntry } from './profiles/taste-profile';
import { TasteProfileService } from './profiles/taste-profile.service';

export const PROFILE_TOP = 10;

export interface ProfileView {
  userId: string;
  optedOut: boolean;
  exists: boolean;
  topArtists: TasteEntry[];
  topTags: TasteEntry[];
  playCount: number;
  likes: number;
  dislikes: number;
  discoveriesLiked: number;
  imported: ImportSummary[];
}

/** What /profile shows: top artists and tags at today's weights, counts, and imports. */
@Injectable()
export class ProfileViewService {
  constructor(
    private readonly profiles: TasteProfileService,
    private readonly optOuts: OptOutService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async view(userId: string): Promise<ProfileView> {
    const optedOut = await this.optOuts.isOptedOut(userId);
    const profile = optedOut ? null : await this.profiles.profile(userId);
    const now = this.clock.now().getTime();
    const halfLife = this.profiles.halfLifeMs;
    const mergedArtists = profile
      ? [...profile.artists, ...profile.imported.artists.filter((a) => !profile.artists.some((b) => b.id === a.id))]
      : [];
    return {
      userId,
      optedOut,
      exists: profile !== null,
      topArtists: profile
        ? topEntries(profile.artists.length > 0 ? profile.artists : mergedArtists, now, halfLife, PROFILE_TOP)
        : [],
      topTags: profile
        ? topEntries(profile.tags.length > 0 ? profile.tags : profile.imported.tags, now, halfLife, PROFILE_TOP)
        : [],
      playCount: profile?.playCount ?? 0,
      likes: profile?.liked.length ?? 0,
      dislikes: profile?.disliked.length ?? 0,
      discoveriesLiked: profile?.discoveriesLiked ?? 0,
      imported: profile?.imported.sources ?? [],
    };
  }
}
