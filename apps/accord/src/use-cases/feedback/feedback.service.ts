import { parseTrackKey } from '@accord/track-identity';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { DomainEvent, type FeedbackGivenEvent, HistoryError, HistoryErrorCode } from '@accord/core';
import { PlaybackService } from '../../domain/playback/playback.service';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import { OptOutService } from '../../domain/preferences/profiles/opt-out.service';
import type { TasteSignal } from '../../domain/preferences/profiles/taste-profile';
import { TasteProfileService } from '../../domain/preferences/profiles/taste-profile.service';
import { FeedbackRepository } from '../../domain/history/feedback.repository';
import { HistoryWriter } from '../../domain/history/history-writer.service';
import { FEEDBACK_WEIGHTS } from '../../domain/history/history.types';
import { PlayRecorderService } from '../../domain/history/play-recorder.service';
import { identifyPlayed } from '../../domain/history/played-song';

export type FeedbackKindGiven = Extract<FeedbackGivenEvent['kind'], 'like' | 'dislike'>;

/** What a like or dislike was about. */
export interface FeedbackReceipt {
  title: string;
  artist: string;
}

/**
 * Likes and dislikes, one path for /like, /dislike and the now-playing buttons: `rateCurrent`
 * checks and emits `FeedbackGiven`; this service's one listener stores it and updates the giver's
 * profile (so skips and finishes recorded elsewhere as the same event are stored the same way).
 */
@Injectable()
export class FeedbackService {
  private readonly logger = new Logger(FeedbackService.name);

  constructor(
    private readonly playback: PlaybackService,
    private readonly recorder: PlayRecorderService,
    private readonly feedback: FeedbackRepository,
    private readonly writer: HistoryWriter,
    private readonly optOuts: OptOutService,
    private readonly profiles: TasteProfileService,
    private readonly events: EventEmitter2,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Likes or dislikes the song playing now in the guild. */
  async rateCurrent(guildId: string, userId: string, kind: FeedbackKindGiven): Promise<FeedbackReceipt> {
    const track = this.playback.snapshot(guildId)?.current?.entry.track;
    if (!track) throw new HistoryError(HistoryErrorCode.NothingPlaying, {});
    if (await this.optOuts.isOptedOut(userId)) {
      throw new HistoryError(HistoryErrorCode.OptedOut, {});
    }
    const song = identifyPlayed({ trackKey: track.trackKey, title: track.title, author: track.author });
    const event: FeedbackGivenEvent = { guildId, userId, trackKey: song.trackKey, kind, at: this.clock.now() };
    this.events.emit(DomainEvent.FeedbackGiven, event);
    return { title: song.title, artist: song.artistName };
  }

  @OnEvent(DomainEvent.FeedbackGiven)
  onFeedbackGiven(event: FeedbackGivenEvent): void {
    try {
      this.record(event);
    } catch (error: unknown) {
      this.logger.error(`Could not record feedback: ${String(error)}`);
    }
  }

  private record(event: FeedbackGivenEvent): void {
    const play = this.recorder.noteFeedback(event.guildId, event.trackKey, event.userId, event.kind);
    const parts = parseTrackKey(event.trackKey);
    const song = play?.song ?? {
      trackKey: event.trackKey,
      artistKey: parts?.artist ?? event.trackKey,
      artistName: parts?.artist ?? event.trackKey,
      title: parts?.title ?? event.trackKey,
    };
    const id = FeedbackRepository.newId();
    this.writer.push('feedback', async () => {
      if (await this.optOuts.isOptedOut(event.userId)) return;
      await this.feedback.insertMany([
        {
          id,
          userId: event.userId,
          guildId: event.guildId,
          trackKey: song.trackKey,
          artistKey: song.artistKey,
          kind: event.kind,
          weight: FEEDBACK_WEIGHTS[event.kind],
          at: event.at,
          playId: play?.id,
          source: play?.source,
        },
      ]);
    });
    const signal: TasteSignal = {
      kind: event.kind,
      trackKey: song.trackKey,
      artistKey: song.artistKey,
      artistName: song.artistName,
      title: song.title,
      discovery: play?.source === 'discovery',
    };
    this.writer.push('profile: feedback', async () => {
      await this.profiles.apply(event.userId, [signal]);
    });
  }
}
