import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import { GuildRepository } from '../guilds/guild.repository';
import type { PersistedSession } from '../guilds/guild-session.types';
import type { GuildSession } from './guild-session';
import { PlaybackEvent, type SessionChangedEvent } from './playback.events';
import { settledWithin } from './playback-time';

/** The playhead is written at most this often (every change of track, queue or state is written at once). */
const POSITION_SAVE_INTERVAL_MS = 5_000;
/**
 * A reply that changes the queue waits for the session to be saved, but no longer than this: while
 * MongoDB is away the save fails slowly, and Discord drops an interaction not answered within 3 s.
 */
export const REPLY_WRITE_WAIT_MS = 1_500;
/** A session save that failed (MongoDB away) is tried again this often until it lands. */
export const PERSIST_RETRY_MS = 2_000;

/**
 * The live sessions of every guild and their stored copies in the `guilds` collection: each
 * change is written (bursts coalesced, failures retried while MongoDB is away), and an ended
 * session is never written again, so a stopped queue does not come back after a restart.
 */
@Injectable()
export class SessionStore {
  private readonly logger = new Logger(SessionStore.name);
  private readonly sessions = new Map<string, GuildSession>();
  private readonly writes = new Map<string, { running: Promise<void>; again: boolean }>();
  private readonly persistRetries = new Map<string, NodeJS.Timeout>();
  /** Playhead writes on their way, per guild: a session write waits for them (see `persist`). */
  private readonly positionWrites = new Map<string, Promise<void>>();
  /** Stored sessions of ended sessions still being cleared (see `clearStored`). */
  private readonly clearing = new Map<string, Promise<void>>();
  private shuttingDown = false;

  constructor(
    private readonly guilds: GuildRepository,
    private readonly events: EventEmitter2,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  get stopping(): boolean {
    return this.shuttingDown;
  }

  get(guildId: string): GuildSession | undefined {
    return this.sessions.get(guildId);
  }

  has(guildId: string): boolean {
    return this.sessions.has(guildId);
  }

  /** True while `session` is the guild's live session (not ended, not replaced by a newer one). */
  isLive(session: GuildSession): boolean {
    return this.sessions.get(session.guildId) === session;
  }

  add(session: GuildSession): void {
    this.sessions.set(session.guildId, session);
  }

  remove(guildId: string): void {
    this.sessions.delete(guildId);
  }

  all(): GuildSession[] {
    return [...this.sessions.values()];
  }

  guildIds(): string[] {
    return [...this.sessions.keys()];
  }

  /** The sessions saved before a restart. */
  async findStored(): Promise<Array<{ guildId: string; session: PersistedSession }>> {
    return this.guilds.findActiveSessions();
  }

  /** Announces a change to presenters and mirrors the session to MongoDB. */
  changed(session: GuildSession, change: SessionChangedEvent['change']): void {
    if (!this.isLive(session)) return;
    const event: SessionChangedEvent = { guildId: session.guildId, textChannelId: session.textChannelId, change };
    this.events.emit(PlaybackEvent.SessionChanged, event);
    this.persist(session);
  }

  /**
   * Writes the session, coalescing bursts: one write at a time per guild, and one more after it
   * when something changed meanwhile, so the stored session always ends up as the latest state.
   */
  persist(session: GuildSession): void {
    if (!this.isLive(session)) return;
    const pending = this.writes.get(session.guildId);
    if (pending) {
      pending.again = true;
      return;
    }
    const state = { running: Promise.resolve(), again: false };
    state.running = (async () => {
      do {
        state.again = false;
        // Never two writes of one guild's document at once: a store that updates a document by
        // reading and writing it back (FerretDB) could let the playhead write, holding the older
        // session, land over the newer one. Both queue up while MongoDB is away and leave together.
        await this.positionWrites.get(session.guildId);
        await this.persistNow(session).catch((error: unknown) => {
          this.logger.error(`Could not save the session of guild ${session.guildId}: ${String(error)}`);
          this.persistLater(session);
        });
      } while (state.again && this.isLive(session));
      this.writes.delete(session.guildId);
    })();
    this.writes.set(session.guildId, state);
  }

  /**
   * Writes the playhead alone, at most every `POSITION_SAVE_INTERVAL_MS`, and never beside another
   * write of the guild's session (a session write carries the playhead too).
   */
  savePosition(session: GuildSession, positionMs: number, now: number): void {
    if (now - session.lastPositionSave < POSITION_SAVE_INTERVAL_MS) return;
    const guildId = session.guildId;
    if (this.writes.has(guildId) || this.positionWrites.has(guildId)) return;
    session.lastPositionSave = now;
    const write = this.guilds
      .saveSessionPosition(guildId, Math.round(positionMs), new Date(now))
      .catch(() => undefined)
      .finally(() => this.positionWrites.delete(guildId));
    this.positionWrites.set(guildId, write);
  }

  /** Waits for the guild's pending write, at most `REPLY_WRITE_WAIT_MS` (a reply must not wait for an outage). */
  async writtenForReply(guildId: string): Promise<void> {
    await this.withinReplyWait(this.whenWritten(guildId));
  }

  async withinReplyWait(work: Promise<void>): Promise<void> {
    await settledWithin(work, REPLY_WRITE_WAIT_MS);
  }

  /**
   * Clears the stored session of an ended one, trying again while MongoDB is away, so a stopped
   * queue never comes back at the next start. Gives up only when a new session started in that
   * guild (its own saves replace the stored one) or the bot stops.
   */
  clearStored(guildId: string): Promise<void> {
    const pending = this.clearing.get(guildId);
    if (pending) return pending;
    const clearing = (async () => {
      await this.whenWritten(guildId);
      for (let attempt = 1; !this.sessions.has(guildId); attempt++) {
        try {
          await this.guilds.clearSession(guildId);
          // A session started while the clear was on its way: write it again over the clear.
          const live = this.sessions.get(guildId);
          if (live) this.persist(live);
          return;
        } catch (error) {
          if (attempt === 1)
            this.logger.error(`Could not clear the saved session of guild ${guildId}: ${String(error)}`);
          if (this.shuttingDown) return;
          await new Promise((resolve) => setTimeout(resolve, PERSIST_RETRY_MS).unref());
        }
      }
    })().finally(() => this.clearing.delete(guildId));
    this.clearing.set(guildId, clearing);
    return clearing;
  }

  /** Stops the retries, saves every session as it stands and gives pending clears a last try. */
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    for (const timer of this.persistRetries.values()) clearTimeout(timer);
    this.persistRetries.clear();
    // Persist every session as it stands: a restart continues from here (Lavalink keeps playing).
    await Promise.all(
      this.all().map(async (session) => {
        await this.whenWritten(session.guildId);
        await this.persistNow(session).catch((error: unknown) =>
          this.logger.error(`Could not save the session of guild ${session.guildId} at shutdown: ${String(error)}`),
        );
      }),
    );
    // Sessions that ended while MongoDB was away get one last try at clearing their stored copy.
    await Promise.all(this.clearing.values());
  }

  /**
   * Tries a failed save again (in the background: callers waiting for the write are not held up by
   * an outage), so the stored session catches up with what changed while MongoDB was away.
   */
  private persistLater(session: GuildSession): void {
    if (this.shuttingDown || this.persistRetries.has(session.guildId)) return;
    const timer = setTimeout(() => {
      this.persistRetries.delete(session.guildId);
      this.persist(session);
    }, PERSIST_RETRY_MS);
    timer.unref();
    this.persistRetries.set(session.guildId, timer);
  }

  private async persistNow(session: GuildSession): Promise<void> {
    // A write racing the end of its session would bring the cleared session back after a restart.
    if (session.ended) return;
    await this.guilds.saveSession(session.guildId, session.toPersisted(this.clock.now().getTime()));
  }

  private async whenWritten(guildId: string): Promise<void> {
    await this.writes.get(guildId)?.running;
  }
}
