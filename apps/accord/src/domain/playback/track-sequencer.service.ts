import { Inject, Injectable, Logger } from '@nestjs/common';
import { PlaybackError } from '@accord/core';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import { LavalinkService } from '../../adapters/lavalink/lavalink.service';
import type { CurrentTrack, GuildSession } from './guild-session';
import { LookAheadService } from './look-ahead.service';
import type { LoopMode, QueueEntry } from './playback.types';
import { SessionLifecycleService } from './session-lifecycle.service';
import { SessionStore } from './session.store';
import { TrackEventPublisher } from './track-event.publisher';

/** Moves a session from track to track on its Lavalink player: next, start, stop, pause. */
@Injectable()
export class TrackSequencerService {
  private readonly logger = new Logger(TrackSequencerService.name);

  constructor(
    private readonly store: SessionStore,
    private readonly lifecycle: SessionLifecycleService,
    private readonly lookAhead: LookAheadService,
    private readonly publisher: TrackEventPublisher,
    private readonly lavalink: LavalinkService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The one place that decides whether something plays now. A change of track under way (a song
   * ended or was skipped, and the next entry is being looked up or started) is waited for, since
   * it plays the queue's head itself; then, when no track is current, the head of the queue starts.
   * Returns true when this call started a track.
   */
  async playIfIdle(session: GuildSession): Promise<boolean> {
    while (session.advances.size > 0) await Promise.all([...session.advances]);
    if (session.current) return false;
    return this.playNext(session, null);
  }

  /**
   * Plays what comes after `finished`, skipping entries that cannot be resolved or that Lavalink
   * refuses. Returns false when the queue ran out.
   */
  async playNext(session: GuildSession, finished: QueueEntry | null, loop: LoopMode = session.loop): Promise<boolean> {
    const advance = this.advance(session, finished, loop);
    const settled = advance.then(
      () => undefined,
      () => undefined,
    );
    session.advances.add(settled);
    void settled.then(() => session.advances.delete(settled));
    return advance;
  }

  private async advance(session: GuildSession, finished: QueueEntry | null, loop: LoopMode): Promise<boolean> {
    let entry = session.queue.next(finished, loop);
    while (entry) {
      const playable = await this.lookAhead.ensurePlayable(session, entry);
      if (playable && (await this.tryStart(session, playable))) return true;
      entry = session.queue.next(null, 'off');
    }
    session.current = null;
    this.publisher.queueFinished(session);
    this.lifecycle.startIdleTimer(session);
    this.store.persist(session);
    return false;
  }

  /** Plays `entry` from `startMs`; a track playing now is replaced (its end is expected). */
  async start(session: GuildSession, entry: QueueEntry, startMs: number, paused: boolean): Promise<void> {
    const replacing = session.current !== null;
    if (replacing && !session.expectedEnd) session.expectedEnd = { reason: 'replaced' };
    session.current = {
      entry,
      startedAt: this.clock.now(),
      positionMs: startMs,
      positionAt: this.clock.now().getTime(),
      paused,
      started: false,
    };
    try {
      await this.lavalink.play(session.guildId, entry.track.encoded!, { startMs, paused });
    } catch (error) {
      // Lavalink plays nothing of it: it must not pass for the track playing now.
      if (session.current?.entry.id === entry.id) session.current = null;
      throw error;
    } finally {
      // The replaced track's end event arrives before the new start; both are handled by now.
      setImmediate(() => {
        if (session.current?.entry.id === entry.id) session.expectedEnd = null;
      });
    }
    this.store.persist(session);
  }

  /**
   * Ends the current track before Lavalink does, as if it had finished (what is left of it is a
   * part the guild skips), and plays what comes next.
   */
  async finishEarly(session: GuildSession): Promise<void> {
    const finished = session.current?.entry;
    if (!finished) return;
    this.publisher.ended(session, 'finished');
    session.expectedEnd = { reason: 'skipped' };
    if (!(await this.playNext(session, finished))) await this.stop(session);
    this.store.changed(session, 'track');
  }

  /**
   * Starts an entry of the queue. A track Lavalink refuses (a video it cannot decode or load) is
   * announced and false is returned, so the queue moves on; without a node to play on, the entry
   * goes back to the head of the queue and the error is thrown.
   */
  private async tryStart(session: GuildSession, entry: QueueEntry): Promise<boolean> {
    try {
      await this.start(session, entry, 0, false);
      return true;
    } catch (error) {
      if (error instanceof PlaybackError) {
        session.queue.add([entry], { next: true });
        throw error;
      }
      this.logger.warn(`Lavalink refused "${entry.track.title}" in guild ${session.guildId}: ${String(error)}`);
      this.publisher.failed(session, entry, 'unplayable');
      return false;
    }
  }

  /** Stops the track (the queue ran out): the session stays, idle. */
  async stop(session: GuildSession): Promise<void> {
    session.expectedEnd = session.expectedEnd ?? { reason: 'stopped' };
    if (this.lavalink.hasPlayer(session.guildId)) await this.lavalink.stop(session.guildId).catch(() => undefined);
    session.current = null;
    this.lifecycle.startIdleTimer(session);
    this.store.persist(session);
  }

  /**
   * Pauses or resumes the track. The session says so at once, before Lavalink answers, so whatever
   * decides next (a listener leaving or coming back, a user's command) sees the pause asked for;
   * the guild's pause requests reach Lavalink one after the other, in the order they were asked.
   * If Lavalink refuses, the session goes back to what it was (unless asked otherwise meanwhile).
   */
  async setPaused(session: GuildSession, paused: boolean): Promise<void> {
    const current = session.current;
    if (!current) return;
    const wasPaused = current.paused;
    this.markPaused(session, current, paused);
    try {
      await session.inPauseTurn(() => this.lavalink.setPaused(session.guildId, paused));
    } catch (error) {
      if (session.current === current && current.paused === paused) this.markPaused(session, current, wasPaused);
      throw error;
    }
  }

  private markPaused(session: GuildSession, current: CurrentTrack, paused: boolean): void {
    if (current.paused === paused) return;
    const now = this.clock.now().getTime();
    session.setPosition(session.position(now), now);
    current.paused = paused;
    this.store.changed(session, 'pause');
  }
}
