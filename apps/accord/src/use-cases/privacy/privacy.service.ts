import { Inject, Injectable, Logger } from '@nestjs/common';
import { FeedbackRepository } from '../../domain/history/feedback.repository';
import { GuildDayRepository } from '../../domain/history/guild-day.repository';
import { GuildWindowRepository } from '../../domain/history/guild-window.repository';
import { HistoryWriter } from '../../domain/history/history-writer.service';
import { PlayRecorderService } from '../../domain/history/play-recorder.service';
import type { FeedbackRecord, PlayRecord } from '../../domain/history/history.types';
import { PlayRepository } from '../../domain/history/play.repository';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import type { LastfmAccount, SpotifyAccount } from '../../domain/preferences/profiles/linked-account.types';
import { OptOutService } from '../../domain/preferences/profiles/opt-out.service';
import { ProfileRepository } from '../../domain/preferences/profiles/profile.repository';
import type { ImportSummary, TasteProfile } from '../../domain/preferences/profiles/taste-profile';
import { OAuthStateRepository } from '../../domain/preferences/spotify/oauth-state.repository';

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

/** The newest plays and feedback a privacy export lists (the totals are always given). */
export const MAX_EXPORTED_PLAYS = 10_000;
export const MAX_EXPORTED_FEEDBACK = 10_000;

/**
 * Everything `forget` deletes or anonymises, for a privacy export. Linked accounts come without
 * their tokens. Pending Spotify link attempts (`oauth_states`, minutes long) are not listed.
 */
export interface UserDataExport {
  userId: string;
  optedOut: boolean;
  profile: TasteProfile | null;
  spotify: Pick<
    SpotifyAccount,
    'spotifyUserId' | 'displayName' | 'scopes' | 'playlists' | 'linkedAt' | 'lastImportAt'
  > | null;
  lastfm: LastfmAccount | null;
  /** Plays the user was a listener, requester or skipper of, newest first. */
  plays: { items: PlayRecord[]; total: number };
  /** Newest first. */
  feedback: { items: FeedbackRecord[]; total: number };
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
    private readonly days: GuildDayRepository,
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

  /** What `forget` would delete: profile, linked accounts (no tokens), feedback and the plays they took part in. */
  async export(userId: string): Promise<UserDataExport> {
    const [optedOut, profile, accounts, plays, feedbackItems, feedbackTotal] = await Promise.all([
      this.optOuts.isOptedOut(userId),
      this.profiles.find(userId),
      this.profiles.accounts(userId),
      this.plays.forUser(userId, MAX_EXPORTED_PLAYS),
      this.feedback.forUser(userId, MAX_EXPORTED_FEEDBACK),
      this.feedback.countForUser(userId),
    ]);
    // An allow-list, so a secret added to the account later is not exported by default.
    const linked = accounts.spotify;
    return {
      userId,
      optedOut,
      profile,
      spotify: linked
        ? {
            spotifyUserId: linked.spotifyUserId,
            displayName: linked.displayName,
            scopes: linked.scopes,
            playlists: linked.playlists,
            linkedAt: linked.linkedAt,
            lastImportAt: linked.lastImportAt,
          }
        : null,
      lastfm: accounts.lastfm ?? null,
      plays: { items: plays.plays, total: plays.total },
      feedback: { items: feedbackItems, total: feedbackTotal },
    };
  }

  /** Deletes the user's profile, feedback and linked accounts, and takes their id out of every play. */
  async forget(userId: string): Promise<ForgetReport> {
    this.recorder.forgetUser(userId);
    let report: ForgetReport = { plays: 0, feedback: 0, profile: false };
    await this.writer.run('forget user', async () => {
      const plays = await this.plays.forgetUser(userId);
      await this.windows.forgetUser(userId, this.clock.now());
      await this.days.forgetUser(userId, this.clock.now());
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
