import { Inject, Injectable } from '@nestjs/common';
import type { PlayOutcome } from '@accord/recommender';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import { OptOutService } from '../preferences/profiles/opt-out.service';
import type { TasteSignal } from '../preferences/profiles/taste-profile';
import { TasteProfileService } from '../preferences/profiles/taste-profile.service';
import { FeedbackRepository } from './feedback.repository';
import type { DayPlay } from './guild-day';
import { GuildDayRepository } from './guild-day.repository';
import { upsertWindowEntry } from './guild-window';
import { GuildWindowRepository } from './guild-window.repository';
import { HistoryWriter } from './history-writer.service';
import {
  FEEDBACK_WEIGHTS,
  type FeedbackRecord,
  type PlayRecord,
  type StoredFeedbackKind,
  type WindowEntry,
} from './history.types';
import { heardSoFar, signalOf, type OpenPlay, type PlayEnd } from './open-play';
import { PlayRepository } from './play.repository';
import { UnwrittenWindow } from './unwritten-window';

/** The feedback a closed play leaves, with ids drawn when it closed (a retried write does not duplicate them). */
export interface ClosingFeedback {
  /** Present at a finish, with the id of each one's `complete` record. */
  completes: ReadonlyArray<{ userId: string; id: string }>;
  skip?: { userId: string; id: string };
}

/**
 * The play recorder's writes, each queued on `HistoryWriter` (in order, off playback's path, held
 * through a database outage): the play document, the guild's recent window, its day document,
 * feedback records and taste profiles. Only listeners who have not opted out are written, and
 * that is checked when the write runs.
 */
@Injectable()
export class PlayWritesService {
  constructor(
    private readonly writer: HistoryWriter,
    private readonly plays: PlayRepository,
    private readonly feedback: FeedbackRepository,
    private readonly windows: GuildWindowRepository,
    private readonly days: GuildDayRepository,
    private readonly optOuts: OptOutService,
    private readonly profiles: TasteProfileService,
    private readonly unwritten: UnwrittenWindow,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Reads the plays left open (behind any queued write) and hands them over. */
  loadOpen(label: string, handle: (records: PlayRecord[]) => void): void {
    this.writer.push(label, async () => handle(await this.plays.findOpen()));
  }

  /** A play started: its document, window entry and day entry; a request is feedback and a profile signal. */
  opened(play: OpenPlay, requestFeedbackId: string): void {
    const pending = this.remember(play, 'playing');
    this.writer.push('open play', async () => {
      const listeners = await this.optOuts.recordable([...play.listeners]);
      await this.plays.insert(this.toRecord(play, listeners));
      await this.updateWindow(play, 'playing', listeners);
      this.unwritten.landed(play.guildId, pending);
      await this.days.upsert(play.guildId, this.toDayPlay(play, listeners), this.clock.now());
      const requester = play.source === 'request' ? play.requestedBy : undefined;
      if (requester && !(await this.optOuts.isOptedOut(requester))) {
        await this.feedback.insertMany([
          this.feedbackOf(requestFeedbackId, play, requester, 'request', play.startedAt),
        ]);
      }
    });
    if (play.source === 'request' && play.requestedBy) {
      this.learn(play.requestedBy, [signalOf(play, 'request')], 'profile: request');
    }
  }

  /** A play ended: its document closed, window and day entries ended, completes and the skip recorded. */
  closed(play: OpenPlay, end: PlayEnd, outcome: ClosingFeedback): void {
    const { completes, skip } = outcome;
    const pending = this.remember(play, end.endReason);
    this.writer.push('close play', async () => {
      const listeners = await this.optOuts.recordable([...play.listeners]);
      const recordedSkipper = skip && !(await this.optOuts.isOptedOut(skip.userId)) ? skip.userId : undefined;
      await this.plays.close(play.id, {
        endedAt: end.endedAt,
        playedMs: end.playedMs,
        endReason: end.endReason,
        listeners,
        listened: listeners.map((userId) => ({ userId, ms: Math.round(play.listened.get(userId) ?? 0) })),
        skippedBy: recordedSkipper,
        likes: play.likes.size,
        dislikes: play.dislikes.size,
        interrupted: end.interrupted,
      });
      await this.updateWindow(play, end.endReason, listeners);
      this.unwritten.landed(play.guildId, pending);
      await this.days.upsert(
        play.guildId,
        this.toDayPlay(play, listeners, { ...end, skippedBy: recordedSkipper }),
        this.clock.now(),
      );
      const recordable = new Set(listeners);
      const records: FeedbackRecord[] = completes.flatMap(({ userId, id }) =>
        recordable.has(userId) ? [this.feedbackOf(id, play, userId, 'complete', end.endedAt)] : [],
      );
      if (skip && recordedSkipper) records.push(this.feedbackOf(skip.id, play, recordedSkipper, 'skip', end.endedAt));
      await this.feedback.insertMany(records);
    });
  }

  /** What one user's taste profile learns from a play. */
  learn(userId: string, signals: TasteSignal[], label = 'profile: play'): void {
    this.writer.push(label, async () => {
      await this.profiles.apply(userId, signals);
    });
  }

  /** Who has heard the play so far; `position` is read when the write runs. */
  listeners(play: OpenPlay, position: () => number): void {
    const lastKnownAt = play.lastKnownAt;
    this.writer.push('play listeners', async () => {
      const listeners = await this.optOuts.recordable([...play.listeners]);
      const at = position();
      const listened = listeners.map((userId) => ({ userId, ms: Math.round(heardSoFar(play, userId, at)) }));
      await this.plays.updateListeners(play.id, listeners, listened, lastKnownAt);
    });
  }

  /** The likes of the play going on, for the panel's history (its end writes them again); skipped once it closed. */
  likes(play: OpenPlay, stillOpen: () => boolean): void {
    this.writer.push('play feedback', async () => {
      if (!stillOpen()) return;
      const listeners = await this.optOuts.recordable([...play.listeners]);
      await this.days.upsert(play.guildId, this.toDayPlay(play, listeners), this.clock.now());
    });
  }

  /** Where the play was at its last checkpoint (what a restart has to go on). */
  checkpoint(play: OpenPlay): void {
    play.checkpointPending = true;
    this.writer.push('play checkpoint', async () => {
      play.checkpointPending = false;
      await this.plays.checkpoint(play.id, play.lastKnownAt, play.playedMs);
    });
  }

  /** Resolves when every queued write has run, or after `timeoutMs`. */
  idle(timeoutMs: number): Promise<boolean> {
    return this.writer.idle(timeoutMs);
  }

  private remember(play: OpenPlay, outcome: PlayOutcome): WindowEntry {
    const entry = this.windowEntry(play, outcome, [...play.listeners]);
    this.unwritten.hold(play.guildId, entry);
    return entry;
  }

  private async updateWindow(play: OpenPlay, outcome: PlayOutcome, listeners: string[]): Promise<void> {
    const now = this.clock.now();
    const entries = await this.windows.get(play.guildId);
    const next = upsertWindowEntry(entries, this.windowEntry(play, outcome, listeners), now.getTime());
    await this.windows.save(play.guildId, next, now);
  }

  private windowEntry(play: OpenPlay, outcome: PlayOutcome, listeners: string[]): WindowEntry {
    const recordable = new Set(listeners);
    return {
      playId: play.id,
      trackKey: play.song.trackKey,
      artistKey: play.song.artistKey,
      artistName: play.song.artistName,
      title: play.song.title,
      youtubeId: play.youtubeId,
      startedAt: play.startedAt.getTime(),
      listeners,
      ...(play.fits.length > 0 ? { fits: play.fits.filter((fit) => recordable.has(fit.userId)) } : {}),
      source: play.source,
      outcome,
      likes: play.likes.size,
      dislikes: play.dislikes.size,
    };
  }

  /** The play as its day document holds it: open, or ended as `end` says. */
  private toDayPlay(play: OpenPlay, listeners: string[], end?: PlayEnd): DayPlay {
    const recordable = new Set(listeners);
    const fits = play.fits.filter((fit) => recordable.has(fit.userId));
    return {
      playId: play.id,
      trackKey: play.song.trackKey,
      artistKey: play.song.artistKey,
      artist: play.song.artistName,
      title: play.song.title,
      ...(play.youtubeId ? { youtubeId: play.youtubeId } : {}),
      durationMs: play.durationMs,
      startedAt: play.startedAt.getTime(),
      endedAt: end ? end.endedAt.getTime() : null,
      playedMs: end ? end.playedMs : play.playedMs,
      ...(end ? { endReason: end.endReason } : {}),
      source: play.source,
      ...(play.requestedBy && recordable.has(play.requestedBy) ? { requestedBy: play.requestedBy } : {}),
      listeners,
      ...(end?.skippedBy ? { skippedBy: end.skippedBy } : {}),
      ...(fits.length > 0 ? { fits } : {}),
      likes: play.likes.size,
      dislikes: play.dislikes.size,
    };
  }

  /** The play's document as it opens. */
  private toRecord(play: OpenPlay, listeners: string[]): PlayRecord {
    const recordable = new Set(listeners);
    return {
      id: play.id,
      guildId: play.guildId,
      trackKey: play.song.trackKey,
      artistKey: play.song.artistKey,
      title: play.song.title,
      artist: play.song.artistName,
      youtubeId: play.youtubeId,
      durationMs: play.durationMs,
      startedAt: play.startedAt,
      endedAt: null,
      lastKnownAt: play.lastKnownAt,
      playedMs: play.playedMs,
      source: play.source,
      requestedBy: play.requestedBy && recordable.has(play.requestedBy) ? play.requestedBy : undefined,
      listeners,
      listened: [],
      reason: play.reason,
      fits: play.fits.filter((fit) => recordable.has(fit.userId)),
      likes: 0,
      dislikes: 0,
    };
  }

  private feedbackOf(id: string, play: OpenPlay, userId: string, kind: StoredFeedbackKind, at: Date): FeedbackRecord {
    return {
      id,
      userId,
      guildId: play.guildId,
      trackKey: play.song.trackKey,
      artistKey: play.song.artistKey,
      kind,
      weight: FEEDBACK_WEIGHTS[kind],
      at,
      playId: play.id,
      source: play.source,
    };
  }
}
