import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DomainEvent, type FeedbackGivenEvent } from '@accord/core';
import { PlaybackService } from '../../domain/playback/playback.service';

export type FeedbackButtonKind = Extract<FeedbackGivenEvent['kind'], 'like' | 'dislike'>;

export interface FeedbackReceipt {
  /** The track the feedback is about, or null when nothing plays. */
  title: string | null;
  /** False when the track has no catalog key yet: nothing could be recorded. */
  recorded: boolean;
}

/** Like/dislike on the now-playing message: a `FeedbackGiven` domain event for history to store. */
@Injectable()
export class TrackFeedbackService {
  constructor(
    private readonly playback: PlaybackService,
    private readonly events: EventEmitter2,
  ) {}

  give(guildId: string, userId: string, kind: FeedbackButtonKind): FeedbackReceipt {
    const current = this.playback.snapshot(guildId)?.current;
    if (!current) return { title: null, recorded: false };
    const { title, trackKey } = current.entry.track;
    if (!trackKey) return { title, recorded: false };
    const event: FeedbackGivenEvent = { guildId, userId, trackKey, kind, at: new Date() };
    this.events.emit(DomainEvent.FeedbackGiven, event);
    return { title, recorded: true };
  }
}
