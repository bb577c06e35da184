import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { CatalogEvent, type KeyRename, type TracksRekeyedEvent } from '@accord/core';
import { parseTrackKey, TRACK_KEY_VERSION } from '@accord/track-identity';
import { CATALOG_STATE_MODEL, type CatalogStateDocument } from './catalog-state.schema';
import type { CatalogTrack } from './catalog.types';
import { TrackPinningService } from './track-pinning.service';
import { TrackRepository, type TrackKeyFields } from './track.repository';
import { completeKey } from './wanted-song';

const MARKER_ID = 'track-keys';
/** Keys looked up in one query. */
const KEYS_PER_READ = 500;
/** Songs moved between two progress lines in the log. */
const PROGRESS_EVERY = 1_000;

export interface RekeyReport {
  /** Songs read. */
  scanned: number;
  /** Songs that got a new key of their own. */
  renamed: number;
  /** Songs joined to another that already had their new key. */
  joined: number;
  /** False when the application stopped first (the next start goes on). */
  complete: boolean;
}

/**
 * Keeps stored keys in step with the key rules. A key is derived from a song's artist, title and
 * variant (`trackKey`); when the rules change (`TRACK_KEY_VERSION`), a lookup would no longer find
 * the songs stored under the old ones, and the same song would be stored twice. So at the first
 * start with new rules every stored key is derived again, in the background: a song whose key
 * changed is renamed (the old key stays an alias), or joined to the song that already has the new
 * key. History and profiles follow through `catalog.tracks.rekeyed`. Songs tied to their video
 * (no full artist and title) keep their keys.
 */
@Injectable()
export class TrackKeysService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TrackKeysService.name);
  private running: Promise<RekeyReport> | null = null;
  private stopping = false;

  constructor(
    private readonly tracks: TrackRepository,
    private readonly pinning: TrackPinningService,
    private readonly events: EventEmitter2,
    @InjectModel(CATALOG_STATE_MODEL) private readonly state: Model<CatalogStateDocument>,
  ) {}

  onApplicationBootstrap(): void {
    this.rekeyIfStale().catch((error: unknown) => {
      this.logger.warn(`Could not bring stored song keys up to date (the next start tries again): ${String(error)}`);
    });
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  /** Re-keys when the stored keys were derived with other rules; null when they are up to date. */
  async rekeyIfStale(): Promise<RekeyReport | null> {
    if ((await this.storedVersion()) === TRACK_KEY_VERSION) return null;
    return this.rekey();
  }

  /** Derives every stored key again (one run at a time) and records the rules it used. */
  rekey(): Promise<RekeyReport> {
    this.running ??= this.rekeyNow().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async storedVersion(): Promise<number | null> {
    const doc = await this.state.findById(MARKER_ID, { version: 1 }).lean<CatalogStateDocument>().exec();
    return doc?.version ?? null;
  }

  private async rekeyNow(): Promise<RekeyReport> {
    const started = Date.now();
    const stale: Array<{ id: string; fromKey: string; toKey: string }> = [];
    let scanned = 0;
    for await (const track of this.tracks.keyFields()) {
      if (this.stopping) return { scanned, renamed: 0, joined: 0, complete: false };
      scanned += 1;
      const toKey = rederivedKey(track);
      if (toKey && toKey !== track.key) stale.push({ id: track.id, fromKey: track.key, toKey });
    }
    if (stale.length > 0) {
      this.logger.log(
        `Song keys: ${stale.length} of ${scanned} song(s) get a new key under key rules v${TRACK_KEY_VERSION}`,
      );
    }
    const taken = await this.keysTaken(stale.map((song) => song.toKey));
    const renames: KeyRename[] = [];
    const report: RekeyReport = { scanned, renamed: 0, joined: 0, complete: true };
    try {
      for (const [index, { id, fromKey, toKey }] of stale.entries()) {
        if (this.stopping) {
          report.complete = false;
          break;
        }
        // A free key is taken at once; a key another song holds (or took meanwhile) joins the two.
        const outcome =
          !taken.has(toKey) && (await this.tracks.setKey(id, toKey, fromKey))
            ? 'renamed'
            : await this.pinning.moveToKey(id, toKey, taken.get(toKey));
        if (outcome === 'missing') continue;
        renames.push({ fromKey, toKey });
        report[outcome === 'renamed' ? 'renamed' : 'joined'] += 1;
        if ((index + 1) % PROGRESS_EVERY === 0) this.logger.log(`Song keys: ${index + 1} of ${stale.length} moved`);
      }
    } finally {
      // What moved is reported even when a write failed half-way, so history follows it.
      if (renames.length > 0) {
        const event: TracksRekeyedEvent = { renames };
        this.events.emit(CatalogEvent.TracksRekeyed, event);
      }
    }
    if (!report.complete) {
      this.logger.warn(`Song keys: stopped after ${renames.length} of ${stale.length}; the next start goes on`);
      return report;
    }
    await this.state
      .updateOne({ _id: MARKER_ID }, { $set: { version: TRACK_KEY_VERSION, updatedAt: new Date() } }, { upsert: true })
      .exec();
    if (stale.length > 0) {
      this.logger.log(
        `Song keys: ${report.renamed} renamed, ${report.joined} joined to a song with the same key, ` +
          `${scanned} read, in ${Date.now() - started} ms`,
      );
    }
    return report;
  }

  /** The songs that have these keys now, by key (read in chunks, one query each). */
  private async keysTaken(keys: string[]): Promise<Map<string, CatalogTrack>> {
    const taken = new Map<string, CatalogTrack>();
    for (let start = 0; start < keys.length; start += KEYS_PER_READ) {
      for (const song of await this.tracks.findManyByKeys(keys.slice(start, start + KEYS_PER_READ))) {
        taken.set(song.key, song);
      }
    }
    return taken;
  }
}

/** The key the current rules give a stored song, or null for a key tied to its video (left as is). */
export function rederivedKey(track: Pick<TrackKeyFields, 'key' | 'artist' | 'title' | 'variant'>): string | null {
  if (!parseTrackKey(track.key) || track.key.split('|').length !== 3) return null;
  return completeKey(track) ?? null;
}
