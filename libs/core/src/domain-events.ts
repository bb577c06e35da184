/**
 * Domain events: how the modules of the app talk without importing each other.
 * Playback emits, history and autoplay listen. Payloads are plain data.
 */
export const DomainEvent = {
  TrackStarted: 'track.started',
  TrackEnded: 'track.ended',
  ListenersChanged: 'listeners.changed',
  QueueLow: 'queue.low',
  FeedbackGiven: 'feedback.given',
  AccountLinked: 'account.linked',
} as const;

export type DomainEventName = (typeof DomainEvent)[keyof typeof DomainEvent];

export type PlaySource = 'request' | 'autoplay' | 'discovery' | 'import';
export type TrackEndReason = 'finished' | 'skipped' | 'stopped' | 'error' | 'replaced';
export type FeedbackKind = 'like' | 'dislike' | 'skip' | 'complete';

/** The minimum a listener of playback events needs to know about the track. */
export interface PlayedTrackRef {
  /** Canonical track key, when the track has been identified by the catalog. */
  trackKey?: string;
  youtubeId?: string;
  title: string;
  author: string;
  durationMs: number;
}

export interface TrackStartedEvent {
  guildId: string;
  track: PlayedTrackRef;
  source: PlaySource;
  requestedBy?: string;
  listeners: string[];
  reason?: string;
  at: Date;
}

export interface TrackEndedEvent {
  guildId: string;
  track: PlayedTrackRef;
  reason: TrackEndReason;
  playedMs: number;
  skippedBy?: string;
  at: Date;
}

export interface ListenersChangedEvent {
  guildId: string;
  channelId: string | null;
  listeners: string[];
  joined: string[];
  left: string[];
  at: Date;
}

export interface QueueLowEvent {
  guildId: string;
  remaining: number;
  at: Date;
}

/**
 * A user linked an outside account through its OAuth callback. `state` is the single-use link the
 * user opened, so the Discord transport can report the import in the reply that offered it.
 */
export interface AccountLinkedEvent {
  service: 'spotify';
  userId: string;
  state: string;
  displayName?: string;
}

export interface FeedbackGivenEvent {
  guildId: string;
  userId: string;
  trackKey: string;
  kind: FeedbackKind;
  at: Date;
}
