import { Injectable } from '@nestjs/common';
import { PlaybackService } from '../../domain/playback/playback.service';
import type { EnqueueResult, PlayableTrack, PlaybackRequester } from '../../domain/playback/playback.types';
import type { MarkedTrack } from '../../domain/preferences/profiles/taste-profile';
import { TasteProfileService } from '../../domain/preferences/profiles/taste-profile.service';
import { HistoryError, HistoryErrorCode } from '@accord/core';
import { splitTrackName } from '../../domain/history/played-song';

export const LIKED_PAGE_SIZE = 10;
/** Likes queued at once by the "queue" button, newest first. */
export const LIKED_QUEUE_MAX = 100;

export interface LikedPage {
  items: MarkedTrack[];
  page: number;
  pages: number;
  total: number;
}

/** A user's likes: paged for /liked, and queued as metadata-only tracks that playback resolves lazily. */
@Injectable()
export class LikedService {
  constructor(
    private readonly profiles: TasteProfileService,
    private readonly playback: PlaybackService,
  ) {}

  async page(userId: string, requestedPage: number): Promise<LikedPage> {
    const liked = (await this.profiles.profile(userId))?.liked ?? [];
    const pages = Math.max(1, Math.ceil(liked.length / LIKED_PAGE_SIZE));
    const page = Math.min(Math.max(0, Math.trunc(requestedPage) || 0), pages - 1);
    const start = page * LIKED_PAGE_SIZE;
    return { items: liked.slice(start, start + LIKED_PAGE_SIZE), page, pages, total: liked.length };
  }

  async queue(requester: PlaybackRequester): Promise<EnqueueResult> {
    const liked = (await this.profiles.profile(requester.userId))?.liked ?? [];
    if (liked.length === 0) {
      throw new HistoryError(HistoryErrorCode.NoLikes, {});
    }
    const botChannel = this.playback.snapshot(requester.guildId)?.voiceChannelId;
    if (botChannel && requester.voiceChannelId !== botChannel) {
      throw new HistoryError(HistoryErrorCode.NotInBotChannel, { channelId: botChannel });
    }
    return this.playback.enqueue(requester, liked.slice(0, LIKED_QUEUE_MAX).map(toQueueTrack), { source: 'request' });
  }
}

/** A liked song as a queue entry without a video yet: playback finds it by key, else by the query. */
export function toQueueTrack(mark: MarkedTrack): PlayableTrack {
  const { artist, title } = splitTrackName(mark.name);
  return {
    title,
    author: artist,
    durationMs: 0,
    isStream: false,
    isSeekable: true,
    trackKey: mark.id,
    query: artist ? `${artist} - ${title}` : title,
  };
}
