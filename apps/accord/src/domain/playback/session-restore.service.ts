import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import { LavalinkService } from '../../adapters/lavalink/lavalink.service';
import type { RemotePlayerState } from '../../adapters/lavalink/lavalink.types';
import type { PlayableTrack } from '@accord/core';
import { GuildSettingsService } from '../guilds/guild-settings.service';
import type { PersistedSession } from '../guilds/guild-session.types';
import { filtersFor, toLavalinkVolume } from './audio-settings';
import { GuildSession } from './guild-session';
import { LookAheadService } from './look-ahead.service';
import { settledWithin } from './playback-time';
import { formatDuration } from '../../shared/duration';
import { SessionLifecycleService } from './session-lifecycle.service';
import { SessionStore } from './session.store';
import { TrackSequencerService } from './track-sequencer.service';

/** Commands wait for the restore of saved sessions at most this long after the start. */
const RESTORE_WAIT_LIMIT_MS = 30_000;
/** At shutdown, the guild being restored gets at most this long to finish; the others are left saved. */
const SHUTDOWN_WAIT_MS = 2_000;

/**
 * Brings back the sessions saved before a restart, once, when the first Lavalink node is ready:
 * adopting what Lavalink kept playing when it resumed our session, else rejoining and playing
 * from the saved position. A guild where a new /play got there first keeps its new session.
 */
@Injectable()
export class SessionRestoreService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SessionRestoreService.name);
  private restored = false;
  private stopping = false;
  private run: Promise<void> | undefined;
  /** Settles once the sessions saved before a restart are back, or after `RESTORE_WAIT_LIMIT_MS`. */
  private restoreSettled = false;
  private settleRestore: () => void = () => undefined;
  private readonly restoring = new Promise<void>((resolve) => {
    this.settleRestore = () => {
      this.restoreSettled = true;
      resolve();
    };
  });

  constructor(
    private readonly store: SessionStore,
    private readonly lifecycle: SessionLifecycleService,
    private readonly sequencer: TrackSequencerService,
    private readonly lookAhead: LookAheadService,
    private readonly lavalink: LavalinkService,
    private readonly settings: GuildSettingsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // With no Lavalink node to restore on, commands stop waiting for the restore after a while.
    setTimeout(() => this.settleRestore(), RESTORE_WAIT_LIMIT_MS).unref();
  }

  /** Restores no further guild, and lets the one under way finish (at most `SHUTDOWN_WAIT_MS`). */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.run) await settledWithin(this.run, SHUTDOWN_WAIT_MS);
  }

  /**
   * Waits, at most `maxMs`, for the sessions saved before a restart to be restored, so that a
   * command sent right after a restart sees the queue that is playing rather than none.
   */
  async whenRestored(maxMs: number): Promise<void> {
    if (this.restoreSettled) return;
    await settledWithin(this.restoring, maxMs);
  }

  /** A node is ready: restores the saved sessions the first time (later nodes find them live). */
  onNodeReady(node: string, resumed: boolean): void {
    if (this.restored) return;
    this.restored = true;
    this.run = this.restoreSessions(node, resumed)
      .catch((error: unknown) => {
        if (!this.stopping) this.logger.error(`Restoring sessions failed: ${String(error)}`);
      })
      .finally(() => this.settleRestore());
  }

  private async restoreSessions(readyNode: string, resumed: boolean): Promise<void> {
    const stored = await this.store.findStored();
    for (const { guildId, session: persisted } of stored) {
      if (this.stopping) return;
      if (this.store.has(guildId)) continue;
      const session = GuildSession.fromPersisted(guildId, persisted);
      session.twentyFourSeven = (await this.settings.get(guildId)).twentyFourSeven;
      if (this.store.has(guildId)) continue; // a /play got there first
      this.store.add(session);
      try {
        await this.restoreSession(session, persisted.current, readyNode, resumed);
      } catch (error) {
        if (this.stopping) return;
        this.logger.error(`Could not restore the session of guild ${guildId}: ${String(error)}`);
      }
    }
  }

  private async restoreSession(
    session: GuildSession,
    current: PersistedSession['current'],
    readyNode: string,
    resumed: boolean,
  ): Promise<void> {
    const remote =
      resumed && session.node === readyNode ? await this.lavalink.remoteState(session.guildId, readyNode) : null;
    await this.lifecycle.connect(session, remote ? readyNode : undefined);
    if (!current) {
      this.lifecycle.startIdleTimer(session);
      this.store.changed(session, 'track');
      return;
    }
    if (remote && samePlaying(remote, current.entry.track)) {
      // Lavalink kept playing while we were away: adopt its state, send nothing that would stop it.
      this.lavalink.adoptRemoteState(session.guildId, remote);
      session.current = {
        entry: current.entry,
        startedAt: current.startedAt,
        positionMs: remote.positionMs,
        positionAt: this.clock.now().getTime(),
        paused: remote.paused,
        started: true,
        ...(current.skippedSegments ? { skippedSegments: current.skippedSegments } : {}),
      };
      this.logger.log(`Guild ${session.guildId}: resumed with Lavalink still playing`);
    } else {
      if (this.lavalink.isAvailable() && session.volume !== 100) {
        await this.lavalink.setVolume(session.guildId, toLavalinkVolume(session.volume)).catch(() => undefined);
      }
      if (session.filter)
        await this.lavalink.setFilters(session.guildId, filtersFor(session.filter)).catch(() => undefined);
      try {
        await this.sequencer.start(session, current.entry, current.positionMs, current.paused);
      } catch (error) {
        // It does not play: kept at the head of the queue, the next song asked for starts it again.
        session.queue.add([current.entry], { next: true });
        throw error;
      }
      if (session.current && current.skippedSegments) session.current.skippedSegments = current.skippedSegments;
      this.logger.log(`Guild ${session.guildId}: rejoined and continued at ${formatDuration(current.positionMs)}`);
    }
    this.lookAhead.schedule(session);
    this.store.changed(session, 'track');
  }
}

/**
 * Whether Lavalink still plays the saved track: the same encoding, or (the real node encodes the
 * playhead too, so a track that has played on has another encoding) the same identifier.
 */
function samePlaying(remote: RemotePlayerState, track: PlayableTrack): boolean {
  if (!remote.encoded) return false;
  if (remote.encoded === track.encoded) return true;
  return !!remote.identifier && remote.identifier === track.identifier;
}
