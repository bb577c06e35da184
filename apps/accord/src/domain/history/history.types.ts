import type { PlaySource, TrackEndReason } from '@accord/core';
import type { ListenerFit, PlayOutcome } from '@accord/recommender';

/** How feedback is stored: the four kinds of the domain event, plus a request (a positive for the requester). */
export type StoredFeedbackKind = 'like' | 'dislike' | 'skip' | 'complete' | 'request';

/** Weight of each kind of feedback, as stored with it (positive = liked). */
export const FEEDBACK_WEIGHTS: Record<StoredFeedbackKind, number> = {
  like: 1,
  dislike: -1,
  skip: -0.3,
  complete: 0.3,
  request: 0.6,
};

/** One play, as the `plays` collection stores it. */
export interface PlayRecord {
  id: string;
  guildId: string;
  trackKey: string;
  artistKey: string;
  title: string;
  artist: string;
  youtubeId?: string;
  durationMs: number;
  startedAt: Date;
  /** Null while the play is open. */
  endedAt: Date | null;
  /** The last time the play was known to be going (checkpoints); used to close it after a crash. */
  lastKnownAt: Date;
  playedMs: number;
  endReason?: TrackEndReason;
  /** Closed at startup after a crash: `endedAt` and `playedMs` are what was known then. */
  interrupted?: boolean;
  source: PlaySource;
  requestedBy?: string;
  /** Everyone present (not deafened) at some time during the play, except who opted out. */
  listeners: string[];
  listened: Array<{ userId: string; ms: number }>;
  skippedBy?: string;
  reason?: string;
  fits: ListenerFit[];
  likes: number;
  dislikes: number;
}

export interface FeedbackRecord {
  id: string;
  userId: string;
  guildId: string;
  trackKey: string;
  artistKey: string;
  kind: StoredFeedbackKind;
  weight: number;
  at: Date;
  playId?: string;
  source?: PlaySource;
}

/** One entry of a guild's recent-plays window (see guild-window.ts). */
export interface WindowEntry {
  playId: string;
  trackKey: string;
  artistKey: string;
  artistName: string;
  title: string;
  youtubeId?: string;
  startedAt: number;
  listeners: string[];
  fits?: ListenerFit[];
  source: PlaySource;
  outcome: PlayOutcome;
  likes: number;
  dislikes: number;
}
