import { Inject, Injectable } from '@nestjs/common';
import type {
  ExportedMarkedTrackDto,
  ExportedPlayDto,
  ExportedProfileDto,
  ExportedTasteEntryDto,
  ForgetUserResultDto,
  UserDataExportDto,
  UserProfileDto,
} from '@accord/contracts';
import type { PlayRecord } from '../../../domain/history/history.types';
import { PrivacyService } from '../../../use-cases/privacy/privacy.service';
import { ProfileViewService } from '../../../domain/preferences/profile-view.service';
import { CLOCK, type Clock } from '../../../adapters/database/clock';
import type { MarkedTrack, TasteEntry, TasteProfile } from '../../../domain/preferences/profiles/taste-profile';
import { AdminError, AdminErrorCode } from '@accord/core';

const SNOWFLAKE = /^\d{17,20}$/;

/** A user's taste profile (as /profile shows it), a privacy export, and /forget-me, for owners. */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly views: ProfileViewService,
    private readonly privacy: PrivacyService,
    @Inject(CLOCK) private readonly clock: Clock,
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

  async export(userId: string): Promise<UserDataExportDto> {
    const data = await this.privacy.export(checked(userId));
    const { spotify, lastfm } = data;
    return {
      userId,
      exportedAt: this.clock.now().toISOString(),
      optedOut: data.optedOut,
      profile: data.profile ? exportedProfile(data.profile) : null,
      linkedAccounts: {
        spotify: spotify
          ? {
              spotifyUserId: spotify.spotifyUserId,
              displayName: spotify.displayName ?? null,
              scopes: spotify.scopes,
              playlists: spotify.playlists,
              linkedAt: iso(spotify.linkedAt),
              lastImportAt: spotify.lastImportAt ? iso(spotify.lastImportAt) : null,
            }
          : null,
        lastfm: lastfm
          ? {
              username: lastfm.username,
              linkedAt: iso(lastfm.linkedAt),
              lastImportAt: lastfm.lastImportAt ? iso(lastfm.lastImportAt) : null,
            }
          : null,
      },
      feedback: {
        total: data.feedback.total,
        truncated: data.feedback.total > data.feedback.items.length,
        items: data.feedback.items.map((item) => ({
          guildId: item.guildId,
          trackKey: item.trackKey,
          artistKey: item.artistKey,
          kind: item.kind,
          weight: item.weight,
          at: iso(item.at),
          playId: item.playId ?? null,
          source: item.source ?? null,
        })),
      },
      plays: {
        total: data.plays.total,
        truncated: data.plays.total > data.plays.items.length,
        items: data.plays.items.map((play) => exportedPlay(play, userId)),
      },
    };
  }

  async forget(userId: string): Promise<ForgetUserResultDto> {
    const report = await this.privacy.forget(checked(userId));
    return { userId, plays: report.plays, feedback: report.feedback, profile: report.profile };
  }
}

function exportedProfile(profile: TasteProfile): ExportedProfileDto {
  const weights = (entries: TasteEntry[]): ExportedTasteEntryDto[] =>
    entries.map(({ id, name, weight, at }) => ({ id, name, weight, at: iso(at) }));
  const marked = (tracks: MarkedTrack[]): ExportedMarkedTrackDto[] =>
    tracks.map(({ id, name, at }) => ({ trackKey: id, name, at: iso(at) }));
  return {
    displayName: profile.displayName ?? null,
    playCount: profile.playCount,
    discoveriesLiked: profile.discoveriesLiked,
    updatedAt: profile.updatedAt > 0 ? iso(profile.updatedAt) : null,
    artists: weights(profile.artists),
    tags: weights(profile.tags),
    tracks: weights(profile.tracks),
    liked: marked(profile.liked),
    disliked: marked(profile.disliked),
    imported: {
      artists: weights(profile.imported.artists),
      tags: weights(profile.imported.tags),
      tracks: weights(profile.imported.tracks),
      sources: profile.imported.sources.map((source) => ({ ...source, at: iso(source.at) })),
    },
  };
}

/** The user's part in a play; other people in it are left out. */
function exportedPlay(play: PlayRecord, userId: string): ExportedPlayDto {
  const roles: ExportedPlayDto['roles'] = [];
  if (play.listeners.includes(userId)) roles.push('listener');
  if (play.requestedBy === userId) roles.push('requester');
  if (play.skippedBy === userId) roles.push('skipper');
  return {
    id: play.id,
    guildId: play.guildId,
    trackKey: play.trackKey,
    title: play.title,
    artist: play.artist,
    youtubeId: play.youtubeId ?? null,
    startedAt: iso(play.startedAt),
    endedAt: play.endedAt ? iso(play.endedAt) : null,
    endReason: play.endReason ?? null,
    source: play.source,
    roles,
    listenedMs: play.listened.find((entry) => entry.userId === userId)?.ms ?? null,
    fit: play.fits.find((entry) => entry.userId === userId)?.fit ?? null,
  };
}

function iso(at: Date | number): string {
  return new Date(at).toISOString();
}

function checked(userId: string): string {
  if (!SNOWFLAKE.test(userId)) {
    throw new AdminError(AdminErrorCode.InvalidUserId, 'userId must be a Discord id (17-20 digits).', 'userId');
  }
  return userId;
}
