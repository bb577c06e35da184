import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  decodeItemModel,
  itemIndexOf,
  profileInteractions,
  scoreListener,
  type ItemModel,
  type ListenerProfile,
  type ListenerScores,
  type RoomModel,
} from '@accord/recommender';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { TasteModelInputsReader } from './taste-model-inputs';
import { TasteModelRepository, type StoredTasteModelInfo } from './taste-model.repository';
import { trainInWorker } from './taste-model.trainer';

/** The first training after a start without a stored model waits this long (the bot is busy connecting). */
export const FIRST_RUN_DELAY_MS = 60_000;
const HOUR_MS = 3_600_000;

interface Installed {
  info: StoredTasteModelInfo;
  model: ItemModel;
  itemIndex: ReadonlyMap<string, number>;
}

/** Public figures of the model in use. */
export type TasteModelStatus = Omit<StoredTasteModelInfo, 'id' | 'parts'>;

/**
 * Autoplay's learned taste model: trained from every listener's profile and the sources'
 * similarity in a worker thread (at start when none is stored, then every `TASTE_MODEL_EVERY_H`
 * hours), stored in MongoDB, and used by each pick through `roomModel`. Each listener's score
 * vector is computed once per model and profile and cached, so a pick only aggregates. Before the
 * first training there is no model and autoplay ranks by the sources' evidence, as it always did.
 */
@Injectable()
export class TasteModelService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TasteModelService.name);
  private current: Installed | null = null;
  private readonly scoreCache = new Map<string, { modelId: string; fingerprint: string; scores: ListenerScores }>();
  private running: Promise<StoredTasteModelInfo | null> | null = null;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly repository: TasteModelRepository,
    private readonly inputs: TasteModelInputsReader,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.start();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** The model in use, or null before the first training. */
  status(): TasteModelStatus | null {
    if (!this.current) return null;
    const { id: _id, parts: _parts, ...figures } = this.current.info;
    return figures;
  }

  get training(): boolean {
    return this.running !== null;
  }

  /** Trains now, or joins the run under way; resolves with the stored model (null when there is nothing to learn from yet). */
  train(): Promise<StoredTasteModelInfo | null> {
    this.running ??= this.runTraining().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /**
   * The model with the cached scores of the listeners it knows (a listener none of whose artists it
   * knows is left to the classic fit), or undefined before the first training.
   */
  roomModel(room: readonly ListenerProfile[]): RoomModel | undefined {
    const current = this.current;
    if (!current) return undefined;
    const scores: ListenerScores[] = [];
    const itemNames = new Map<string, string>();
    for (const profile of room) {
      const listenerScores = this.scoresOf(profile, current);
      if (listenerScores.items.items.length > 0) scores.push(listenerScores);
      for (const artist of [...profile.topArtists, ...(profile.imported?.artists ?? [])])
        if (!itemNames.has(artist.id)) itemNames.set(artist.id, artist.name);
    }
    if (scores.length === 0) return undefined;
    return { model: current.model, itemIndex: current.itemIndex, scores, itemNames, itemKind: 'artist' };
  }

  private scoresOf(profile: ListenerProfile, current: Installed): ListenerScores {
    const interactions = profileInteractions(profile);
    const fingerprint = interactions.map((i) => `${i.itemId}:${i.value.toFixed(4)}`).join(',');
    const cached = this.scoreCache.get(profile.userId);
    if (cached && cached.modelId === current.info.id && cached.fingerprint === fingerprint) return cached.scores;
    const scores = scoreListener({
      model: current.model,
      itemIndex: current.itemIndex,
      userId: profile.userId,
      interactions,
    });
    this.scoreCache.set(profile.userId, { modelId: current.info.id, fingerprint, scores });
    return scores;
  }

  private async start(): Promise<void> {
    try {
      const stored = await this.repository.latest();
      if (stored) {
        this.install(stored.info, stored.bytes);
        this.logger.log(`Taste model of ${stored.info.trainedAt.toISOString()} loaded (${describe(stored.info)})`);
      }
    } catch (error) {
      this.logger.warn(`Could not read the stored taste model: ${String(error)}`);
    }
    const everyMs = this.config.tasteModel.everyH * HOUR_MS;
    if (everyMs === 0 || this.stopped) return;
    const dueIn = this.current
      ? this.current.info.trainedAt.getTime() + everyMs - this.clock.now().getTime()
      : FIRST_RUN_DELAY_MS;
    this.schedule(Math.max(FIRST_RUN_DELAY_MS, dueIn), everyMs);
  }

  private schedule(delayMs: number, everyMs: number): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.train()
        .catch(() => undefined)
        .finally(() => this.schedule(everyMs, everyMs));
    }, delayMs);
    this.timer.unref();
  }

  private async runTraining(): Promise<StoredTasteModelInfo | null> {
    const now = this.clock.now();
    try {
      const inputs = await this.inputs.read(now);
      if (inputs.interactions.length === 0 && inputs.edges.length === 0) {
        this.logger.log('Taste model: nothing to learn from yet (no listener profiles, no cached similarity)');
        return null;
      }
      const listeners = new Set(inputs.interactions.map((i) => i.userId)).size;
      this.logger.log(
        `Training the taste model from ${listeners} listeners (${inputs.interactions.length} artist interactions) and ${inputs.edges.length} similarity links`,
      );
      const output = await trainInWorker(inputs);
      const info = await this.repository.save(output, now);
      this.install(info, output.bytes);
      this.logger.log(`Taste model trained in ${(output.trainMs / 1000).toFixed(1)} s: ${describe(info)}`);
      return info;
    } catch (error) {
      this.logger.error(`Training the taste model failed; autoplay keeps the model it had: ${String(error)}`);
      throw error;
    }
  }

  private install(info: StoredTasteModelInfo, bytes: Uint8Array): void {
    const model = decodeItemModel(bytes);
    this.current = { info, model, itemIndex: itemIndexOf(model) };
    this.scoreCache.clear();
  }
}

function describe(info: StoredTasteModelInfo): string {
  const blend = info.blend.map((b) => `${b.name} ${b.weight}`).join(', ');
  return `${info.items} artists, ${info.listenerCount} listeners, ${(info.size / 2 ** 20).toFixed(1)} MB, worker heap ${info.heapMb} MB; blend ${blend}`;
}
