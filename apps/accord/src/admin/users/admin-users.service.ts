import { Injectable } from '@nestjs/common';
import type { ForgetUserResultDto, UserProfileDto } from '@accord/contracts';
import { PrivacyService } from '../../preferences/privacy.service';
import { ProfileViewService } from '../../preferences/profile-view.service';
import { AdminError, AdminErrorCode } from '../admin.errors';

const SNOWFLAKE = /^\d{17,20}$/;

/** A user's taste profile (as /profile shows it) and /forget-me, for owners. */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly views: ProfileViewService,
    private readonly privacy: PrivacyService,
  ) {}

  async profile(userId: string): Promise<UserProfileDto> {
    const view = await this.views.view(checked(userId));
    const entry = ({ id, name, weight }: { id: string; name: string; weight: number }) => ({ id, name, weight });
    return {
      userId: view.userId,
      optedOut: view.optedOut,
      exists: view.exists,
      topArtists: view.topArtists.map(entry),
      topTags: view.topTags.map(entry),
      playCount: view.playCount,
      likes: view.likes,
      dislikes: view.dislikes,
      discoveriesLiked: view.discoveriesLiked,
    };
  }

  async forget(userId: string): Promise<ForgetUserResultDto> {
    const report = await this.privacy.forget(checked(userId));
    return { userId, plays: report.plays, feedback: report.feedback, profile: report.profile };
  }
}

function checked(userId: string): string {
  if (!SNOWFLAKE.test(userId)) {
    throw new AdminError(AdminErrorCode.InvalidUserId, 'userId must be a Discord id (17-20 digits).', 'userId');
  }
  return userId;
}
