import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type BeforeApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import {
  DomainEvent,
  type ListenersChangedEvent,
  type PlaySource,
  type PlayedTrackRef,
  type QueueLowEvent,
  type TrackEndReason,
  type TrackEndedEvent,
  type TrackStartedEvent,
  PlaybackError,
  PlaybackErrorCode,
} from '@accord/core';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { GuildRepository } from '../guilds/guild.repository';
import { GuildSettingsService } from '../guilds/guild-settings.service';
import { filtersFor, isTranscoding, MAX_USER_VOLUME, toLavalinkVolume } from './audio-settings';
import { GuildSession } from './guild-session';
import {
  LavalinkService,
  type LavalinkEndReason,
  type PlayerEventListener,
} from '../../adapters/lavalink/lavalink.service';
import {
  PlaybackEvent,
  type QueueFinishedEvent,
  type SessionChangedEvent,
  type SessionEndedEvent,
  type TrackFailedEvent,
} from './playback.events';
import {
  MAX_QUEUE_LENGTH,
  type EnqueueResult,
  type FilterPreset,
  type LoopMode,
  type PlayableTrack,
  type PlaybackRequester,
  type QueueEntry,
  type SessionSnapshot,
} from './playback.types';
import { TRACK_RESOLVER, type TrackResolverPort } from '../catalog/track-resolver.port';
import { VoicePresenceService } from '../../adapters/discord-client/voice-presence.service';

/** The playhead is written at most this often (every change of track, queue or state is written at once). */
const POSITION_SAVE_INTERVAL_MS = 5_000;
/**
 * A reply that changes the queue waits for the session to be saved, but no longer than this: while
 * MongoDB is away the save fails slowly, and Discord drops an interaction not answered within 3 s.
 */
const REPLY_WRITE_WAIT_MS = 1_500;
/** A session save that failed (MongoDB away) is tried again this often until it lands. */
const PERSIST_RETRY_MS = 2_000;
/** Commands wait for the restore of saved sessions at most this long after the start. */
const RESTORE_WAIT_LIMIT_MS = 30_000;
/** Autoplay is asked for more when fewer entries than this follow the current one. */
const QUEUE_LOW_THRESHOLD = 2;

/**
 * Every guild's player: queue, current track, loop, volume, filters, voice channel. The queue is
 * Accord's (not kazagumo's), mirrored to MongoDB on every change so that nothing is lost on a
 * restart; Lavalink is driven through `LavalinkService` and its events come back here.
 */
@Injectable()
export class PlaybackService implements OnModuleInit, BeforeApplicationShutdown, PlayerEventListener {
  private readonly logger = new Logger(PlaybackService.name);
  private readonly sessions = new Map<string, GuildSession>();
  private readonly writes = new Map<string, { running: Promise<void>; again: boolean }>();
  private readonly persistRetries = new Map<string, NodeJS.Timeout>();
  /** Stored sessions of ended sessions still being cleared (see `clearStored`). */
  private readonly clearing = new Map<string, Promise<void>>();
  /** Leaves still tearing the player down; a new session in that guild waits for them. */
  private readonly leaving = new Map<string, Promise<void>>();
  private restored = false;
  /** Settles once the sessions saved before a restart are back, or after `RESTORE_WAIT_LIMIT_MS`. */
  private restoreSettled = false;
  private settleRestore: () => void = () => undefined;
  private readonly restoring = new Promise<void>((resolve) => {
    this.settleRestore = () => {
      this.restoreSettled = true;
      resolve();
    };
  });
  private shuttingDown = false;

  constructor(
    private readonly lavalink: LavalinkService,
    private readonly guilds: GuildRepository,
    private readonly settings: GuildSettingsService,
    private readonly presence: VoicePresenceService,
    private readonly events: EventEmitter2,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(TRACK_RESOLVER) private readonly resolver?: TrackResolverPort,
  ) {}

  onModuleInit(): void {
    this.lavalink.setListener(this);
    // With no Lavalink node to restore on, commands stop waiting for the restore after a while.
    setTimeout(() => this.settleRestore(), RESTORE_WAIT_LIMIT_MS).unref();
  }

  /**
   * Waits, at most `maxMs`, for the sessions saved before a restart to be restored, so that a
   * command sent right after a restart sees the queue that is playing rather than none.
   */
  async whenRestored(maxMs: number): Promise<void> {
    if (this.restoreSettled) return;
    await settledWithin(this.restoring, maxMs);
  }

  /** Runs before any connection closes (onApplicationShutdown hooks close MongoDB and Lavalink). */
  async beforeApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    for (const timer of this.persistRetries.values()) clearTimeout(timer);
    this.persistRetries.clear();
    // Persist every session as it stands: a restart continues from here (Lavalink keeps playing).
    await Promise.all(
      [...this.sessions.values()].map(async (session) => {
        clearTimeout(session.idleTimer);
        clearTimeout(session.lookAheadTimer);
        await this.whenWritten(session.guildId);
        await this.persistNow(session).catch((error: unknown) =>
          this.logger.error(`Could not save the session of guild ${session.guildId} at shutdown: ${String(error)}`),
        );
      }),
    );
    // Sessions that ended while MongoDB was away get one last try at clearing their stored copy.
    await Promise.all(this.clearing.values());
  }

  // --- reading ---------------------------------------------------------------------------

  snapshot(guildId: string): SessionSnapshot | null {
    const session = this.sessions.get(guildId);
    if (!session) return null;
    const now = Date.now();
    return {
      guildId,
      voiceChannelId: session.voiceChannelId,
      textChannelId: session.textChannelId,
      current: session.current
        ? {
            entry: session.current.entry,
            positionMs: Math.round(session.position(now)),
            paused: session.current.paused,
            startedAt: session.current.startedAt,
          }
        : null,
      queue: session.queue.list(),
      loop: session.loop,
      volume: session.volume,
      filter: session.filter,
      twentyFourSeven: session.twentyFourSeven,
      listeners: [...session.listeners],
      transcoding: isTranscoding(session.volume, session.filter),
      node: this.lavalink.playerNode(guildId),
    };
  }

  /** The track playing now in a guild (for /fix), or null. */
  current(guildId: string): PlayableTrack | null {
    return this.sessions.get(guildId)?.current?.entry.track ?? null;
  }

  /** Guilds with a live session. */
  activeGuilds(): string[] {
    return [...this.sessions.keys()];
  }

  // --- commands --------------------------------------------------------------------------

  /**
   * Adds tracks to a guild's queue, joining the requester's voice channel first when the bot is
   * not in one, and starts playing when nothing plays.
   */
  async enqueue(
    requester: PlaybackRequester,
    tracks: PlayableTrack[],
    options: { next?: boolean; source?: PlaySource; reason?: string } = {},
  ): Promise<EnqueueResult> {
    let session = this.sessions.get(requester.guildId);
    const created = !session;
    if (!session) {
      if (!requester.voiceChannelId) {
        throw new PlaybackError(PlaybackErrorCode.NotInVoice, 'Join a voice channel first, then ask me again.');
      }
      session = await this.createSession(requester.guildId, requester.voiceChannelId, requester.textChannelId);
    }
    const room = MAX_QUEUE_LENGTH - session.queue.length;
    if (room <= 0) {
      throw new PlaybackError(
        PlaybackErrorCode.QueueFull,
        `The queue is full (${MAX_QUEUE_LENGTH} tracks). Remove some or wait for it to play down.`,
      );
    }
    const accepted = tracks.slice(0, room);
    const added = accepted.map((track) =>
      this.toEntry(track, requester.userId, options.source ?? 'request', options.reason),
    );
    const firstPosition = options.next ? 1 : session.queue.length + 1;
    session.queue.add(added, { next: options.next });

    try {
      if (!this.lavalink.hasPlayer(session.guildId)) await this.connect(session);
    } catch (error) {
      // Nothing changes when we cannot join: the queue is as it was.
      if (created) this.sessions.delete(session.guildId);
      else session.queue.removeIds(added.map((entry) => entry.id));
      throw error;
    }
    clearTimeout(session.idleTimer);
    let startedPlaying = false;
    if (!session.current) startedPlaying = await this.playNext(session, null);
    else this.scheduleLookAhead(session);
    this.changed(session, 'queue');
    // The reply says "queued": make that true on disk too.
    await this.writtenForReply(session.guildId);
    return {
      added,
      firstPosition: startedPlaying ? firstPosition - 1 : firstPosition,
      startedPlaying,
      refused: tracks.length - accepted.length,
    };
  }

  async pause(guildId: string): Promise<void> {
    const session = this.playing(guildId);
    if (session.current!.paused)
      throw new PlaybackError(PlaybackErrorCode.AlreadyPaused, 'It is already paused. Use /resume.');
    await this.setPausedState(session, true);
  }

  async resume(guildId: string): Promise<void> {
    const session = this.playing(guildId);
    if (!session.current!.paused) throw new PlaybackError(PlaybackErrorCode.NotPaused, 'It is not paused.');
    session.autoPaused = false;
    await this.setPausedState(session, false);
  }

  async skip(guildId: string, byUserId: string): Promise<{ skipped: QueueEntry; next: QueueEntry | null }> {
    const session = this.playing(guildId);
    const skipped = session.current!.entry;
    this.endCurrent(session, 'skipped', byUserId);
    // A skip moves on even under loop track; under loop queue the skipped song goes to the back.
    const started = await this.playNext(session, skipped, session.loop === 'track' ? 'off' : session.loop);
    if (!started) await this.stopPlayer(session);
    this.changed(session, 'track');
    return { skipped, next: session.current?.entry ?? null };
  }

  /** Clears the queue, stops and leaves the channel. */
  async stop(guildId: string): Promise<void> {
    const session = this.session(guildId);
    session.queue.clear();
    await this.endSession(session, 'stopped');
  }

  /** Leaves the channel and ends the session. */
  async leave(guildId: string): Promise<void> {
    await this.endSession(this.session(guildId), 'left');
  }

  async remove(guildId: string, position: number): Promise<QueueEntry> {
    const session = this.session(guildId);
    const removed = session.queue.removeAt(position);
    if (!removed) throw this.outOfRange(session, position);
    this.changed(session, 'queue');
    await this.writtenForReply(guildId);
    return removed;
  }

  async move(guildId: string, from: number, to: number): Promise<QueueEntry> {
    const session = this.session(guildId);
    const moved = session.queue.move(from, to);
    if (!moved) throw this.outOfRange(session, session.queue.inRange(from) ? to : from);
    this.changed(session, 'queue');
    await this.writtenForReply(guildId);
    return moved;
  }

  async shuffle(guildId: string): Promise<number> {
    const session = this.session(guildId);
    if (session.queue.length < 2) {
      throw new PlaybackError(
        PlaybackErrorCode.QueueEmpty,
        'There is nothing to shuffle: fewer than two songs are queued.',
      );
    }
    session.queue.shuffle(Math.random);
    this.changed(session, 'queue');
    await this.writtenForReply(guildId);
    return session.queue.length;
  }

  async setLoop(guildId: string, mode: LoopMode): Promise<void> {
    const session = this.session(guildId);
    session.loop = mode;
    this.changed(session, 'loop');
    await this.writtenForReply(guildId);
  }

  async seek(guildId: string, positionMs: number): Promise<void> {
    const session = this.playing(guildId);
    const { track } = session.current!.entry;
    if (!track.isSeekable || track.isStream) {
      throw new PlaybackError(PlaybackErrorCode.NotSeekable, 'This track cannot be seeked (a livestream?).');
    }
    if (!Number.isFinite(positionMs) || positionMs < 0) {
      throw new PlaybackError(PlaybackErrorCode.InvalidTime, 'That time is not valid. Try `1:23`, `83` or `+10`.');
    }
    if (positionMs >= track.durationMs) {
      throw new PlaybackError(
        PlaybackErrorCode.SeekPastEnd,
        `This song is only ${formatDuration(track.durationMs)} long. Use /skip to move on.`,
      );
    }
    await this.lavalink.seek(guildId, positionMs);
    session.setPosition(positionMs, Date.now());
    this.changed(session, 'seek');
  }

  async setVolume(guildId: string, volume: number): Promise<{ transcoding: boolean }> {
    const session = this.session(guildId);
    if (!Number.isInteger(volume) || volume < 0 || volume > MAX_USER_VOLUME) {
      throw new PlaybackError(
        PlaybackErrorCode.InvalidTime,
        `Volume goes from 0 to ${MAX_USER_VOLUME} (100 is as published).`,
      );
    }
    if (this.lavalink.hasPlayer(guildId)) await this.lavalink.setVolume(guildId, toLavalinkVolume(volume));
    session.volume = volume;
    this.changed(session, 'volume');
    return { transcoding: isTranscoding(session.volume, session.filter) };
  }

  async setFilter(guildId: string, preset: FilterPreset | null): Promise<{ transcoding: boolean }> {
    const session = this.session(guildId);
    if (preset) {
      const { allowedFilters } = await this.settings.get(guildId);
      if (!allowedFilters.includes(preset)) {
        throw new PlaybackError(
          PlaybackErrorCode.FilterNotAllowed,
          `The ${preset} filter is switched off on this server. Allowed: ${allowedFilters.join(', ') || 'none'}.`,
        );
      }
    }
    if (this.lavalink.hasPlayer(guildId)) await this.lavalink.setFilters(guildId, filtersFor(preset));
    session.filter = preset;
    this.changed(session, 'filter');
    return { transcoding: isTranscoding(session.volume, session.filter) };
  }

  /** 24/7: stay in the channel when it empties or the queue ends. Saved as a guild setting. */
  async set247(guildId: string, on: boolean): Promise<void> {
    await this.settings.update(guildId, { twentyFourSeven: on });
    const session = this.sessions.get(guildId);
    if (!session) return;
    session.twentyFourSeven = on;
    if (on) clearTimeout(session.idleTimer);
    else this.maybeStartIdleTimer(session);
    this.changed(session, 'settings');
  }

  /** Plays another version of the current song from where it is (after /fix re-pins it). */
  async replaceCurrent(guildId: string, track: PlayableTrack): Promise<void> {
    const session = this.playing(guildId);
    const current = session.current!;
    const position = session.position(Date.now());
    const entry: QueueEntry = { ...current.entry, track };
    await this.startEntry(session, entry, track.isSeekable ? position : 0, current.paused);
    this.changed(session, 'track');
  }

  /** Remembers the now-playing message so it survives restarts. */
  setNowPlayingMessage(guildId: string, messageId: string | null): void {
    const session = this.sessions.get(guildId);
    if (!session) return;
    session.nowPlayingMessageId = messageId;
    this.persist(session);
  }

  // --- Lavalink events -------------------------------------------------------------------

  onTrackStart(guildId: string): void {
    const session = this.sessions.get(guildId);
    if (!session?.current) return;
    session.current.started = true;
    session.setPosition(session.current.positionMs, Date.now());
    const { entry } = session.current;
    const event: TrackStartedEvent = {
      guildId,
      track: this.trackRef(entry.track),
      source: entry.source,
      requestedBy: entry.requestedBy,
      listeners: [...session.listeners],
      reason: entry.reason,
      at: new Date(),
    };
    this.events.emit(DomainEvent.TrackStarted, event);
    if (session.queue.length < QUEUE_LOW_THRESHOLD) {
      const low: QueueLowEvent = { guildId, remaining: session.queue.length, at: new Date() };
      this.events.emit(DomainEvent.QueueLow, low);
    }
    this.scheduleLookAhead(session);
    this.changed(session, 'track');
  }

  onTrackEnd(guildId: string, reason: LavalinkEndReason): void {
    const session = this.sessions.get(guildId);
    if (!session?.current) return;
    // Ends we caused (skip, stop, a replacing play) were handled where we caused them.
    if (reason === 'replaced') return;
    if (reason === 'stopped' && session.expectedEnd) return;
    const finished = session.current.entry;
    void this.afterNaturalEnd(session, finished, reason).catch((error: unknown) =>
      this.logger.error(`Could not continue the queue of guild ${guildId}: ${String(error)}`),
    );
  }

  onTrackException(guildId: string, message: string): void {
    // Lavalink follows an exception with TrackEnd(loadFailed), which moves the queue on.
    this.logger.warn(`Track error in guild ${guildId}: ${message}`);
  }

  onTrackStuck(guildId: string): void {
    const session = this.sessions.get(guildId);
    if (!session?.current) return;
    this.logger.warn(`Track stuck in guild ${guildId}: skipping`);
    const failed = session.current.entry;
    this.endCurrent(session, 'replaced');
    this.failed(session, failed, 'the track got stuck');
    void this.playNext(session, null)
      .then((started) => (started ? undefined : this.stopPlayer(session)))
      .catch(() => undefined);
  }

  onVoiceClosed(guildId: string, code: number): void {
    const session = this.sessions.get(guildId);
    if (!session) return;
    // 4014: disconnected from voice (kicked, or the channel was deleted); a move shows up as a
    // voice state with another channel, which the presence watcher reports.
    if (code === 4014) {
      setTimeout(() => {
        if (this.sessions.get(guildId) !== session) return;
        const channel = this.presence.botChannel(guildId);
        if (!channel) void this.endSession(session, 'kicked').catch(() => undefined);
      }, 1_000).unref();
    }
  }

  onPosition(guildId: string, positionMs: number): void {
    const session = this.sessions.get(guildId);
    if (!session?.current) return;
    const now = Date.now();
    session.setPosition(positionMs, now);
    if (now - session.lastPositionSave >= POSITION_SAVE_INTERVAL_MS) {
      session.lastPositionSave = now;
      void this.guilds.saveSessionPosition(guildId, Math.round(positionMs), new Date(now)).catch(() => undefined);
    }
  }

  positionOf(guildId: string): number | undefined {
    const session = this.sessions.get(guildId);
    return session?.current ? Math.round(session.position(Date.now())) : undefined;
  }

  onNodeReady(node: string, resumed: boolean): void {
    if (this.restored) return;
    this.restored = true;
    void this.restoreSessions(node, resumed)
      .catch((error: unknown) => this.logger.error(`Restoring sessions failed: ${String(error)}`))
      .finally(() => this.settleRestore());
  }

  onPlayersStranded(guildIds: string[]): void {
    for (const guildId of guildIds) {
      this.logger.warn(`Guild ${guildId}: no Lavalink node to move to; the queue is kept until one returns`);
    }
  }

  // --- voice presence --------------------------------------------------------------------

  @OnEvent(DomainEvent.ListenersChanged)
  async onListenersChanged(event: ListenersChangedEvent): Promise<void> {
    const session = this.sessions.get(event.guildId);
    if (!session) return;
    if (event.channelId && event.channelId !== session.voiceChannelId) session.voiceChannelId = event.channelId;
    session.listeners = event.listeners;
    if (event.listeners.length === 0) {
      if (session.current && !session.current.paused) {
        session.autoPaused = true;
        await this.setPausedState(session, true).catch(() => undefined);
      }
      this.maybeStartIdleTimer(session);
    } else {
      clearTimeout(session.idleTimer);
      if (session.autoPaused && session.current?.paused) {
        session.autoPaused = false;
        await this.setPausedState(session, false).catch(() => undefined);
      }
    }
    this.changed(session, 'listeners');
  }

  // --- internals -------------------------------------------------------------------------

  private session(guildId: string): GuildSession {
    const session = this.sessions.get(guildId);
    if (!session)
      throw new PlaybackError(PlaybackErrorCode.NothingPlaying, 'Nothing is playing here. Start with /play.');
    return session;
  }

  private playing(guildId: string): GuildSession {
    const session = this.session(guildId);
    if (!session.current) throw new PlaybackError(PlaybackErrorCode.NothingPlaying, 'Nothing is playing right now.');
    return session;
  }

  private outOfRange(session: GuildSession, position: number): PlaybackError {
    const size = session.queue.length;
    return new PlaybackError(
      PlaybackErrorCode.PositionOutOfRange,
      size === 0
        ? 'The queue is empty.'
        : `There is no song at position ${position}: the queue has ${size} song${size === 1 ? '' : 's'} (1-${size}).`,
    );
  }

  private async createSession(guildId: string, voiceChannelId: string, textChannelId: string): Promise<GuildSession> {
    const settings = await this.settings.get(guildId);
    const session = new GuildSession(guildId, voiceChannelId, settings.announceChannelId ?? textChannelId);
    session.volume = settings.defaultVolume;
    session.twentyFourSeven = settings.twentyFourSeven;
    this.sessions.set(guildId, session);
    return session;
  }

  private async connect(session: GuildSession, node?: string): Promise<void> {
    await this.leaving.get(session.guildId);
    session.node = await this.lavalink.join({
      guildId: session.guildId,
      voiceChannelId: session.voiceChannelId,
      textChannelId: session.textChannelId,
      node,
    });
    session.listeners = this.presence.track(session.guildId, session.voiceChannelId);
  }

  private toEntry(
    track: PlayableTrack,
    requestedBy: string | undefined,
    source: PlaySource,
    reason?: string,
  ): QueueEntry {
    return {
      id: randomUUID(),
      track,
      requestedBy: source === 'request' ? requestedBy : undefined,
      source,
      reason,
      addedAt: new Date(),
    };
  }

  /**
   * Plays what comes after `finished`, skipping entries that cannot be resolved. Returns false
   * when the queue ran out.
   */
  private async playNext(
    session: GuildSession,
    finished: QueueEntry | null,
    loop: LoopMode = session.loop,
  ): Promise<boolean> {
    let entry = session.queue.next(finished, loop);
    while (entry) {
      const playable = await this.ensurePlayable(session, entry);
      if (playable) {
        await this.startEntry(session, playable, 0, false);
        return true;
      }
      entry = session.queue.next(null, 'off');
    }
    session.current = null;
    const event: QueueFinishedEvent = { guildId: session.guildId, textChannelId: session.textChannelId };
    this.events.emit(PlaybackEvent.QueueFinished, event);
    this.maybeStartIdleTimer(session);
    this.persist(session);
    return false;
  }

  private async ensurePlayable(session: GuildSession, entry: QueueEntry): Promise<QueueEntry | null> {
    if (entry.track.encoded) return entry;
    const resolved = this.resolver ? await this.resolver.resolveForPlayback(entry.track).catch(() => null) : null;
    if (resolved?.encoded)
      return { ...entry, track: { ...resolved, trackKey: resolved.trackKey ?? entry.track.trackKey } };
    this.failed(session, entry, 'no playable version was found');
    return null;
  }

  private async startEntry(session: GuildSession, entry: QueueEntry, startMs: number, paused: boolean): Promise<void> {
    const replacing = session.current !== null;
    if (replacing && !session.expectedEnd) session.expectedEnd = { reason: 'replaced' };
    session.current = {
      entry,
      startedAt: new Date(),
      positionMs: startMs,
      positionAt: Date.now(),
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
    this.persist(session);
  }

  private endCurrent(session: GuildSession, reason: 'skipped' | 'stopped' | 'replaced', by?: string): void {
    const current = session.current;
    if (!current) return;
    session.expectedEnd = { reason, by };
    this.emitEnded(session, reason === 'replaced' ? 'error' : reason, by);
  }

  private emitEnded(session: GuildSession, reason: TrackEndReason, skippedBy?: string): void {
    const current = session.current;
    if (!current) return;
    const event: TrackEndedEvent = {
      guildId: session.guildId,
      track: this.trackRef(current.entry.track),
      reason,
      playedMs: Math.round(session.position(Date.now())),
      skippedBy,
      at: new Date(),
    };
    this.events.emit(DomainEvent.TrackEnded, event);
  }

  private async afterNaturalEnd(session: GuildSession, finished: QueueEntry, reason: LavalinkEndReason): Promise<void> {
    if (reason === 'finished') {
      this.emitEnded(session, 'finished');
      if (!(await this.playNext(session, finished))) this.changed(session, 'track');
      return;
    }
    if (reason === 'loadFailed') {
      this.emitEnded(session, 'error');
      const repinned = this.resolver
        ? await this.resolver.reportLoadFailure(finished.track, 'load failed').catch(() => null)
        : null;
      if (repinned?.encoded && repinned.encoded !== finished.track.encoded) {
        await this.startEntry(session, { ...finished, track: repinned }, 0, false);
        return;
      }
      this.failed(session, finished, 'it could not be loaded');
      if (!(await this.playNext(session, null))) this.changed(session, 'track');
      return;
    }
    // stopped or cleanup without us asking: Lavalink dropped the player's track.
    this.emitEnded(session, 'stopped');
    session.current = null;
    this.maybeStartIdleTimer(session);
    this.changed(session, 'track');
  }

  private failed(session: GuildSession, entry: QueueEntry, why: string): void {
    const event: TrackFailedEvent = {
      guildId: session.guildId,
      textChannelId: session.textChannelId,
      entry,
      message: `Skipped **${entry.track.title}**: ${why}.`,
    };
    this.events.emit(PlaybackEvent.TrackFailed, event);
  }

  private async stopPlayer(session: GuildSession): Promise<void> {
    session.expectedEnd = session.expectedEnd ?? { reason: 'stopped' };
    if (this.lavalink.hasPlayer(session.guildId)) await this.lavalink.stop(session.guildId).catch(() => undefined);
    session.current = null;
    this.maybeStartIdleTimer(session);
    this.persist(session);
  }

  private async setPausedState(session: GuildSession, paused: boolean): Promise<void> {
    if (!session.current) return;
    await this.lavalink.setPaused(session.guildId, paused);
    const now = Date.now();
    session.setPosition(session.position(now), now);
    session.current.paused = paused;
    this.changed(session, 'pause');
  }

  private async endSession(session: GuildSession, reason: SessionEndedEvent['reason']): Promise<void> {
    session.ended = true;
    clearTimeout(session.idleTimer);
    clearTimeout(session.lookAheadTimer);
    if (session.current) this.endCurrent(session, 'stopped');
    this.sessions.delete(session.guildId);
    this.presence.forget(session.guildId);
    const leaving = this.lavalink.leave(session.guildId).finally(() => {
      if (this.leaving.get(session.guildId) === leaving) this.leaving.delete(session.guildId);
    });
    this.leaving.set(session.guildId, leaving);
    await leaving;
    // The stored session is cleared before the answer when the database is there; while it is
    // away the clear goes on in the background, so a stop is never held up or undone by an outage.
    await this.withinReplyWait(this.clearStored(session.guildId));
    const event: SessionEndedEvent = { guildId: session.guildId, textChannelId: session.textChannelId, reason };
    this.events.emit(PlaybackEvent.SessionEnded, event);
  }

  /** Leaves after the guild's idle timeout when nobody listens or nothing plays, unless 24/7. */
  private maybeStartIdleTimer(session: GuildSession): void {
    clearTimeout(session.idleTimer);
    if (session.twentyFourSeven || this.shuttingDown) return;
    const idle = session.listeners.length === 0 || !session.current;
    if (!idle) return;
    void this.settings.get(session.guildId).then(({ idleTimeoutS }) => {
      if (this.sessions.get(session.guildId) !== session) return;
      clearTimeout(session.idleTimer);
      session.idleTimer = setTimeout(() => {
        if (this.sessions.get(session.guildId) !== session) return;
        if (session.listeners.length === 0 || !session.current)
          void this.endSession(session, 'idle').catch(() => undefined);
      }, idleTimeoutS * 1000);
      session.idleTimer.unref();
    });
  }

  /**
   * Resolves the next entry ahead of time so the change of track costs no search. It runs
   * `PLAYBACK_LOOKAHEAD_S` before the current track ends (at once when the track is shorter), so
   * on a CPU-tight Lavalink host searches are spread out rather than bunched at track starts.
   * 0 turns it off: the next entry is then searched when it is due.
   */
  private scheduleLookAhead(session: GuildSession): void {
    clearTimeout(session.lookAheadTimer);
    const next = session.queue.peek();
    const leadS = this.config.playback.lookAheadS;
    if (leadS === 0 || !next || next.track.encoded || !this.resolver || !session.current) return;
    const { track } = session.current.entry;
    const remaining = track.isStream ? 0 : track.durationMs - session.position(Date.now());
    const delay = Math.max(0, remaining - leadS * 1000);
    session.lookAheadTimer = setTimeout(() => void this.resolveAhead(session, next.id), delay);
    session.lookAheadTimer.unref();
  }

  private async resolveAhead(session: GuildSession, entryId: string): Promise<void> {
    const entry = session.queue.list().find((candidate) => candidate.id === entryId);
    if (!entry || entry.track.encoded || !this.resolver) return;
    const resolved = await this.resolver.resolveForPlayback(entry.track).catch(() => null);
    if (!resolved?.encoded) return; // tried again when it is due
    session.queue.update({ ...entry, track: { ...resolved, trackKey: resolved.trackKey ?? entry.track.trackKey } });
    this.persist(session);
  }

  private async restoreSessions(readyNode: string, resumed: boolean): Promise<void> {
    const stored = await this.guilds.findActiveSessions();
    for (const { guildId, session: persisted } of stored) {
      if (this.sessions.has(guildId)) continue;
      const session = GuildSession.fromPersisted(guildId, persisted);
      session.twentyFourSeven = (await this.settings.get(guildId)).twentyFourSeven;
      if (this.sessions.has(guildId)) continue; // a /play got there first
      this.sessions.set(guildId, session);
      try {
        await this.restoreSession(session, persisted.current, readyNode, resumed);
      } catch (error) {
        this.logger.error(`Could not restore the session of guild ${guildId}: ${String(error)}`);
      }
    }
  }

  private async restoreSession(
    session: GuildSession,
    current: { entry: QueueEntry; positionMs: number; paused: boolean; startedAt: Date } | null,
    readyNode: string,
    resumed: boolean,
  ): Promise<void> {
    const remote =
      resumed && session.node === readyNode ? await this.lavalink.remoteState(session.guildId, readyNode) : null;
    await this.connect(session, remote ? readyNode : undefined);
    if (!current) {
      this.maybeStartIdleTimer(session);
      this.changed(session, 'track');
      return;
    }
    if (remote && remote.encoded === current.entry.track.encoded) {
      // Lavalink kept playing while we were away: adopt its state, send nothing that would stop it.
      this.lavalink.adoptRemoteState(session.guildId, remote);
      session.current = {
        entry: current.entry,
        startedAt: current.startedAt,
        positionMs: remote.positionMs,
        positionAt: Date.now(),
        paused: remote.paused,
        started: true,
      };
      this.logger.log(`Guild ${session.guildId}: resumed with Lavalink still playing`);
    } else {
      if (this.lavalink.isAvailable() && session.volume !== 100) {
        await this.lavalink.setVolume(session.guildId, toLavalinkVolume(session.volume)).catch(() => undefined);
      }
      if (session.filter)
        await this.lavalink.setFilters(session.guildId, filtersFor(session.filter)).catch(() => undefined);
      await this.startEntry(session, current.entry, current.positionMs, current.paused);
      this.logger.log(`Guild ${session.guildId}: rejoined and continued at ${formatDuration(current.positionMs)}`);
    }
    this.scheduleLookAhead(session);
    this.changed(session, 'track');
  }

  private trackRef(track: PlayableTrack): PlayedTrackRef {
    return {
      trackKey: track.trackKey,
      youtubeId: track.identifier,
      title: track.title,
      author: track.author,
      durationMs: track.durationMs,
    };
  }

  /** Announces a change to presenters and mirrors the session to MongoDB. */
  private changed(session: GuildSession, change: SessionChangedEvent['change']): void {
    if (this.sessions.get(session.guildId) !== session) return;
    const event: SessionChangedEvent = { guildId: session.guildId, textChannelId: session.textChannelId, change };
    this.events.emit(PlaybackEvent.SessionChanged, event);
    this.persist(session);
  }

  /**
   * Writes the session, coalescing bursts: one write at a time per guild, and one more after it
   * when something changed meanwhile, so the stored session always ends up as the latest state.
   */
  private persist(session: GuildSession): void {
    if (this.sessions.get(session.guildId) !== session) return;
    const pending = this.writes.get(session.guildId);
    if (pending) {
      pending.again = true;
      return;
    }
    const state = { running: Promise.resolve(), again: false };
    state.running = (async () => {
      do {
        state.again = false;
        await this.persistNow(session).catch((error: unknown) => {
          this.logger.error(`Could not save the session of guild ${session.guildId}: ${String(error)}`);
          this.persistLater(session);
        });
      } while (state.again && this.sessions.get(session.guildId) === session);
      this.writes.delete(session.guildId);
    })();
    this.writes.set(session.guildId, state);
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
    await this.guilds.saveSession(session.guildId, session.toPersisted(Date.now()));
  }

  private async whenWritten(guildId: string): Promise<void> {
    await this.writes.get(guildId)?.running;
  }

  private async writtenForReply(guildId: string): Promise<void> {
    await this.withinReplyWait(this.whenWritten(guildId));
  }

  private async withinReplyWait(work: Promise<void>): Promise<void> {
    await settledWithin(work, REPLY_WRITE_WAIT_MS);
  }

  /**
   * Clears the stored session of an ended one, trying again while MongoDB is away, so a stopped
   * queue never comes back at the next start. Gives up only when a new session started in that
   * guild (its own saves replace the stored one) or the bot stops.
   */
  private clearStored(guildId: string): Promise<void> {
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
}

/** Waits for `work`, but no longer than `maxMs` (the work goes on either way). */
async function settledWithin(work: Promise<void>, maxMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, maxMs)));
  try {
    await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

function formatDuration(ms: number): string {
  const total = Math.floor(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
