import { Inject, Injectable, Logger, Optional, type OnModuleInit } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { DomainEvent, type ListenersChangedEvent } from '@accord/core';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import {
  LavalinkService,
  type LavalinkEndReason,
  type PlayerEventListener,
} from '../../adapters/lavalink/lavalink.service';
import { TRACK_RESOLVER, type TrackResolverPort } from '../catalog/track-resolver.port';
import type { GuildSession } from './guild-session';
import { LookAheadService } from './look-ahead.service';
import type { QueueEntry } from './playback.types';
import { SessionLifecycleService } from './session-lifecycle.service';
import { SessionRestoreService } from './session-restore.service';
import { SessionStore } from './session.store';
import { TrackEventPublisher } from './track-event.publisher';
import { TrackSequencerService } from './track-sequencer.service';

/**
 * What Lavalink and the voice channel tell playback: a track started, ended, failed or got stuck,
 * the playhead moved, voice closed, a node came back; and who listens now (auto-pause, idle).
 */
@Injectable()
export class PlayerEventsHandler implements OnModuleInit, PlayerEventListener {
  private readonly logger = new Logger(PlayerEventsHandler.name);

  constructor(
    private readonly store: SessionStore,
    private readonly sequencer: TrackSequencerService,
    private readonly lifecycle: SessionLifecycleService,
    private readonly lookAhead: LookAheadService,
    private readonly publisher: TrackEventPublisher,
    private readonly restore: SessionRestoreService,
    private readonly lavalink: LavalinkService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(TRACK_RESOLVER) private readonly resolver?: TrackResolverPort,
  ) {}

  onModuleInit(): void {
    this.lavalink.setListener(this);
  }

  onTrackStart(guildId: string): void {
    const session = this.store.get(guildId);
    if (!session?.current) return;
    session.current.started = true;
    session.reported(session.current.positionMs, this.clock.now().getTime());
    this.publisher.started(session);
    this.lookAhead.schedule(session);
    this.store.changed(session, 'track');
  }

  onTrackEnd(guildId: string, reason: LavalinkEndReason): void {
    const session = this.store.get(guildId);
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
    const session = this.store.get(guildId);
    if (!session?.current) return;
    this.logger.warn(`Track stuck in guild ${guildId}: skipping`);
    const failed = session.current.entry;
    this.publisher.endCurrent(session, 'replaced');
    this.publisher.failed(session, failed, 'stuck');
    void this.sequencer
      .playNext(session, null)
      .then((started) => (started ? undefined : this.sequencer.stop(session)))
      .catch(() => undefined);
  }

  onVoiceClosed(guildId: string, code: number): void {
    const session = this.store.get(guildId);
    if (!session) return;
    // 4014: disconnected from voice (kicked, or the channel was deleted); a move shows up as a
    // voice state with another channel, which the presence watcher reports.
    if (code === 4014) this.lifecycle.endIfKicked(session);
  }

  onPosition(guildId: string, positionMs: number): void {
    const session = this.store.get(guildId);
    if (!session?.current) return;
    const now = this.clock.now().getTime();
    session.reported(positionMs, now);
    this.store.savePosition(session, positionMs, now);
  }

  positionOf(guildId: string): number | undefined {
    const session = this.store.get(guildId);
    return session?.current ? Math.round(session.position(this.clock.now().getTime())) : undefined;
  }

  onNodeReady(node: string, resumed: boolean): void {
    this.restore.onNodeReady(node, resumed);
  }

  onNodeLost(guildIds: string[]): void {
    const now = this.clock.now().getTime();
    for (const guildId of guildIds) {
      const session = this.store.get(guildId);
      if (!session) continue;
      // No audio while no node plays it: resume where the listener stopped hearing it, not later.
      session.hold(now);
      this.store.persist(session);
    }
  }

  onPlayersStranded(guildIds: string[]): void {
    for (const guildId of guildIds) {
      this.logger.warn(`Guild ${guildId}: no Lavalink node to move to; the queue is kept until one returns`);
    }
  }

  @OnEvent(DomainEvent.ListenersChanged)
  async onListenersChanged(event: ListenersChangedEvent): Promise<void> {
    const session = this.store.get(event.guildId);
    if (!session) return;
    if (event.channelId && event.channelId !== session.voiceChannelId) session.voiceChannelId = event.channelId;
    session.listeners = event.listeners;
    // Decided from the pause asked for, not from Lavalink's answer to it: a listener may leave and
    // come back (or the reverse) while a pause or resume is still on its way.
    if (event.listeners.length === 0) {
      if (session.current && !session.current.paused) {
        session.autoPaused = true;
        await this.sequencer.setPaused(session, true).catch(() => undefined);
      }
      this.lifecycle.startIdleTimer(session);
    } else {
      this.lifecycle.cancelIdleTimer(session);
      if (session.autoPaused) {
        session.autoPaused = false;
        if (session.current?.paused) await this.sequencer.setPaused(session, false).catch(() => undefined);
      }
    }
    this.store.changed(session, 'listeners');
  }

  private async afterNaturalEnd(session: GuildSession, finished: QueueEntry, reason: LavalinkEndReason): Promise<void> {
    if (reason === 'finished') {
      this.publisher.ended(session, 'finished');
      // It is over on Lavalink: from here the next entry is on its way, not this one playing.
      session.current = null;
      if (!(await this.sequencer.playNext(session, finished))) this.store.changed(session, 'track');
      return;
    }
    if (reason === 'loadFailed') {
      this.publisher.ended(session, 'error');
      const repinned = this.resolver
        ? await this.resolver.reportLoadFailure(finished.track, 'load failed').catch(() => null)
        : null;
      if (repinned?.encoded && repinned.encoded !== finished.track.encoded) {
        await this.sequencer.start(session, { ...finished, track: repinned }, 0, false);
        return;
      }
      this.publisher.failed(session, finished, 'unloadable');
      if (!(await this.sequencer.playNext(session, null))) this.store.changed(session, 'track');
      return;
    }
    // stopped or cleanup without us asking: Lavalink dropped the player's track.
    this.publisher.ended(session, 'stopped');
    session.current = null;
    this.lifecycle.startIdleTimer(session);
    this.store.changed(session, 'track');
  }
}
