import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PlaybackError, PlaybackErrorCode, type PickReason, type PlaySource } from '@accord/core';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import { LavalinkService } from '../../adapters/lavalink/lavalink.service';
import { GuildSettingsService } from '../guilds/guild-settings.service';
import { filtersFor, isTranscoding, MAX_USER_VOLUME, toLavalinkVolume } from './audio-settings';
import type { GuildSession } from './guild-session';
import { LookAheadService } from './look-ahead.service';
import {
  MAX_QUEUE_LENGTH,
  type EnqueueResult,
  type FilterPreset,
  type LoopMode,
  type PlayableTrack,
  type PlaybackRequester,
  type QueueEntry,
} from './playback.types';
import { SessionLifecycleService } from './session-lifecycle.service';
import { SessionStore } from './session.store';
import { TrackEventPublisher } from './track-event.publisher';
import { TrackSequencerService } from './track-sequencer.service';

/** What listeners ask of a guild's player (through the transports): queue edits and controls. */
@Injectable()
export class PlayerCommandsService {
  constructor(
    private readonly store: SessionStore,
    private readonly lifecycle: SessionLifecycleService,
    private readonly sequencer: TrackSequencerService,
    private readonly lookAhead: LookAheadService,
    private readonly publisher: TrackEventPublisher,
    private readonly lavalink: LavalinkService,
    private readonly settings: GuildSettingsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Adds tracks to a guild's queue, joining the requester's voice channel first when the bot is
   * not in one, and starts playing when nothing plays.
   */
  async enqueue(
    requester: PlaybackRequester,
    tracks: PlayableTrack[],
    options: { next?: boolean; source?: PlaySource; reason?: string; because?: PickReason } = {},
  ): Promise<EnqueueResult> {
    let session = this.store.get(requester.guildId);
    if (!session) {
      if (!requester.voiceChannelId) {
        throw new PlaybackError(PlaybackErrorCode.NotInVoice, {});
      }
      session = await this.lifecycle.create(requester.guildId, requester.voiceChannelId, requester.textChannelId);
    }
    const room = MAX_QUEUE_LENGTH - session.queue.length;
    if (room <= 0) {
      throw new PlaybackError(PlaybackErrorCode.QueueFull, { max: MAX_QUEUE_LENGTH });
    }
    const accepted = tracks.slice(0, room);
    const added = accepted.map((track) =>
      this.toEntry(track, requester.userId, options.source ?? 'request', options.reason, options.because),
    );
    const firstPosition = options.next ? 1 : session.queue.length + 1;
    session.queue.add(added, { next: options.next });

    try {
      if (!this.lavalink.hasPlayer(session.guildId)) await this.lifecycle.connect(session);
    } catch (error) {
      // Nothing changes when we cannot join: the queue is as it was. A session never joined goes
      // unless another request, waiting on the same join, still has songs in it.
      session.queue.removeIds(added.map((entry) => entry.id));
      const unused = session.node === null && session.queue.length === 0 && !session.current;
      if (unused && this.store.isLive(session)) this.store.remove(session.guildId);
      throw error;
    }
    this.lifecycle.cancelIdleTimer(session);
    const started = await this.sequencer.playIfIdle(session);
    // A change of track under way may have reached these entries itself (the one before failed).
    const startedPlaying = started || added.some((entry) => entry.id === session.current?.entry.id);
    if (!startedPlaying) this.lookAhead.schedule(session);
    // Where the first song stands now (0: playing): a song queued before it, by a request that
    // shared the join, may have started or been taken out meanwhile.
    const first = added[0]?.id;
    const queuedAt = session.queue.list().findIndex((entry) => entry.id === first) + 1;
    const firstAt = first && session.current?.entry.id === first ? 0 : queuedAt > 0 ? queuedAt : null;
    this.store.changed(session, 'queue');
    // The reply says "queued": make that true on disk too.
    await this.store.writtenForReply(session.guildId);
    return {
      added,
      firstPosition: firstAt ?? (startedPlaying ? firstPosition - 1 : firstPosition),
      startedPlaying,
      refused: tracks.length - accepted.length,
    };
  }

  async pause(guildId: string): Promise<void> {
    const session = this.playing(guildId);
    if (session.current!.paused) throw new PlaybackError(PlaybackErrorCode.AlreadyPaused, {});
    // The user's pause now: a listener coming back must not undo it.
    session.autoPaused = false;
    await this.sequencer.setPaused(session, true);
  }

  async resume(guildId: string): Promise<void> {
    const session = this.playing(guildId);
    if (!session.current!.paused) throw new PlaybackError(PlaybackErrorCode.NotPaused, {});
    session.autoPaused = false;
    await this.sequencer.setPaused(session, false);
  }

  async skip(guildId: string, byUserId: string): Promise<{ skipped: QueueEntry; next: QueueEntry | null }> {
    const session = this.playing(guildId);
    const skipped = session.current!.entry;
    this.publisher.endCurrent(session, 'skipped', byUserId);
    // A skip moves on even under loop track; under loop queue the skipped song goes to the back.
    const started = await this.sequencer.playNext(session, skipped, session.loop === 'track' ? 'off' : session.loop);
    if (!started) await this.sequencer.stop(session);
    this.store.changed(session, 'track');
    return { skipped, next: session.current?.entry ?? null };
  }

  /** Clears the queue, stops and leaves the channel. */
  async stop(guildId: string): Promise<void> {
    const session = this.session(guildId);
    session.queue.clear();
    await this.lifecycle.end(session, 'stopped');
  }

  /** Leaves the channel and ends the session. */
  async leave(guildId: string): Promise<void> {
    await this.lifecycle.end(this.session(guildId), 'left');
  }

  async remove(guildId: string, position: number): Promise<QueueEntry> {
    const session = this.session(guildId);
    const removed = session.queue.removeAt(position);
    if (!removed) throw this.outOfRange(session, position);
    this.store.changed(session, 'queue');
    await this.store.writtenForReply(guildId);
    return removed;
  }

  async move(guildId: string, from: number, to: number): Promise<QueueEntry> {
    const session = this.session(guildId);
    const moved = session.queue.move(from, to);
    if (!moved) throw this.outOfRange(session, session.queue.inRange(from) ? to : from);
    this.store.changed(session, 'queue');
    await this.store.writtenForReply(guildId);
    return moved;
  }

  async shuffle(guildId: string): Promise<number> {
    const session = this.session(guildId);
    if (session.queue.length < 2) {
      throw new PlaybackError(PlaybackErrorCode.QueueEmpty, {});
    }
    session.queue.shuffle(Math.random);
    this.store.changed(session, 'queue');
    await this.store.writtenForReply(guildId);
    return session.queue.length;
  }

  async setLoop(guildId: string, mode: LoopMode): Promise<void> {
    const session = this.session(guildId);
    session.loop = mode;
    this.store.changed(session, 'loop');
    await this.store.writtenForReply(guildId);
  }

  async seek(guildId: string, positionMs: number): Promise<void> {
    const session = this.playing(guildId);
    const { track } = session.current!.entry;
    if (!track.isSeekable || track.isStream) {
      throw new PlaybackError(PlaybackErrorCode.NotSeekable, {});
    }
    if (!Number.isFinite(positionMs) || positionMs < 0) {
      throw new PlaybackError(PlaybackErrorCode.InvalidTime, { field: 'position' });
    }
    if (positionMs >= track.durationMs) {
      throw new PlaybackError(PlaybackErrorCode.SeekPastEnd, { durationMs: track.durationMs });
    }
    await this.lavalink.seek(guildId, positionMs);
    session.setPosition(positionMs, this.clock.now().getTime());
    this.store.changed(session, 'seek');
  }

  async setVolume(guildId: string, volume: number): Promise<{ transcoding: boolean }> {
    const session = this.session(guildId);
    if (!Number.isInteger(volume) || volume < 0 || volume > MAX_USER_VOLUME) {
      throw new PlaybackError(PlaybackErrorCode.InvalidTime, { field: 'volume', max: MAX_USER_VOLUME });
    }
    if (this.lavalink.hasPlayer(guildId)) await this.lavalink.setVolume(guildId, toLavalinkVolume(volume));
    session.volume = volume;
    this.store.changed(session, 'volume');
    return { transcoding: isTranscoding(session.volume, session.filter) };
  }

  async setFilter(guildId: string, preset: FilterPreset | null): Promise<{ transcoding: boolean }> {
    const session = this.session(guildId);
    if (preset) {
      const { allowedFilters } = await this.settings.get(guildId);
      if (!allowedFilters.includes(preset)) {
        throw new PlaybackError(PlaybackErrorCode.FilterNotAllowed, { preset, allowed: [...allowedFilters] });
      }
    }
    if (this.lavalink.hasPlayer(guildId)) await this.lavalink.setFilters(guildId, filtersFor(preset));
    // The playhead moved at the old pace until now, at the new one from now on.
    const now = this.clock.now().getTime();
    session.setPosition(session.position(now), now);
    session.filter = preset;
    this.store.changed(session, 'filter');
    return { transcoding: isTranscoding(session.volume, session.filter) };
  }

  /** 24/7: stay in the channel when it empties or the queue ends. Saved as a guild setting. */
  async set247(guildId: string, on: boolean): Promise<void> {
    await this.settings.update(guildId, { twentyFourSeven: on });
    const session = this.store.get(guildId);
    if (!session) return;
    session.twentyFourSeven = on;
    if (on) this.lifecycle.cancelIdleTimer(session);
    else this.lifecycle.startIdleTimer(session);
    this.store.changed(session, 'settings');
  }

  /** Plays another version of the current song from where it is (after /fix re-pins it). */
  async replaceCurrent(guildId: string, track: PlayableTrack): Promise<void> {
    const session = this.playing(guildId);
    const current = session.current!;
    const position = session.position(this.clock.now().getTime());
    const entry: QueueEntry = { ...current.entry, track };
    await this.sequencer.start(session, entry, track.isSeekable ? position : 0, current.paused);
    this.store.changed(session, 'track');
  }

  /** Remembers the now-playing message so it survives restarts. */
  setNowPlayingMessage(guildId: string, messageId: string | null): void {
    const session = this.store.get(guildId);
    if (!session) return;
    session.nowPlayingMessageId = messageId;
    this.store.persist(session);
  }

  private session(guildId: string): GuildSession {
    const session = this.store.get(guildId);
    if (!session) throw new PlaybackError(PlaybackErrorCode.NothingPlaying, { what: 'session' });
    return session;
  }

  private playing(guildId: string): GuildSession {
    const session = this.session(guildId);
    if (!session.current) throw new PlaybackError(PlaybackErrorCode.NothingPlaying, { what: 'track' });
    return session;
  }

  private outOfRange(session: GuildSession, position: number): PlaybackError {
    return new PlaybackError(PlaybackErrorCode.PositionOutOfRange, { position, size: session.queue.length });
  }

  private toEntry(
    track: PlayableTrack,
    requestedBy: string | undefined,
    source: PlaySource,
    reason?: string,
    because?: PickReason,
  ): QueueEntry {
    return {
      id: randomUUID(),
      track,
      requestedBy: source === 'request' ? requestedBy : undefined,
      source,
      reason,
      ...(because ? { because } : {}),
      addedAt: this.clock.now(),
    };
  }
}
