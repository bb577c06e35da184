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
  type PlaySource,
  type TrackEndReason,
  type TrackEndedEvent,
  type TrackStartedEvent,
  RecommendationEvent,
  type PickMadeEvent,
} from '@accord/core';
import type { ListenerFit, PlayOutcome } from '@accord/recommender';
import { PlaybackService } from '../playback/playback.service';
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
import { FEEDBACK_WEIGHTS, type FeedbackRecord, type PlayRecord, type StoredFeedbackKind } from './history.types';
import { PlayRepository } from './play.repository';
import { identifyPlayed, type PlayedSong } from './played-song';

/** A listener who heard less than this of a play (or of half a shorter track) has not heard it. */
export const MIN_HEARD_MS = 30_000;
const CHECKPOINT_INTERVAL_MS = 30_000;
/** How long after startup a play left open may still be claimed by playback before it is closed as interrupted. */
export const RESTORE_GRACE_MS = 45_000;
const PENDING_FITS_PER_GUILD = 50;

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

interface PlayEnd {
  endReason: TrackEndReason;
  endedAt: Date;
  playedMs: number;
  skippedBy?: string;
  interrupted?: boolean;
}

/**
 * Records every play from playback's domain events: TrackStarted opens a play, ListenersChanged
 * follows who hears it, TrackEnded closes it and turns the ending into feedback (a finish is a
 * weak positive for each listener present, a skip a weak negative for the skipper) and profile
 * updates. Handlers only touch memory and queue writes, so playback is never held up.
 */
@Injectable()
export class PlayRecorderService implements OnApplicationBootstrap, BeforeApplicationShutdown, OnModuleDestroy {
  private readonly logger = new Logger(PlayRecorderService.name);
  private readonly open = new Map<string, OpenPlay>();
  private readonly pendingFits = new Map<string, Map<string, ListenerFit[]>>();
  private checkpointTimer?: NodeJS.Timeout;
  private restoreTimer?: NodeJS.Timeout;

  constructor(
    private readonly writer: HistoryWriter,
    private readonly plays: PlayRepository,
    private readonly feedback: FeedbackRepository,
    private readonly windows: GuildWindowRepository,
    private readonly days: GuildDayRepository,
    private readonly optOuts: OptOutService,
    private readonly profiles: TasteProfileService,
    private readonly playback: PlaybackService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.writer.push('restore open plays', () => this.restoreOpenPlays());
    this.restoreTimer = setTimeout(() => this.sweepRestored(), RESTORE_GRACE_MS);
    this.restoreTimer.unref();
    this.checkpointTimer = setInterval(() => this.checkpointAll(), CHECKPOINT_INTERVAL_MS);
    this.checkpointTimer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    // Plays stay open: Lavalink keeps playing through a restart and the next start claims them.
    this.checkpointAll();
    await this.writer.idle(2_000);
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
    if (kind === 'like') {
      play.likes.add(userId);
      play.dislikes.delete(userId);
    } else if (kind === 'dislike') {
      play.dislikes.add(userId);
      play.likes.delete(userId);
    }
    if (kind === 'like' || kind === 'dislike') {
      // The panel's history shows the likes of the play going on; its end writes them again.
      this.writer.push('play feedback', async () => {
        if (this.open.get(play.guildId) !== play) return;
        const listeners = await this.optOuts.recordable([...play.listeners]);
        await this.days.upsert(play.guildId, this.toDayPlay(play, listeners), this.clock.now());
      });
    }
    return play;
  }

  /** Forgets a user in the plays going on now (forget-me). */
  forgetUser(userId: string): void {
    for (const play of this.open.values()) {
      play.listeners.delete(userId);
      play.present.delete(userId);
      play.listened.delete(userId);
      play.likes.delete(userId);
      play.dislikes.delete(userId);
      play.fits = play.fits.filter((fit) => fit.userId !== userId);
      if (play.requestedBy === userId) play.requestedBy = undefined;
    }
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
      this.setPresent(play, event.listeners, this.positionOf(play));
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
      this.setPresent(current, event.listeners, this.positionOf(current));
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
    this.setPresent(play, event.listeners, 0);
    this.open.set(event.guildId, play);

    const requestFeedbackId = FeedbackRepository.newId();
    this.writer.push('open play', async () => {
      const listeners = await this.optOuts.recordable([...play.listeners]);
      await this.plays.insert(this.toRecord(play, listeners, null));
      await this.updateWindow(play, 'playing', listeners);
      await this.days.upsert(play.guildId, this.toDayPlay(play, listeners), this.clock.now());
      const requester = play.source === 'request' ? play.requestedBy : undefined;
      if (requester && !(await this.optOuts.isOptedOut(requester))) {
        await this.feedback.insertMany([
          this.feedbackOf(requestFeedbackId, play, requester, 'request', play.startedAt),
        ]);
      }
    });
    if (play.source === 'request' && play.requestedBy) {
      const requester = play.requestedBy;
      this.writer.push('profile: request', async () => {
        await this.profiles.apply(requester, [signalOf(play, 'request')]);
      });
    }
  }

  // --- closing -----------------------------------------------------------------------------

  private close(play: OpenPlay, end: PlayEnd): void {
    if (this.open.get(play.guildId) === play) this.open.delete(play.guildId);
    const presentAtEnd = [...play.present.keys()];
    for (const [userId, since] of play.present) {
      play.listened.set(userId, (play.listened.get(userId) ?? 0) + Math.max(0, end.playedMs - since));
    }
    play.present.clear();
    const completes = end.endReason === 'finished' ? presentAtEnd : [];
    const skipper = end.endReason === 'skipped' ? end.skippedBy : undefined;
    const completeIds = completes.map(() => FeedbackRepository.newId());
    const skipId = FeedbackRepository.newId();

    this.writer.push('close play', async () => {
      const listeners = await this.optOuts.recordable([...play.listeners]);
      const recordedSkipper = skipper && !(await this.optOuts.isOptedOut(skipper)) ? skipper : undefined;
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
      await this.days.upsert(
        play.guildId,
        this.toDayPlay(play, listeners, { ...end, skippedBy: recordedSkipper }),
        this.clock.now(),
      );
      const recordable = new Set(listeners);
      const records: FeedbackRecord[] = completes.flatMap((userId, index) =>
        recordable.has(userId) ? [this.feedbackOf(completeIds[index], play, userId, 'complete', end.endedAt)] : [],
      );
      if (recordedSkipper) records.push(this.feedbackOf(skipId, play, recordedSkipper, 'skip', end.endedAt));
      await this.feedback.insertMany(records);
    });

    const heardFrom = Math.min(MIN_HEARD_MS, play.durationMs > 0 ? play.durationMs / 2 : MIN_HEARD_MS);
    const users = new Set([...play.listeners, ...(skipper ? [skipper] : [])]);
    for (const userId of users) {
      const heardMs = end.interrupted ? end.playedMs : (play.listened.get(userId) ?? 0);
      const signals: TasteSignal[] = [];
      if (play.listeners.has(userId) && heardMs >= heardFrom) {
        signals.push({ ...signalOf(play, 'heard'), share: play.durationMs > 0 ? heardMs / play.durationMs : 1 });
      }
      if (completes.includes(userId)) signals.push(signalOf(play, 'complete'));
      if (skipper === userId) signals.push(signalOf(play, 'skip'));
      if (signals.length === 0) continue;
      this.writer.push('profile: play', async () => {
        await this.profiles.apply(userId, signals);
      });
    }
  }

  // --- startup after a crash ---------------------------------------------------------------

  private async restoreOpenPlays(): Promise<void> {
    const stored = await this.plays.findOpen();
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
        this.setPresent(play, snapshot.listeners, snapshot.current?.positionMs ?? 0);
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

  private setPresent(play: OpenPlay, listeners: readonly string[], position: number): void {
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

  private writeListeners(play: OpenPlay): void {
    const lastKnownAt = play.lastKnownAt;
    this.writer.push('play listeners', async () => {
      const listeners = await this.optOuts.recordable([...play.listeners]);
      const position = this.positionOf(play);
      const listened = listeners.map((userId) => ({ userId, ms: Math.round(heardSoFar(play, userId, position)) }));
      await this.plays.updateListeners(play.id, listeners, listened, lastKnownAt);
    });
  }

  private checkpointAll(): void {
    const now = this.clock.now();
    for (const play of this.open.values()) {
      if (play.restored || play.checkpointPending) continue;
      play.checkpointPending = true;
      const position = this.playback.snapshot(play.guildId)?.current?.positionMs;
      play.lastKnownAt = now;
      play.playedMs = position ?? now.getTime() - play.startedAt.getTime();
      this.writer.push('play checkpoint', async () => {
        play.checkpointPending = false;
        await this.plays.checkpoint(play.id, play.lastKnownAt, play.playedMs);
      });
    }
  }

  private async updateWindow(play: OpenPlay, outcome: PlayOutcome, listeners: string[]): Promise<void> {
    const now = this.clock.now();
    const entries = await this.windows.get(play.guildId);
    const recordable = new Set(listeners);
    const next = upsertWindowEntry(
      entries,
      {
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
      },
      now.getTime(),
    );
    await this.windows.save(play.guildId, next, now);
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

  private toRecord(play: OpenPlay, listeners: string[], endedAt: Date | null): PlayRecord {
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
      endedAt,
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

function heardSoFar(play: OpenPlay, userId: string, position: number): number {
  const since = play.present.get(userId);
  return (play.listened.get(userId) ?? 0) + (since === undefined ? 0 : Math.max(0, position - since));
}

function fromRecord(record: PlayRecord): OpenPlay {
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
