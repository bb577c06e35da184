import type { TrackSegment } from '@accord/core';
import type { QueueEntry } from './playback.types';

/**
 * Playback's own notifications inside the app (the cross-module domain events, TrackStarted and
 * friends, live in @accord/core). Presenters such as the now-playing message listen to these.
 */
export const PlaybackEvent = {
  /** Anything a presenter shows changed: track, queue, pause, loop, volume, filter, listeners. */
  SessionChanged: 'playback.session.changed',
  /** The bot left the channel; the session is over and its message should be cleaned up. */
  SessionEnded: 'playback.session.ended',
  /** A track could not be played and was skipped. */
  TrackFailed: 'playback.track.failed',
  /** The queue ran out and nothing plays. */
  QueueFinished: 'playback.queue.finished',
  /** A track was ended before its end: the rest of it is a part the guild skips. */
  TrackCutShort: 'playback.track.cut-short',
} as const;

export interface SessionChangedEvent {
  guildId: string;
  textChannelId: string;
  /** What changed, for presenters that only care about some changes. */
  change: 'track' | 'queue' | 'pause' | 'loop' | 'volume' | 'filter' | 'listeners' | 'seek' | 'settings';
}

export interface SessionEndedEvent {
  guildId: string;
  textChannelId: string;
  reason: 'stopped' | 'left' | 'idle' | 'kicked';
}

/** Why a track was skipped without playing: it got stuck, Lavalink could not load it, or no version of it plays. */
export type TrackFailure = 'stuck' | 'unloadable' | 'unplayable';

export interface TrackFailedEvent {
  guildId: string;
  textChannelId: string;
  entry: QueueEntry;
  reason: TrackFailure;
}

export interface TrackCutShortEvent {
  guildId: string;
  textChannelId: string;
  title: string;
  /** The part that ran to the end of the track. */
  segment: TrackSegment;
}

export interface QueueFinishedEvent {
  guildId: string;
  textChannelId: string;
}
