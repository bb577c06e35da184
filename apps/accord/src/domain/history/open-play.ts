import type { FeedbackKind, PlaySource, TrackEndReason } from '@accord/core';
import type { ListenerFit } from '@accord/recommender';
import type { TasteSignal } from '../preferences/profiles/taste-profile';
import type { PlayRecord } from './history.types';
import type { PlayedSong } from './played-song';

/** A listener who heard less than this of a play (or of half a shorter track) has not heard it. */
export const MIN_HEARD_MS = 30_000;

/** A play in progress, as the recorder follows it in memory. */
export interface OpenPlay {
  id: string;
  guildId: string;
  song: PlayedSong;
  youtubeId?: string;
  durationMs: number;
  startedAt: Date;
  source: PlaySource;
  requestedBy?: string;
  reason?: string;
  fits: ListenerFit[];
  /** Everyone present at some time during the play. */
  listeners: Set<string>;
  /**
   * Who is present now, and the playhead position (ms) when they arrived: listening is measured
   * in track time, so a paused song counts for no one.
   */
  present: Map<string, number>;
  /** Track time heard by listeners who have left (ms). */
  listened: Map<string, number>;
  likes: Set<string>;
  dislikes: Set<string>;
  /** Found open in the database at startup, not yet claimed by playback. */
  restored: boolean;
  lastKnownAt: Date;
  playedMs: number;
  checkpointPending?: boolean;
}

/** How a play ended. */
export interface PlayEnd {
  endReason: TrackEndReason;
  endedAt: Date;
  playedMs: number;
  skippedBy?: string;
  interrupted?: boolean;
}

/*
 * Listener attribution: who heard how much of a play, in track time, and what each listener's
 * taste profile learns from it. Plain functions over an open play; the recorder owns the plays.
 */

/** The room is now `listeners` at playhead `position`: leavers bank what they heard, arrivals start counting. */
export function setPresent(play: OpenPlay, listeners: readonly string[], position: number): void {
  const now = new Set(listeners);
  for (const [userId, since] of play.present) {
    if (now.has(userId)) continue;
    play.listened.set(userId, (play.listened.get(userId) ?? 0) + Math.max(0, position - since));
    play.present.delete(userId);
  }
  for (const userId of listeners) {
    if (!play.present.has(userId)) play.present.set(userId, position);
    play.listeners.add(userId);
  }
}

/** The play ended at `playedMs`: everyone still present banks what they heard. Returns who was present. */
export function endListening(play: OpenPlay, playedMs: number): string[] {
  const presentAtEnd = [...play.present.keys()];
  for (const [userId, since] of play.present) {
    play.listened.set(userId, (play.listened.get(userId) ?? 0) + Math.max(0, playedMs - since));
  }
  play.present.clear();
  return presentAtEnd;
}

/** Track time a listener has heard so far, counting their current stretch up to `position`. */
export function heardSoFar(play: OpenPlay, userId: string, position: number): number {
  const since = play.present.get(userId);
  return (play.listened.get(userId) ?? 0) + (since === undefined ? 0 : Math.max(0, position - since));
}

/** A like or dislike on the play (the latest one of a listener counts); other kinds change nothing here. */
export function noteLike(play: OpenPlay, userId: string, kind: FeedbackKind): boolean {
  if (kind === 'like') {
    play.likes.add(userId);
    play.dislikes.delete(userId);
    return true;
  }
  if (kind === 'dislike') {
    play.dislikes.add(userId);
    play.likes.delete(userId);
    return true;
  }
  return false;
}

/** Forgets a user in a play (forget-me). */
export function forgetListener(play: OpenPlay, userId: string): void {
  play.listeners.delete(userId);
  play.present.delete(userId);
  play.listened.delete(userId);
  play.likes.delete(userId);
  play.dislikes.delete(userId);
  play.fits = play.fits.filter((fit) => fit.userId !== userId);
  if (play.requestedBy === userId) play.requestedBy = undefined;
}

export function signalOf(play: Pick<OpenPlay, 'song' | 'source'>, kind: TasteSignal['kind']): TasteSignal {
  return {
    kind,
    trackKey: play.song.trackKey,
    artistKey: play.song.artistKey,
    artistName: play.song.artistName,
    title: play.song.title,
    discovery: play.source === 'discovery',
  };
}

/**
 * What each user's taste profile learns from a closed play: heard (enough of it, with the share
 * heard), completed (present at a finish), skipped (the skipper). Users who learn nothing are left out.
 */
export function playSignals(
  play: OpenPlay,
  end: PlayEnd,
  outcome: { completes: readonly string[]; skipper?: string },
): Array<{ userId: string; signals: TasteSignal[] }> {
  const { completes, skipper } = outcome;
  const heardFrom = Math.min(MIN_HEARD_MS, play.durationMs > 0 ? play.durationMs / 2 : MIN_HEARD_MS);
  const users = new Set([...play.listeners, ...(skipper ? [skipper] : [])]);
  const learned: Array<{ userId: string; signals: TasteSignal[] }> = [];
  for (const userId of users) {
    const heardMs = end.interrupted ? end.playedMs : (play.listened.get(userId) ?? 0);
    const signals: TasteSignal[] = [];
    if (play.listeners.has(userId) && heardMs >= heardFrom) {
      signals.push({ ...signalOf(play, 'heard'), share: play.durationMs > 0 ? heardMs / play.durationMs : 1 });
    }
    if (completes.includes(userId)) signals.push(signalOf(play, 'complete'));
    if (skipper === userId) signals.push(signalOf(play, 'skip'));
    if (signals.length > 0) learned.push({ userId, signals });
  }
  return learned;
}

/** A play found open in the database at startup: restored until playback claims it. */
export function fromRecord(record: PlayRecord): OpenPlay {
  return {
    id: record.id,
    guildId: record.guildId,
    song: { trackKey: record.trackKey, artistKey: record.artistKey, artistName: record.artist, title: record.title },
    youtubeId: record.youtubeId,
    durationMs: record.durationMs,
    startedAt: record.startedAt,
    source: record.source,
    requestedBy: record.requestedBy,
    reason: record.reason,
    fits: record.fits,
    listeners: new Set(record.listeners),
    present: new Map(),
    listened: new Map(record.listened.map(({ userId, ms }) => [userId, ms])),
    likes: new Set(),
    dislikes: new Set(),
    restored: true,
    lastKnownAt: record.lastKnownAt,
    playedMs: record.playedMs,
  };
}
