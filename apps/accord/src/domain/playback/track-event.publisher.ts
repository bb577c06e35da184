import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import {
  DomainEvent,
  type PlayedTrackRef,
  type QueueLowEvent,
  type TrackEndReason,
  type TrackSegment,
  type TrackEndedEvent,
  type TrackStartedEvent,
} from '@accord/core';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import type { GuildSession } from './guild-session';
import {
  PlaybackEvent,
  type QueueFinishedEvent,
  type SessionEndedEvent,
  type TrackCutShortEvent,
  type TrackFailedEvent,
  type TrackFailure,
} from './playback.events';
import type { PlayableTrack, QueueEntry } from './playback.types';

/** Autoplay is asked for more when fewer entries than this follow the current one. */
const QUEUE_LOW_THRESHOLD = 2;

/** The events playback emits about tracks and sessions (history, autoplay and presenters listen). */
@Injectable()
export class TrackEventPublisher {
  constructor(
    private readonly events: EventEmitter2,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The current track started; asks autoplay for more when the queue runs low. */
  started(session: GuildSession): void {
    if (!session.current) return;
    const { entry } = session.current;
    const event: TrackStartedEvent = {
      guildId: session.guildId,
      track: trackRef(entry.track),
      source: entry.source,
      requestedBy: entry.requestedBy,
      listeners: [...session.listeners],
      reason: entry.reason,
      at: this.clock.now(),
    };
    this.events.emit(DomainEvent.TrackStarted, event);
    if (session.queue.length < QUEUE_LOW_THRESHOLD) {
      const low: QueueLowEvent = { guildId: session.guildId, remaining: session.queue.length, at: this.clock.now() };
      this.events.emit(DomainEvent.QueueLow, low);
    }
  }

  /** We end the current track (skip, stop, or a replacing play): its own end event is then ignored. */
  endCurrent(session: GuildSession, reason: 'skipped' | 'stopped' | 'replaced', by?: string): void {
    const current = session.current;
    if (!current) return;
    session.expectedEnd = { reason, by };
    this.ended(session, reason === 'replaced' ? 'error' : reason, by);
  }

  ended(session: GuildSession, reason: TrackEndReason, skippedBy?: string): void {
    const current = session.current;
    if (!current) return;
    const event: TrackEndedEvent = {
      guildId: session.guildId,
      track: trackRef(current.entry.track),
      reason,
      playedMs: Math.round(session.position(this.clock.now().getTime())),
      skippedBy,
      at: this.clock.now(),
    };
    this.events.emit(DomainEvent.TrackEnded, event);
  }

  failed(session: GuildSession, entry: QueueEntry, reason: TrackFailure): void {
    const event: TrackFailedEvent = { guildId: session.guildId, textChannelId: session.textChannelId, entry, reason };
    this.events.emit(PlaybackEvent.TrackFailed, event);
  }

  /** The current track is ended early because the rest of it is `segment`. */
  cutShort(session: GuildSession, segment: TrackSegment): void {
    if (!session.current) return;
    const event: TrackCutShortEvent = {
      guildId: session.guildId,
      textChannelId: session.textChannelId,
      title: session.current.entry.track.title,
      segment,
    };
    this.events.emit(PlaybackEvent.TrackCutShort, event);
  }

  queueFinished(session: GuildSession): void {
    const event: QueueFinishedEvent = { guildId: session.guildId, textChannelId: session.textChannelId };
    this.events.emit(PlaybackEvent.QueueFinished, event);
  }

  sessionEnded(session: GuildSession, reason: SessionEndedEvent['reason']): void {
    const event: SessionEndedEvent = { guildId: session.guildId, textChannelId: session.textChannelId, reason };
    this.events.emit(PlaybackEvent.SessionEnded, event);
  }
}

function trackRef(track: PlayableTrack): PlayedTrackRef {
  return {
    trackKey: track.trackKey,
    youtubeId: track.identifier,
    title: track.title,
    author: track.author,
    durationMs: track.durationMs,
  };
}
