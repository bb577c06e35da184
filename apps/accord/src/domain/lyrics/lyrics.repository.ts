import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isValidObjectId, type Model } from 'mongoose';
import { parseLrc } from './lrc';
import { LYRICS_MODEL, type LyricsDocument } from './lyrics.schema';
import type { Lyrics } from './lyrics.types';

/** A cached answer: the lyrics, or a "none" still fresh. */
export type CachedLyrics = { found: true; lyrics: Lyrics } | { found: false };

/** What LRCLIB answered, as stored. */
export interface FoundLyrics {
  sourceId: number;
  artist: string;
  title: string;
  album: string | null;
  durationMs: number;
  instrumental: boolean;
  syncedLyrics: string | null;
  plainLyrics: string | null;
}

/** The `lyrics` collection (LRCLIB answers by song key). Every query here is one FerretDB 1.x accepts. */
@Injectable()
export class LyricsRepository {
  constructor(@InjectModel(LYRICS_MODEL) private readonly model: Model<LyricsDocument>) {}

  /** The stored answer for `key`: found lyrics always, a "none" until its `retryAt`. */
  async find(key: string, now: Date): Promise<CachedLyrics | undefined> {
    const doc = await this.model.findOne({ key }).lean<LyricsDocument>().exec();
    if (!doc) return undefined;
    if (doc.found) return { found: true, lyrics: toLyrics(doc) };
    return doc.retryAt && doc.retryAt > now ? { found: false } : undefined;
  }

  /** Found lyrics by their cache id (a page button), or null. */
  async findById(id: string): Promise<Lyrics | null> {
    if (!isValidObjectId(id)) return null;
    const doc = await this.model.findOne({ _id: id, found: true }).lean<LyricsDocument>().exec();
    return doc ? toLyrics(doc) : null;
  }

  async saveFound(key: string, found: FoundLyrics, now: Date): Promise<Lyrics> {
    await this.model
      .updateOne(
        { key },
        { $set: { found: true, source: 'lrclib', ...found, fetchedAt: now }, $unset: { retryAt: '' } },
        { upsert: true },
      )
      .exec();
    const doc = await this.model.findOne({ key }).lean<LyricsDocument>().exec();
    if (!doc) throw new Error(`lyrics ${key} vanished after being saved`);
    return toLyrics(doc);
  }

  /** Deletes the "none" answers past their retry time; returns how many. */
  async deleteStaleNones(now: Date): Promise<number> {
    const result = await this.model.deleteMany({ found: false, retryAt: { $lte: now } }).exec();
    return result.deletedCount;
  }

  async saveNone(key: string, now: Date, retryAt: Date): Promise<void> {
    await this.model
      .updateOne({ key }, { $set: { found: false, source: 'lrclib', fetchedAt: now, retryAt } }, { upsert: true })
      .exec();
  }
}

/** Lyrics that could not be stored: shown once, without an id to page by. */
export function unsavedLyrics(found: FoundLyrics): Lyrics {
  return toLyrics({ _id: null, key: '', found: true, source: 'lrclib', fetchedAt: new Date(0), ...found });
}

function toLyrics(doc: Omit<LyricsDocument, '_id'> & { _id: LyricsDocument['_id'] | null }): Lyrics {
  const synced = doc.syncedLyrics ? parseLrc(doc.syncedLyrics) : [];
  const plain = doc.plainLyrics ?? (synced.length > 0 ? synced.map((line) => line.text).join('\n') : null);
  return {
    id: doc._id ? doc._id.toHexString() : '',
    source: 'lrclib',
    sourceId: doc.sourceId ?? 0,
    artist: doc.artist ?? '',
    title: doc.title ?? '',
    album: doc.album ?? null,
    durationMs: doc.durationMs ?? 0,
    instrumental: doc.instrumental ?? false,
    synced: synced.length > 0 ? synced : null,
    plain: plain && plain.trim() !== '' ? plain : null,
  };
}
