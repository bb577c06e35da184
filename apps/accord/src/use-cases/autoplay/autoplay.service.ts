import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import {
  DomainEvent,
  type ListenersChangedEvent,
  type QueueLowEvent,
  type TrackStartedEvent,
  RecommendationError,
  RecommendationErrorCode,
} from '@accord/core';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { TRACK_RESOLVER, type TrackResolverPort } from '../../domain/catalog/track-resolver.port';
import { CandidateGatherer } from '../../domain/discovery/candidate-gatherer.service';
import type { GuildSettings } from '../../domain/guilds/guild-settings.types';
import { GuildSettingsService } from '../../domain/guilds/guild-settings.service';
import { PlaybackEvent, type QueueFinishedEvent, type SessionEndedEvent } from '../../domain/playback/playback.events';
import { PlaybackService } from '../../domain/playback/playback.service';
import type { QueueEntry, SessionSnapshot } from '../../domain/playback/playback.types';
import { ListenerDirectory } from '../../adapters/discord-client/listener-directory';
import { GUILD_HISTORY, type GuildHistoryPort } from '../../domain/history/guild-history.port';
import { LISTENER_PROFILES, type ListenerProfilesPort } from '../../domain/preferences/listener-profiles.port';
import { AutoplayGuilds } from './autoplay-guilds';
import { AutoplayPicker } from './autoplay-picker';
import { AutoplayQueuer } from './autoplay-queuer';
import { AutoplayScheduler } from './autoplay-scheduler';
import type { AutoplayPick, PickAttempt } from './autoplay.types';
import { TasteModelService } from '../../domain/taste-model/taste-model.service';

export { PICK_DEADLINE_MS } from './autoplay-picker';
export { DEGRADED_RETRY_MS, PICK_AHEAD_MS, REPLAN_DEBOUNCE_MS } from './autoplay-scheduler';
export type { AutoplayPick, PickAttempt, PickChoice, PickFailure } from './autoplay.types';

/**
 * Autoplay: when a guild's queue runs low (or ends), picks the next song for the people in the
 * voice channel, finds its video through the catalog and queues it, all in one step planned for
 * `PICK_AHEAD_MS` before the song ends. The upcoming pick is re-made when listeners join or leave
 * before it plays. Inputs come from the listening memory (ports: history is the only memory of
 * plays), the candidate sources (under a deadline) and the session; `@accord/recommender` decides.
 *
 * The entry point of the transports (/autoplay, /discover, /why) and of playback's events; the work
 * is done by its parts: per-guild state (`AutoplayGuilds`), when to pick (`AutoplayScheduler`),
 * what to pick (`AutoplayPicker`) and resolving and queueing it (`AutoplayQueuer`).
 */
@Injectable()
export class AutoplayService implements OnApplicationShutdown {
  private readonly guilds = new AutoplayGuilds();
  private readonly picker: AutoplayPicker;
  private readonly scheduler: AutoplayScheduler;

  constructor(
    private readonly playback: PlaybackService,
    private readonly settings: GuildSettingsService,
    gatherer: CandidateGatherer,
    @Inject(GUILD_HISTORY) history: GuildHistoryPort,
    @Inject(LISTENER_PROFILES) profiles: ListenerProfilesPort,
    directory: ListenerDirectory,
    events: EventEmitter2,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(TRACK_RESOLVER) resolver: TrackResolverPort,
    model: TasteModelService,
  ) {
    this.picker = new AutoplayPicker({
      settings,
      gatherer,
      history,
      profiles,
      directory,
      model,
      signal: this.guilds.signal,
    });
    this.scheduler = new AutoplayScheduler({
      playback,
      settings,
      events,
      guilds: this.guilds,
      picker: this.picker,
      queuer: new AutoplayQueuer({
        playback,
        resolver,
        events,
        botUserId: config.discord.clientId,
        signal: this.guilds.signal,
      }),
    });
  }

  onApplicationShutdown(): void {
    this.guilds.stop();
  }

  // --- events ----------------------------------------------------------------------------

  /** Sent at every track start while fewer than two songs follow: the next pick is planned for the end of this one. */
  @OnEvent(DomainEvent.QueueLow)
  onQueueLow(event: QueueLowEvent): void {
    this.scheduler.planAhead(event.guildId);
  }

  @OnEvent(PlaybackEvent.QueueFinished)
  onQueueFinished(event: QueueFinishedEvent): void {
    this.scheduler.schedule(event.guildId, 'queue-finished');
  }

  @OnEvent(DomainEvent.ListenersChanged)
  onListenersChanged(event: ListenersChangedEvent): void {
    this.scheduler.replanSoon(event.guildId);
  }

  @OnEvent(DomainEvent.TrackStarted)
  onTrackStarted(event: TrackStartedEvent): void {
    this.guilds.trackStarted(event);
  }

  @OnEvent(PlaybackEvent.SessionEnded)
  onSessionEnded(event: SessionEndedEvent): void {
    this.guilds.endSession(event.guildId);
  }

  // --- commands --------------------------------------------------------------------------

  /** `/autoplay on|off`: a guild setting; switching it on fills a queue that is already low. */
  async setAutoplay(guildId: string, on: boolean): Promise<void> {
    await this.settings.update(guildId, { autoplay: on });
    if (on) {
      this.guilds.state(guildId).pauseAnnounced = false;
      this.scheduler.schedule(guildId, 'autoplay-on');
    }
  }

  /** `/discover`: the next autoplay pick is a discovery; an upcoming pick is re-made as one. */
  async discoverNext(guildId: string): Promise<{ autoplay: boolean }> {
    const { autoplay } = await this.settings.get(guildId);
    this.guilds.state(guildId).forceDiscovery = true;
    this.scheduler.schedule(guildId, 'discover');
    return { autoplay };
  }

  /** `/why`: the song playing now and, when autoplay picked it, the pick. */
  explainCurrent(guildId: string): { entry: QueueEntry; pick: AutoplayPick | null } {
    const current = this.playback.snapshot(guildId)?.current;
    if (!current) {
      throw new RecommendationError(RecommendationErrorCode.NothingPlaying, {});
    }
    const pick = this.guilds.find(guildId)?.picks.find((record) => record.entryId === current.entry.id) ?? null;
    return { entry: current.entry, pick };
  }

  /** The latest pick of a guild (for the panel). */
  lastPick(guildId: string): AutoplayPick | null {
    return this.guilds.find(guildId)?.picks[0] ?? null;
  }

  /** Resolves when the guild's queued autoplay work is done (tests and the benchmark wait on it). */
  whenIdle(guildId: string): Promise<void> {
    return this.scheduler.whenIdle(guildId);
  }

  /**
   * Gathers the inputs and asks the engine, without queueing anything: the room's profiles, the
   * guild's history, every source's candidates (under `PICK_DEADLINE_MS`).
   */
  attempt(
    snapshot: SessionSnapshot,
    options: { forceDiscovery?: boolean; replacing?: string | null; settings?: GuildSettings } = {},
  ): Promise<PickAttempt> {
    return this.picker.attempt(snapshot, options);
  }
}
