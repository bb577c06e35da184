import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { PickReason, PlaySource } from '@accord/core';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import { LavalinkService } from '../../adapters/lavalink/lavalink.service';
import { isTranscoding } from './audio-settings';
import { PlayerCommandsService } from './player-commands.service';
import type {
  EnqueueResult,
  FilterPreset,
  LoopMode,
  PlayableTrack,
  PlaybackRequester,
  QueueEntry,
  SessionSnapshot,
} from './playback.types';
import { SessionLifecycleService } from './session-lifecycle.service';
import { SessionRestoreService } from './session-restore.service';
import { SessionStore } from './session.store';

/**
 * Every guild's player as the rest of the app sees it: queue, current track, loop, volume,
 * filters, voice channel. The queue is Accord's (not kazagumo's), mirrored to MongoDB on every
 * change so that nothing is lost on a restart. The work is done by the parts this facade reads
 * and calls: `PlayerCommandsService` (queue edits and controls), `PlayerEventsHandler` (what
 * Lavalink and the voice channel report), `SessionStore` (live sessions and their stored copies),
 * `SessionRestoreService` (sessions saved before a restart), `SessionLifecycleService` (join,
 * idle, leave) and `LookAheadService` (resolving the next entry ahead of time).
 */
@Injectable()
export class PlaybackService implements BeforeApplicationShutdown {
  constructor(
    private readonly commands: PlayerCommandsService,
    private readonly store: SessionStore,
    private readonly restore: SessionRestoreService,
    private readonly lifecycle: SessionLifecycleService,
    private readonly lavalink: LavalinkService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Waits, at most `maxMs`, for the sessions saved before a restart to be restored, so that a
   * command sent right after a restart sees the queue that is playing rather than none.
   */
  async whenRestored(maxMs: number): Promise<void> {
    await this.restore.whenRestored(maxMs);
  }

  /** Runs before any connection closes (onApplicationShutdown hooks close MongoDB and Lavalink). */
  async beforeApplicationShutdown(): Promise<void> {
    for (const session of this.store.all()) this.lifecycle.cancelTimers(session);
    await this.store.shutdown();
  }

  // --- reading ---------------------------------------------------------------------------

  snapshot(guildId: string): SessionSnapshot | null {
    const session = this.store.get(guildId);
    if (!session) return null;
    const now = this.clock.now().getTime();
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
            skippedSegments: session.current.skippedSegments ? [...session.current.skippedSegments] : [],
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
    return this.store.get(guildId)?.current?.entry.track ?? null;
  }

  /** Guilds with a live session. */
  activeGuilds(): string[] {
    return this.store.guildIds();
  }

  // --- commands (see PlayerCommandsService) ----------------------------------------------

  async enqueue(
    requester: PlaybackRequester,
    tracks: PlayableTrack[],
    options: { next?: boolean; source?: PlaySource; reason?: string; because?: PickReason } = {},
  ): Promise<EnqueueResult> {
    return this.commands.enqueue(requester, tracks, options);
  }

  async pause(guildId: string): Promise<void> {
    await this.commands.pause(guildId);
  }

  async resume(guildId: string): Promise<void> {
    await this.commands.resume(guildId);
  }

  async skip(guildId: string, byUserId: string): Promise<{ skipped: QueueEntry; next: QueueEntry | null }> {
    return this.commands.skip(guildId, byUserId);
  }

  async stop(guildId: string): Promise<void> {
    await this.commands.stop(guildId);
  }

  async leave(guildId: string): Promise<void> {
    await this.commands.leave(guildId);
  }

  async remove(guildId: string, position: number): Promise<QueueEntry> {
    return this.commands.remove(guildId, position);
  }

  async move(guildId: string, from: number, to: number): Promise<QueueEntry> {
    return this.commands.move(guildId, from, to);
  }

  async shuffle(guildId: string): Promise<number> {
    return this.commands.shuffle(guildId);
  }

  async setLoop(guildId: string, mode: LoopMode): Promise<void> {
    await this.commands.setLoop(guildId, mode);
  }

  async seek(guildId: string, positionMs: number): Promise<void> {
    await this.commands.seek(guildId, positionMs);
  }

  async setVolume(guildId: string, volume: number): Promise<{ transcoding: boolean }> {
    return this.commands.setVolume(guildId, volume);
  }

  async setFilter(guildId: string, preset: FilterPreset | null): Promise<{ transcoding: boolean }> {
    return this.commands.setFilter(guildId, preset);
  }

  async set247(guildId: string, on: boolean): Promise<void> {
    await this.commands.set247(guildId, on);
  }

  async replaceCurrent(guildId: string, track: PlayableTrack): Promise<void> {
    await this.commands.replaceCurrent(guildId, track);
  }

  setNowPlayingMessage(guildId: string, messageId: string | null): void {
    this.commands.setNowPlayingMessage(guildId, messageId);
  }
}
