import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import { LavalinkService } from '../../adapters/lavalink/lavalink.service';
import type { GuildSession } from './guild-session';
import { LookAheadService } from './look-ahead.service';
import type { LoopMode, QueueEntry } from './playback.types';
import { SessionLifecycleService } from './session-lifecycle.service';
import { SessionStore } from './session.store';
import { TrackEventPublisher } from './track-event.publisher';

/** Moves a session from track to track on its Lavalink player: next, start, stop, pause. */
@Injectable()
export class TrackSequencerService {
  constructor(
    private readonly store: SessionStore,
    private readonly lifecycle: SessionLifecycleService,
    private readonly lookAhead: LookAheadService,
    private readonly publisher: TrackEventPublisher,
    private readonly lavalink: LavalinkService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Plays what comes after `finished`, skipping entries that cannot be resolved. Returns false
   * when the queue ran out.
   */
  async playNext(session: GuildSession, finished: QueueEntry | null, loop: LoopMode = session.loop): Promise<boolean> {
    let entry = session.queue.next(finished, loop);
    while (entry) {
      const playable = await this.lookAhead.ensurePlayable(session, entry);
      if (playable) {
        await this.start(session, playable, 0, false);
        return true;
      }
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

  /** Stops the track (the queue ran out): the session stays, idle. */
  async stop(session: GuildSession): Promise<void> {
    session.expectedEnd = session.expectedEnd ?? { reason: 'stopped' };
    if (this.lavalink.hasPlayer(session.guildId)) await this.lavalink.stop(session.guildId).catch(() => undefined);
    session.current = null;
    this.lifecycle.startIdleTimer(session);
    this.store.persist(session);
  }

  async setPaused(session: GuildSession, paused: boolean): Promise<void> {
    if (!session.current) return;
    await this.lavalink.setPaused(session.guildId, paused);
    const now = this.clock.now().getTime();
    session.setPosition(session.position(now), now);
    session.current.paused = paused;
    this.store.changed(session, 'pause');
  }
}
