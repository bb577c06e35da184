import { Logger } from '@nestjs/common';
import { fail, ok } from '@accord/core';
import { hashString, pick, type ListenerProfile, type RecommenderSettings } from '@accord/recommender';
import type { CandidateGatherer } from '../../domain/discovery/candidate-gatherer.service';
import type { GuildSettings } from '../../domain/guilds/guild-settings.types';
import type { GuildSettingsService } from '../../domain/guilds/guild-settings.service';
import type { SessionSnapshot } from '../../domain/playback/playback.types';
import type { ListenerDirectory } from '../../adapters/discord-client/listener-directory';
import type { GuildHistoryEntry, GuildHistoryPort } from '../../domain/history/guild-history.port';
import type { ListenerProfilesPort } from '../../domain/preferences/listener-profiles.port';
import type { TasteModelService } from '../../domain/taste-model/taste-model.service';
import {
  buildSeedArtists,
  buildSeeds,
  guildTasteOf,
  listenerSeeds,
  queuedAsPlays,
  requesterSeed,
  roomProfiles,
  songOf,
} from './autoplay-inputs';
import type { PickAttempt } from './autoplay.types';

/** The whole pick (profiles, history, every source) must be ready within this; slow parts are dropped. */
export const PICK_DEADLINE_MS = 2_000;
/** The listening-memory ports get this much of the deadline. */
export const PORT_TIMEOUT_MS = 800;
/** Most candidates one source contributes to a pick. */
const CANDIDATES_PER_SOURCE = 150;
const HISTORY_LIMIT = 300;

/** A `/discover` pick: the engine's quota is set so that the next pick must be a discovery when one exists. */
const FORCE_DISCOVERY: Partial<RecommenderSettings> = {
  discoveryShare: 1,
  discoveryShareMin: 1,
  discoveryShareMax: 1,
  adaptDiscoveryShare: false,
};

export interface AutoplayPickerPorts {
  settings: Pick<GuildSettingsService, 'get'>;
  gatherer: Pick<CandidateGatherer, 'gather'>;
  history: GuildHistoryPort;
  profiles: ListenerProfilesPort;
  directory: Pick<ListenerDirectory, 'nameOf'>;
  /** The learned taste model, when one was trained: ranks the candidates for the listeners it knows. */
  model?: Pick<TasteModelService, 'roomModel' | 'status'>;
  /** Aborted at shutdown: the sources stop waiting. */
  signal: AbortSignal;
}

export interface AttemptOptions {
  forceDiscovery?: boolean;
  /** The queued pick being re-made: left out of the queue the engine sees. */
  replacing?: string | null;
  settings?: GuildSettings;
}

/**
 * One pick, without queueing anything: gathers the room's profiles, the guild's history and every
 * source's candidates under `PICK_DEADLINE_MS` (a slow or failed read is dropped, and a pick that
 * then finds nothing fails with `INPUTS_MISSING`), and asks `@accord/recommender`. The guild's
 * history is the history module's alone: autoplay keeps no memory of plays beside it.
 */
export class AutoplayPicker {
  private readonly logger = new Logger(AutoplayPicker.name);

  constructor(private readonly ports: AutoplayPickerPorts) {}

  async attempt(snapshot: SessionSnapshot, options: AttemptOptions = {}): Promise<PickAttempt> {
    const { guildId, listeners } = snapshot;
    const started = Date.now();
    const settings = options.settings ?? (await this.ports.settings.get(guildId));
    const missing = { inputs: false };
    const [history, profiles] = await Promise.all([
      this.bounded(
        this.ports.history.recentHistory(guildId, HISTORY_LIMIT),
        'the guild history',
        [] as GuildHistoryEntry[],
        missing,
      ),
      this.bounded(
        this.ports.profiles.profilesOf(listeners),
        'the listener profiles',
        [] as ListenerProfile[],
        missing,
      ),
    ]);
    const room = roomProfiles(listeners, profiles, (userId) => this.ports.directory.nameOf(guildId, userId));
    const queue = snapshot.queue.filter((entry) => entry.id !== options.replacing);
    const playing = snapshot.current ? [snapshot.current.entry, ...queue] : queue;
    const seeds = buildSeeds({ listenerIds: listeners, profiles: room, history, playing });
    const gathered = await this.ports.gatherer.gather(
      {
        guildId,
        listeners: listenerSeeds(room),
        seeds,
        artists: buildSeedArtists(room, seeds),
        limit: CANDIDATES_PER_SOURCE,
      },
      Math.max(200, PICK_DEADLINE_MS - (Date.now() - started)),
      this.ports.signal,
    );
    const taken = new Set(playing.map((entry) => songOf(entry.track).trackKey));
    const candidates = gathered.candidates.filter((candidate) => !taken.has(candidate.trackKey));

    const now = Date.now();
    const cpu = process.cpuUsage();
    const model = this.ports.model?.roomModel(room);
    const result = pick({
      listeners: room,
      candidates,
      history: [...queuedAsPlays(queue, listeners, now), ...withCurrent(history, snapshot)],
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
      model,
    });
    const used = process.cpuUsage(cpu);
    const pickCpuMs = (used.user + used.system) / 1000;
    if (!result.ok) {
      const sourceDown = gathered.reports.some((report) => report.status !== 'ok');
      return fail(missing.inputs || sourceDown ? 'INPUTS_MISSING' : result.reason, result.detail ?? result.reason);
    }
    const chosen = result.value.picks[0];
    const proposals = candidates.filter((candidate) => candidate.trackKey === chosen.trackKey);
    const candidate = proposals[0];
    const names = new Map(room.map((profile) => [profile.userId, profile.displayName]));
    return ok({
      candidate,
      record: {
        guildId,
        trackKey: chosen.trackKey,
        title: candidate.title,
        artist: candidate.artistName,
        reason: chosen.explanation,
        because: chosen.because,
        isDiscovery: chosen.isDiscovery,
        fits: chosen.fits.map((fit) => ({ ...fit, displayName: names.get(fit.userId) ?? fit.userId })),
        listeners: [...listeners],
        sources: [...new Set(proposals.flatMap((p) => p.evidence.map((e) => e.source)))].sort(),
        reports: gathered.reports,
        relaxation: result.value.relaxation,
        pickCpuMs: Math.round(pickCpuMs * 100) / 100,
        modelTrainedAt: model ? (this.ports.model?.status()?.trainedAt ?? null) : null,
      },
    });
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
}

/** The song playing now counts as played (the stored history may not have it yet). */
function withCurrent(history: GuildHistoryEntry[], snapshot: SessionSnapshot): GuildHistoryEntry[] {
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
