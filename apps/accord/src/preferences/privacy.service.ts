import { Inject, Injectable, Logger } from '@nestjs/common';
import { FeedbackRepository } from '../history/feedback.repository';
import { GuildWindowRepository } from '../history/guild-window.repository';
import { HistoryWriter } from '../history/history-writer.service';
import { PlayRecorderService } from '../history/play-recorder.service';
import { PlayRepository } from '../history/play.repository';
import { CLOCK, type Clock } from './profiles/clock';
import { OptOutService } from './profiles/opt-out.service';
import { ProfileRepository } from './profiles/profile.repository';
import type { ImportSummary } from './profiles/taste-profile';
import { OAuthStateRepository } from './spotify/oauth-state.repository';

export interface StoredData {
  optedOut: boolean;
  profile: {
    artists: number;
    tags: number;
    tracks: number;
    likes: number;
    dislikes: number;
    playCount: number;
  } | null;
  imported: ImportSummary[];
  spotify: { displayName?: string; linkedAt: number } | null;
  lastfm: { username: string; linkedAt: number } | null;
  plays: number;
  feedback: number;
}

export interface ForgetReport {
  plays: number;
  feedback: number;
  profile: boolean;
}

/**
 * /privacy, /forget-me and opt-out. Forgetting runs on history's write queue, behind every write
 * already queued for the user, so nothing written a moment before brings their data back.
 */
@Injectable()
export class PrivacyService {
  private readonly logger = new Logger(PrivacyService.name);

  constructor(
    private readonly profiles: ProfileRepository,
    private readonly optOuts: OptOutService,
    private readonly plays: PlayRepository,
    private readonly feedback: FeedbackRepository,
    private readonly windows: GuildWindowRepository,
    private readonly recorder: PlayRecorderService,
    private readonly writer: HistoryWriter,
    private readonly oauthStates: OAuthStateRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async stored(userId: string): Promise<StoredData> {
    const [optedOut, profile, accounts, plays, feedback] = await Promise.all([
      this.optOuts.isOptedOut(userId),
      this.profiles.find(userId),
      this.profiles.accounts(userId),
      this.plays.countForUser(userId),
      this.feedback.countForUser(userId),
    ]);
    return {
      optedOut,
      profile: profile
        ? {
            artists: profile.artists.length,
            tags: profile.tags.length,
            tracks: profile.tracks.length,
            likes: profile.liked.length,
            dislikes: profile.disliked.length,
            playCount: profile.playCount,
          }
        : null,
      imported: profile?.imported.sources ?? [],
      spotify: accounts.spotify
        ? { displayName: accounts.spotify.displayName, linkedAt: accounts.spotify.linkedAt }
        : null,
      lastfm: accounts.lastfm ? { username: accounts.lastfm.username, linkedAt: accounts.lastfm.linkedAt } : null,
      plays,
      feedback,
    };
  }

  /** Deletes the user's profile, feedback and linked accounts, and takes their id out of every play. */
  async forget(userId: string): Promise<ForgetReport> {
    this.recorder.forgetUser(userId);
    let report: ForgetReport = { plays: 0, feedback: 0, profile: false };
    await this.writer.run('forget user', async () => {
      const plays = await this.plays.forgetUser(userId);
      await this.windows.forgetUser(userId, this.clock.now());
      const feedback = await this.feedback.deleteForUser(userId);
      const profile = await this.profiles.delete(userId);
      await this.oauthStates.deleteForUser(userId);
      report = { plays, feedback, profile };
    });
    this.logger.log(`Forgot user ${userId}: ${report.plays} play(s) anonymised, ${report.feedback} feedback deleted`);
    return report;
  }

  async setOptOut(userId: string, optedOut: boolean): Promise<void> {
    await this.optOuts.set(userId, optedOut);
  }
}
