import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import {
  DomainEvent,
  type FeedbackKind,
  type ListenersChangedEvent,
  type TrackEndedEvent,
  type TrackStartedEvent,
  RecommendationEvent,
  type PickMadeEvent,
} from '@accord/core';
import type { ListenerFit } from '@accord/recommender';
import { PlaybackService } from '../playback/playback.service';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import { FeedbackRepository } from './feedback.repository';
import {
  endListening,
  forgetListener,
  fromRecord,
  noteLike,
  playSignals,
  setPresent,
  type OpenPlay,
  type PlayEnd,
} from './open-play';
import type { PlayRecord } from './history.types';
import { PlayRepository } from './play.repository';
import { PlayWritesService } from './play-writes.service';
import { identifyPlayed } from './played-song';

export { MIN_HEARD_MS, signalOf, type OpenPlay } from './open-play';

const CHECKPOINT_INTERVAL_MS = 30_000;
/** How long after startup a play left open may still be claimed by playback before it is closed as interrupted. */
export const RESTORE_GRACE_MS = 45_000;
const PENDING_FITS_PER_GUILD = 50;

/**
 * Records every play from playback's domain events: TrackStarted opens a play, ListenersChanged
 * follows who hears it, TrackEnded closes it and turns the ending into feedback (a finish is a
 * weak positive for each listener present, a skip a weak negative for the skipper) and profile
 * updates. Handlers only touch memory and queue writes (`PlayWritesService`), so playback is never
 * held up. Who heard how much is worked out by the functions of `open-play.ts`.
 */
@Injectable()
export class PlayRecorderService implements OnApplicationBootstrap, BeforeApplicationShutdown, OnModuleDestroy {
  private readonly logger = new Logger(PlayRecorderService.name);
  private readonly open = new Map<string, OpenPlay>();
  private readonly pendingFits = new Map<string, Map<string, ListenerFit[]>>();
  private checkpointTimer?: NodeJS.Timeout;
  private restoreTimer?: NodeJS.Timeout;

  constructor(
    private readonly writes: PlayWritesService,
    private readonly playback: PlaybackService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.writes.loadOpen('restore open plays', (records) => this.restoreOpenPlays(records));
    this.restoreTimer = setTimeout(() => this.sweepRestored(), RESTORE_GRACE_MS);
    this.restoreTimer.unref();
    this.checkpointTimer = setInterval(() => this.checkpointAll(), CHECKPOINT_INTERVAL_MS);
    this.checkpointTimer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    // Plays stay open: Lavalink keeps playing through a restart and the next start claims them.
    this.checkpointAll();
    await this.writes.idle(2_000);
  }

  onModuleDestroy(): void {
    clearTimeout(this.restoreTimer);
    clearInterval(this.checkpointTimer);
  }

  // --- what other parts of history ask ---------------------------------------------------

  /** The play going on in a guild, if any. */
  current(guildId: string): Readonly<OpenPlay> | undefined {
    return this.open.get(guildId);
  }

  /**
   * Autoplay tells history how well a pick fitted each listener before it plays; the fits are
   * stored with the play when it starts (the recommender's fairness reads them back).
   */
  notePickFits(guildId: string, trackKey: string, fits: ListenerFit[]): void {
    const guild = this.pendingFits.get(guildId) ?? new Map<string, ListenerFit[]>();
    guild.delete(trackKey);
    guild.set(trackKey, fits);
    while (guild.size > PENDING_FITS_PER_GUILD) guild.delete(guild.keys().next().value!);
    this.pendingFits.set(guildId, guild);
  }

  /** Autoplay's picks carry their per-listener fits; keep them for the play they become. */
  @OnEvent(RecommendationEvent.PickMade)
  onPickMade(event: PickMadeEvent): void {
    this.notePickFits(event.guildId, event.trackKey, event.fits);
  }

  /** Counts a like or dislike on the open play it is about; returns that play. */
  noteFeedback(guildId: string, trackKey: string, userId: string, kind: FeedbackKind): Readonly<OpenPlay> | undefined {
    const play = this.open.get(guildId);
    if (!play || play.song.trackKey !== trackKey) return undefined;
    if (noteLike(play, userId, kind)) this.writes.likes(play, () => this.open.get(play.guildId) === play);
    return play;
  }

  /** Forgets a user in the plays going on now (forget-me). */
  forgetUser(userId: string): void {
    for (const play of this.open.values()) forgetListener(play, userId);
  }

  // --- playback's events -----------------------------------------------------------------

  @OnEvent(DomainEvent.TrackStarted)
  onTrackStarted(event: TrackStartedEvent): void {
    this.safely('TrackStarted', () => this.started(event));
  }

  @OnEvent(DomainEvent.ListenersChanged)
  onListenersChanged(event: ListenersChangedEvent): void {
    this.safely('ListenersChanged', () => {
      const play = this.open.get(event.guildId);
      if (!play) return;
      setPresent(play, event.listeners, this.positionOf(play));
      play.lastKnownAt = event.at;
      this.writeListeners(play);
    });
  }

  @OnEvent(DomainEvent.TrackEnded)
  onTrackEnded(event: TrackEndedEvent): void {
    this.safely('TrackEnded', () => {
      const play = this.open.get(event.guildId);
      if (!play || play.song.trackKey !== identifyPlayed(event.track).trackKey) return;
      this.close(play, {
        endReason: event.reason,
        endedAt: event.at,
        playedMs: Math.max(0, Math.round(event.playedMs)),
        skippedBy: event.skippedBy,
      });
    });
  }

  private started(event: TrackStartedEvent): void {
    const song = identifyPlayed(event.track);
    const current = this.open.get(event.guildId);
    if (current && current.song.trackKey === song.trackKey) {
      // The same song started again without an end: playback rejoined after a restart, or the
      // song was re-pinned to another video. It is the same play.
      current.restored = false;
      current.youtubeId = event.track.youtubeId ?? current.youtubeId;
      setPresent(current, event.listeners, this.positionOf(current));
      this.writeListeners(current);
      return;
    }
    if (current) {
      // Its end was not reported; playback already moved on, so the clock is all that is known.
      const playedMs = Math.max(current.playedMs, event.at.getTime() - current.startedAt.getTime());
      this.close(current, { endReason: 'replaced', endedAt: event.at, playedMs });
    }
    const play: OpenPlay = {
      id: PlayRepository.newId(),
      guildId: event.guildId,
      song,
      youtubeId: event.track.youtubeId,
      durationMs: event.track.durationMs,
      startedAt: event.at,
      source: event.source,
      requestedBy: event.requestedBy,
      reason: event.reason,
      fits: this.takeFits(event.guildId, song.trackKey),
      listeners: new Set(),
      present: new Map(),
      listened: new Map(),
      likes: new Set(),
      dislikes: new Set(),
      restored: false,
      lastKnownAt: event.at,
      playedMs: 0,
    };
    setPresent(play, event.listeners, 0);
    this.open.set(event.guildId, play);
    // The request's feedback id is drawn now for the same reason as in `close`.
    this.writes.opened(play, FeedbackRepository.newId());
  }

  /** Closes a play in memory at once; its writes (and the profile updates after them) are queued in that order. */
  private close(play: OpenPlay, end: PlayEnd): void {
    if (this.open.get(play.guildId) === play) this.open.delete(play.guildId);
    const presentAtEnd = endListening(play, end.playedMs);
    const completes = end.endReason === 'finished' ? presentAtEnd : [];
    const skipper = end.endReason === 'skipped' ? end.skippedBy : undefined;
    // Ids are drawn now, not in the write: a write retried after an outage must not add the records twice.
    const completeIds = completes.map((userId) => ({ userId, id: FeedbackRepository.newId() }));
    const skipId = FeedbackRepository.newId();
    this.writes.closed(play, end, {
      completes: completeIds,
      skip: skipper ? { userId: skipper, id: skipId } : undefined,
    });
    for (const { userId, signals } of playSignals(play, end, { completes, skipper })) {
      this.writes.learn(userId, signals);
    }
  }

  // --- startup after a crash ---------------------------------------------------------------

  private restoreOpenPlays(stored: PlayRecord[]): void {
    for (const record of stored) {
      const current = this.open.get(record.guildId);
      if (current?.id === record.id) continue;
      const play = fromRecord(record);
      if (current) {
        // Playback already started something else in this guild: that play was cut short.
        this.closeInterrupted(play);
        continue;
      }
      this.open.set(record.guildId, play);
    }
    if (stored.length > 0) this.logger.log(`Found ${stored.length} play(s) left open; checking them against playback`);
  }

  /**
   * Plays found open at startup that playback has not claimed: adopted when the guild is still
   * playing that song (Lavalink kept playing through the restart), closed as interrupted otherwise.
   */
  sweepRestored(): void {
    for (const play of [...this.open.values()]) {
      if (!play.restored) continue;
      const snapshot = this.playback.snapshot(play.guildId);
      const track = snapshot?.current?.entry.track;
      if (
        snapshot &&
        track &&
        identifyPlayed({ trackKey: track.trackKey, title: track.title, author: track.author }).trackKey ===
          play.song.trackKey
      ) {
        play.restored = false;
        setPresent(play, snapshot.listeners, snapshot.current?.positionMs ?? 0);
        continue;
      }
      this.closeInterrupted(play);
    }
  }

  private closeInterrupted(play: OpenPlay): void {
    const playedMs = Math.max(play.playedMs, play.lastKnownAt.getTime() - play.startedAt.getTime());
    this.close(play, {
      endReason: 'stopped',
      endedAt: play.lastKnownAt,
      playedMs: play.durationMs > 0 ? Math.min(play.durationMs, playedMs) : playedMs,
      interrupted: true,
    });
  }

  // --- helpers -----------------------------------------------------------------------------

  /** Where the playhead of this play is now (wall-clock time since its start if playback cannot say). */
  private positionOf(play: OpenPlay): number {
    const current = this.playback.snapshot(play.guildId)?.current;
    if (current && !play.restored) return current.positionMs;
    return Math.max(0, this.clock.now().getTime() - play.startedAt.getTime());
  }

  private writeListeners(play: OpenPlay): void {
    this.writes.listeners(play, () => this.positionOf(play));
  }

  private checkpointAll(): void {
    const now = this.clock.now();
    for (const play of this.open.values()) {
      if (play.restored || play.checkpointPending) continue;
      const position = this.playback.snapshot(play.guildId)?.current?.positionMs;
      play.lastKnownAt = now;
      play.playedMs = position ?? now.getTime() - play.startedAt.getTime();
      this.writes.checkpoint(play);
    }
  }

  private takeFits(guildId: string, trackKey: string): ListenerFit[] {
    const guild = this.pendingFits.get(guildId);
    const fits = guild?.get(trackKey);
    guild?.delete(trackKey);
    return fits ?? [];
  }

  /** Event handlers never throw into playback's emit. */
  private safely(label: string, handle: () => void): void {
    try {
      handle();
    } catch (error: unknown) {
      this.logger.error(
        `Could not record ${label}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
  }
}
