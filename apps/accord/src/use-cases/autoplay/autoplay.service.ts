import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import {
  DomainEvent,
  type ListenersChangedEvent,
  type QueueLowEvent,
  type TrackStartedEvent,
  RecommendationError,
  RecommendationErrorCode,
  RecommendationEvent,
  type AutoplayPausedEvent,
  type PickMadeEvent,
} from '@accord/core';
import {
  hashString,
  pick,
  type ListenerFit,
  type ListenerProfile,
  type RecommenderSettings,
} from '@accord/recommender';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { CandidateGatherer, type SourceReport } from '../../domain/discovery/candidate-gatherer.service';
import type { SourcedCandidate } from '../../domain/discovery/candidate-source';
import type { GuildSettings } from '../../domain/guilds/guild-settings.types';
import { GuildSettingsService } from '../../domain/guilds/guild-settings.service';
import { PlaybackEvent, type QueueFinishedEvent, type SessionEndedEvent } from '../../domain/playback/playback.events';
import { PlaybackService } from '../../domain/playback/playback.service';
import type { QueueEntry, SessionSnapshot } from '../../domain/playback/playback.types';
import {
  buildSeedArtists,
  buildSeeds,
  guildTasteOf,
  listenerSeeds,
  mergeHistory,
  queuedAsPlays,
  requesterSeed,
  roomProfiles,
  songOf,
  toPlayable,
} from './autoplay-inputs';
import { ListenerDirectory } from '../../adapters/discord-client/listener-directory';
import { GUILD_HISTORY, type GuildHistoryEntry, type GuildHistoryPort } from '../../domain/history/guild-history.port';
import { LISTENER_PROFILES, type ListenerProfilesPort } from '../../domain/preferences/listener-profiles.port';

/** The whole pick (profiles, history, every source) must be ready within this; slow parts are dropped. */
export const PICK_DEADLINE_MS = 2_000;
/** The listening-memory ports get this much of the deadline. */
const PORT_TIMEOUT_MS = 800;
/** Most candidates one source contributes to a pick. */
const CANDIDATES_PER_SOURCE = 150;
/** Joins and leaves come in bursts: the upcoming pick is re-made once the room has settled. */
export const REPLAN_DEBOUNCE_MS = 1_500;
/** Autoplay keeps the queue at this length (playback reports `QueueLow` below it). */
const QUEUE_TARGET = 2;
/**
 * The pick is made this long before playback's own look-ahead resolves the next entry, so it is
 * ready in time yet chosen for the room as it is near the end of the song (and a low-power host
 * spreads its work out).
 */
const PICK_LEAD_MS = PICK_DEADLINE_MS + 3_000;
const HISTORY_LIMIT = 300;
const LOCAL_MEMORY = 100;
const KEPT_PICKS = 20;

/** A `/discover` pick: the engine's quota is set so that the next pick must be a discovery when one exists. */
const FORCE_DISCOVERY: Partial<RecommenderSettings> = {
  discoveryShare: 1,
  discoveryShareMin: 1,
  discoveryShareMax: 1,
  adaptDiscoveryShare: false,
};

type Trigger = 'queue-low' | 'queue-finished' | 'listeners-changed' | 'discover' | 'autoplay-on' | 'retry';

/** After a pick that found nothing because inputs were missing, autoplay tries again this much later. */
export const DEGRADED_RETRY_MS = 5_000;
/** Past this many such tries in a row, the inputs are not coming back soon: say autoplay paused. */
const DEGRADED_RETRIES = 6;

/** One autoplay pick, kept for `/why` and the panel. */
export interface AutoplayPick {
  guildId: string;
  entryId: string;
  trackKey: string;
  title: string;
  artist: string;
  reason: string;
  isDiscovery: boolean;
  fits: Array<ListenerFit & { displayName: string }>;
  listeners: string[];
  /** Sources that proposed this song. */
  sources: string[];
  /** How every source did for this pick. */
  reports: SourceReport[];
  /** 0 when no cooldown had to be relaxed. */
  relaxation: number;
  /** CPU time of the engine's pick alone, in ms. */
  pickCpuMs: number;
  at: Date;
}

/** The outcome of one gather + pick, before anything is queued. */
export type PickAttempt =
  | { ok: true; candidate: SourcedCandidate; record: Omit<AutoplayPick, 'entryId' | 'at'> }
  | {
      ok: false;
      reason: 'NO_LISTENERS' | 'NO_CANDIDATES';
      detail: string;
      reports: SourceReport[];
      /** Some inputs were missing (a slow or failed read, a source down): worth trying again soon. */
      degraded: boolean;
    };

interface GuildState {
  chain: Promise<void>;
  /** The queued autoplay pick that has not started yet (replaced when the room changes). */
  pendingEntryId: string | null;
  picks: AutoplayPick[];
  forceDiscovery: boolean;
  /** The paused notice was posted; not again until autoplay picks something. */
  pauseAnnounced: boolean;
  /** What autoplay saw start, newest first: its own memory for cooldowns when no history store answers. */
  recent: GuildHistoryEntry[];
  replanTimer?: NodeJS.Timeout;
  aheadTimer?: NodeJS.Timeout;
  retryTimer?: NodeJS.Timeout;
  /** Tries in a row that found nothing with inputs missing. */
  degradedTries: number;
}

/**
 * Autoplay: when a guild's queue runs low (or ends), picks the next song for the people in the
 * voice channel and queues it as metadata for playback to resolve ahead of time. The upcoming pick
 * is re-made when listeners join or leave before it plays. Inputs come from the listening memory
 * (ports), the candidate sources (under a deadline) and the session; `@accord/recommender` decides.
 */
@Injectable()
export class AutoplayService implements OnApplicationShutdown {
  private readonly logger = new Logger(AutoplayService.name);
  private readonly guilds = new Map<string, GuildState>();
  private readonly shutdown = new AbortController();

  constructor(
    private readonly playback: PlaybackService,
    private readonly settings: GuildSettingsService,
    private readonly gatherer: CandidateGatherer,
    @Inject(GUILD_HISTORY) private readonly history: GuildHistoryPort,
    @Inject(LISTENER_PROFILES) private readonly profiles: ListenerProfilesPort,
    private readonly directory: ListenerDirectory,
    private readonly events: EventEmitter2,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationShutdown(): void {
    this.shutdown.abort();
    for (const state of this.guilds.values()) {
      clearTimeout(state.retryTimer);
      clearTimeout(state.replanTimer);
      clearTimeout(state.aheadTimer);
    }
  }

  // --- events ----------------------------------------------------------------------------

  /** Sent at every track start while fewer than two songs follow: the next pick is planned for the end of this one. */
  @OnEvent(DomainEvent.QueueLow)
  onQueueLow(event: QueueLowEvent): void {
    const snapshot = this.playback.snapshot(event.guildId);
    if (!snapshot || this.shutdown.signal.aborted) return;
    const state = this.state(event.guildId);
    clearTimeout(state.aheadTimer);
    const current = snapshot.current;
    const remaining =
      current && !current.entry.track.isStream ? current.entry.track.durationMs - current.positionMs : 0;
    const delay = Math.max(0, remaining - this.config.playback.lookAheadS * 1000 - PICK_LEAD_MS);
    if (delay === 0) {
      this.schedule(event.guildId, 'queue-low');
      return;
    }
    state.aheadTimer = setTimeout(() => this.schedule(event.guildId, 'queue-low'), delay);
    state.aheadTimer.unref();
  }

  @OnEvent(PlaybackEvent.QueueFinished)
  onQueueFinished(event: QueueFinishedEvent): void {
    this.schedule(event.guildId, 'queue-finished');
  }

  @OnEvent(DomainEvent.ListenersChanged)
  onListenersChanged(event: ListenersChangedEvent): void {
    if (!this.playback.snapshot(event.guildId) || this.shutdown.signal.aborted) return;
    const state = this.state(event.guildId);
    clearTimeout(state.replanTimer);
    state.replanTimer = setTimeout(() => this.schedule(event.guildId, 'listeners-changed'), REPLAN_DEBOUNCE_MS);
    state.replanTimer.unref();
  }

  @OnEvent(DomainEvent.TrackStarted)
  onTrackStarted(event: TrackStartedEvent): void {
    const state = this.state(event.guildId);
    const song = songOf({
      title: event.track.title,
      author: event.track.author,
      durationMs: event.track.durationMs,
      trackKey: event.track.trackKey,
      isStream: false,
      isSeekable: true,
    });
    const picked = state.picks.find((record) => record.trackKey === song.trackKey);
    state.recent.unshift({
      trackKey: song.trackKey,
      artistKey: song.artistKey,
      artistName: song.artistName,
      title: song.title,
      youtubeId: event.track.youtubeId,
      startedAt: event.at.getTime(),
      listeners: event.listeners,
      source: event.source,
      requestedBy: event.requestedBy,
      fits: event.source === 'request' ? undefined : picked?.fits.map(({ userId, fit }) => ({ userId, fit })),
      outcome: 'playing',
    });
    state.recent.length = Math.min(state.recent.length, LOCAL_MEMORY);
    if (event.source === 'request') state.pauseAnnounced = false;
  }

  @OnEvent(PlaybackEvent.SessionEnded)
  onSessionEnded(event: SessionEndedEvent): void {
    const state = this.guilds.get(event.guildId);
    if (!state) return;
    clearTimeout(state.retryTimer);
    clearTimeout(state.replanTimer);
    clearTimeout(state.aheadTimer);
    state.pendingEntryId = null;
    state.forceDiscovery = false;
    state.pauseAnnounced = false;
  }

  // --- commands --------------------------------------------------------------------------

  /** `/autoplay on|off`: a guild setting; switching it on fills a queue that is already low. */
  async setAutoplay(guildId: string, on: boolean): Promise<void> {
    await this.settings.update(guildId, { autoplay: on });
    if (on) {
      this.state(guildId).pauseAnnounced = false;
      this.schedule(guildId, 'autoplay-on');
    }
  }

  /** `/discover`: the next autoplay pick is a discovery; an upcoming pick is re-made as one. */
  async discoverNext(guildId: string): Promise<{ autoplay: boolean }> {
    const { autoplay } = await this.settings.get(guildId);
    this.state(guildId).forceDiscovery = true;
    this.schedule(guildId, 'discover');
    return { autoplay };
  }

  /** `/why`: the song playing now and, when autoplay picked it, the pick. */
  explainCurrent(guildId: string): { entry: QueueEntry; pick: AutoplayPick | null } {
    const current = this.playback.snapshot(guildId)?.current;
    if (!current) {
      throw new RecommendationError(RecommendationErrorCode.NothingPlaying, 'Nothing is playing right now.');
    }
    const pick = this.guilds.get(guildId)?.picks.find((record) => record.entryId === current.entry.id) ?? null;
    return { entry: current.entry, pick };
  }

  /** The latest pick of a guild (for the panel). */
  lastPick(guildId: string): AutoplayPick | null {
    return this.guilds.get(guildId)?.picks[0] ?? null;
  }

  /** Resolves when the guild's queued autoplay work is done (tests and the benchmark wait on it). */
  async whenIdle(guildId: string): Promise<void> {
    const state = this.guilds.get(guildId);
    if (!state) return;
    let chain: Promise<void>;
    do {
      chain = state.chain;
      await chain;
    } while (chain !== state.chain);
  }

  // --- picking ---------------------------------------------------------------------------

  /**
   * Gathers the inputs and asks the engine, without queueing anything: the room's profiles, the
   * guild's history, every source's candidates (under `PICK_DEADLINE_MS`).
   */
  async attempt(
    snapshot: SessionSnapshot,
    options: { forceDiscovery?: boolean; replacing?: string | null; settings?: GuildSettings } = {},
  ): Promise<PickAttempt> {
    const { guildId, listeners } = snapshot;
    const started = Date.now();
    const settings = options.settings ?? (await this.settings.get(guildId));
    const state = this.state(guildId);
    const missing = { inputs: false };
    const [stored, profiles] = await Promise.all([
      this.bounded(
        this.history.recentHistory(guildId, HISTORY_LIMIT),
        'the guild history',
        [] as GuildHistoryEntry[],
        missing,
      ),
      this.bounded(this.profiles.profilesOf(listeners), 'the listener profiles', [] as ListenerProfile[], missing),
    ]);
    const room = roomProfiles(listeners, profiles, (userId) => this.directory.nameOf(guildId, userId));
    const history = mergeHistory(stored, state.recent);
    const queue = snapshot.queue.filter((entry) => entry.id !== options.replacing);
    const playing = snapshot.current ? [snapshot.current.entry, ...queue] : queue;
    const seeds = buildSeeds({ listenerIds: listeners, profiles: room, history, playing });
    const gathered = await this.gatherer.gather(
      {
        guildId,
        listeners: listenerSeeds(room),
        seeds,
        artists: buildSeedArtists(room, seeds),
        limit: CANDIDATES_PER_SOURCE,
      },
      Math.max(200, PICK_DEADLINE_MS - (Date.now() - started)),
      this.shutdown.signal,
    );
    const taken = new Set(playing.map((entry) => songOf(entry.track).trackKey));
    const candidates = gathered.candidates.filter((candidate) => !taken.has(candidate.trackKey));

    const now = Date.now();
    const cpu = process.cpuUsage();
    const result = pick({
      listeners: room,
      candidates,
      history: [...queuedAsPlays(queue, listeners, now), ...this.withCurrent(history, snapshot)],
      settings: {
        discoveryShare: settings.discoveryShare,
        trackCooldownMs: settings.trackCooldownMs,
        artistSpacing: settings.artistSpacing,
        ...(options.forceDiscovery ? FORCE_DISCOVERY : {}),
      },
      guildTaste: guildTasteOf(history),
      seedRequest: requesterSeed(history, listeners),
      now,
      seed: hashString(`${guildId}:${Math.floor(now / 60_000)}`),
      count: 1,
    });
    const used = process.cpuUsage(cpu);
    const pickCpuMs = (used.user + used.system) / 1000;
    if (!result.ok) {
      const sourceDown = gathered.reports.some((report) => report.status !== 'ok');
      return {
        ok: false,
        reason: result.reason,
        detail: result.detail ?? result.reason,
        reports: gathered.reports,
        degraded: missing.inputs || sourceDown,
      };
    }
    const chosen = result.value.picks[0];
    const proposals = candidates.filter((candidate) => candidate.trackKey === chosen.trackKey);
    const candidate = proposals[0];
    const names = new Map(room.map((profile) => [profile.userId, profile.displayName]));
    return {
      ok: true,
      candidate,
      record: {
        guildId,
        trackKey: chosen.trackKey,
        title: candidate.title,
        artist: candidate.artistName,
        reason: chosen.explanation,
        isDiscovery: chosen.isDiscovery,
        fits: chosen.fits.map((fit) => ({ ...fit, displayName: names.get(fit.userId) ?? fit.userId })),
        listeners: [...listeners],
        sources: [...new Set(proposals.flatMap((p) => p.evidence.map((e) => e.source)))].sort(),
        reports: gathered.reports,
        relaxation: result.value.relaxation,
        pickCpuMs: Math.round(pickCpuMs * 100) / 100,
      },
    };
  }

  private schedule(guildId: string, trigger: Trigger): void {
    if (this.shutdown.signal.aborted) return;
    const state = this.state(guildId);
    state.chain = state.chain
      .then(() => this.fill(guildId, trigger))
      .catch((error: unknown) =>
        this.logger.error(
          `Autoplay failed in guild ${guildId} (${trigger}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        ),
      );
  }

  private async fill(guildId: string, trigger: Trigger): Promise<void> {
    const snapshot = this.playback.snapshot(guildId);
    if (!snapshot || snapshot.listeners.length === 0 || this.shutdown.signal.aborted) return;
    const settings = await this.settings.get(guildId);
    if (!settings.autoplay) return;
    const state = this.state(guildId);
    const pending = snapshot.queue.find((entry) => entry.id === state.pendingEntryId) ?? null;
    if (!pending) state.pendingEntryId = null;

    const replacing = trigger === 'listeners-changed' || trigger === 'discover' ? pending : null;
    if (!replacing) {
      // Only fill: something of ours already waits, or the queue is long enough.
      if (pending || snapshot.queue.length >= QUEUE_TARGET) return;
      // A changed room with nothing of ours queued: top up only while music plays.
      if ((trigger === 'listeners-changed' || trigger === 'discover') && !snapshot.current) return;
    }

    const attempt = await this.attempt(snapshot, {
      forceDiscovery: state.forceDiscovery,
      replacing: replacing?.id ?? null,
      settings,
    });
    const after = this.playback.snapshot(guildId);
    if (!after || this.shutdown.signal.aborted) return;

    if (!attempt.ok) {
      if (attempt.degraded && state.degradedTries < DEGRADED_RETRIES) this.retryLater(guildId, attempt.detail);
      else this.paused(guildId, after, trigger, attempt.detail);
      return;
    }
    if (replacing) {
      const position = after.queue.findIndex((entry) => entry.id === replacing.id) + 1;
      // It started while we were choosing: too late to change it.
      if (position === 0) return;
      if (replacing.track.trackKey === attempt.record.trackKey && replacing.reason === attempt.record.reason) {
        state.forceDiscovery = false;
        return;
      }
      await this.playback.remove(guildId, position);
      this.logger.log(`Guild ${guildId}: the room changed, replaced the upcoming pick "${replacing.track.title}"`);
    }

    const result = await this.playback.enqueue(
      {
        guildId,
        userId: this.config.discord.clientId,
        voiceChannelId: after.voiceChannelId,
        textChannelId: after.textChannelId,
      },
      [toPlayable(attempt.candidate)],
      { source: attempt.record.isDiscovery ? 'discovery' : 'autoplay', reason: attempt.record.reason },
    );
    const entry = result.added[0];
    if (!entry) return;
    const record: AutoplayPick = { ...attempt.record, entryId: entry.id, at: new Date() };
    state.pendingEntryId = result.startedPlaying ? null : entry.id;
    state.picks.unshift(record);
    state.picks.length = Math.min(state.picks.length, KEPT_PICKS);
    state.forceDiscovery = false;
    state.pauseAnnounced = false;
    state.degradedTries = 0;
    this.logger.log(
      `Guild ${guildId}: autoplay queued "${record.artist} - ${record.title}"${record.isDiscovery ? ' (discovery)' : ''}: ${record.reason}`,
    );
    const event: PickMadeEvent = {
      guildId,
      entryId: entry.id,
      trackKey: record.trackKey,
      title: record.title,
      artist: record.artist,
      reason: record.reason,
      isDiscovery: record.isDiscovery,
      fits: record.fits.map(({ userId, fit }) => ({ userId, fit })),
      listeners: record.listeners,
      at: record.at,
    };
    this.events.emit(RecommendationEvent.PickMade, event);
  }

  /**
   * Nothing to pick, even with the cooldowns relaxed (the engine did that): never loop a song.
   * Announced once (`AutoplayPaused`, which the Discord transport posts), when the music actually stops.
   */
  private paused(guildId: string, snapshot: SessionSnapshot, trigger: Trigger, detail: string): void {
    const state = this.state(guildId);
    this.logger.log(`Guild ${guildId}: autoplay found nothing to pick (${trigger}): ${detail}`);
    if (state.pauseAnnounced || snapshot.current || snapshot.queue.length > 0) return;
    state.pauseAnnounced = true;
    const event: AutoplayPausedEvent = { guildId, textChannelId: snapshot.textChannelId, at: new Date() };
    this.events.emit(RecommendationEvent.AutoplayPaused, event);
  }

  /**
   * Nothing was picked because some inputs were missing (the database slow or away, a source
   * down): not the room's fault, so nothing is announced; autoplay tries again shortly.
   */
  private retryLater(guildId: string, detail: string): void {
    const state = this.state(guildId);
    this.logger.warn(`Guild ${guildId}: autoplay found nothing with some inputs missing (${detail}); trying again`);
    state.degradedTries += 1;
    clearTimeout(state.retryTimer);
    state.retryTimer = setTimeout(() => this.schedule(guildId, 'retry'), DEGRADED_RETRY_MS);
    state.retryTimer.unref();
  }

  /** The song playing now counts as played (after a restart autoplay's own memory may lack it). */
  private withCurrent(history: GuildHistoryEntry[], snapshot: SessionSnapshot): GuildHistoryEntry[] {
    const current = snapshot.current;
    if (!current) return history;
    const song = songOf(current.entry.track);
    if (history.some((entry) => entry.trackKey === song.trackKey)) return history;
    return [
      {
        trackKey: song.trackKey,
        artistKey: song.artistKey,
        startedAt: current.startedAt.getTime(),
        listeners: [...snapshot.listeners],
        source: current.entry.source,
        outcome: 'playing',
      },
      ...history,
    ];
  }

  private async bounded<T>(promise: Promise<T>, what: string, fallback: T, missing: { inputs: boolean }): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<T>((resolve) => {
      timer = setTimeout(() => {
        this.logger.warn(`Reading ${what} took over ${PORT_TIMEOUT_MS} ms: picking without it`);
        missing.inputs = true;
        resolve(fallback);
      }, PORT_TIMEOUT_MS);
      timer.unref();
    });
    try {
      return await Promise.race([
        promise.catch((error: unknown) => {
          this.logger.warn(`Reading ${what} failed: ${String(error)}; picking without it`);
          missing.inputs = true;
          return fallback;
        }),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  private state(guildId: string): GuildState {
    let state = this.guilds.get(guildId);
    if (!state) {
      state = {
        chain: Promise.resolve(),
        pendingEntryId: null,
        picks: [],
        forceDiscovery: false,
        pauseAnnounced: false,
        recent: [],
        degradedTries: 0,
      };
      this.guilds.set(guildId, state);
    }
    return state;
  }
}
