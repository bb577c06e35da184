import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isValidObjectId, mongo, type Model } from 'mongoose';
import type {
  CatalogTrack,
  LavalinkTrackData,
  NewCatalogTrack,
  PinnedBy,
  PinRecord,
  TrackAlternate,
} from './catalog.types';
import { escapeRegex, foldSearchText, searchTextOf } from './search-text';
import { TRACK_MODEL, type TrackDocument } from './track.schema';

/** What a key is made of, and what decides which of two songs stays when they turn out to be one. */
export type TrackKeyFields = Pick<CatalogTrack, 'id' | 'key' | 'artist' | 'title' | 'variant' | 'pin' | 'createdAt'>;

/** Just the key fields of a song. */
export function keyFieldsOf(track: TrackKeyFields): TrackKeyFields {
  const { id, key, artist, title, variant, pin, createdAt } = track;
  return { id, key, artist, title, variant, pin, createdAt };
}

/** Fields a new pin changes. */
export interface PinChange {
  youtubeId: string;
  lavalink: LavalinkTrackData;
  by: PinnedBy;
  score: number;
  at: Date;
  /** Aliases to add at the same time (the old and new video ids). */
  aliases: string[];
  /** The song's re-pin history with this one added (trimmed by the caller). */
  pinHistory: PinRecord[];
}

const DUPLICATE_KEY = 11000;
/** Songs read at most by a key-or-alias lookup (aliases are rarely shared by more than one or two). */
const KEY_OR_ALIAS_MATCHES = 10;

/** The `tracks` collection. Returns plain objects; every query here is one FerretDB 1.x accepts. */
@Injectable()
export class TrackRepository {
  constructor(@InjectModel(TRACK_MODEL) private readonly model: Model<TrackDocument>) {}

  async findById(id: string): Promise<CatalogTrack | null> {
    if (!isValidObjectId(id)) return null;
    return toTrack(await this.model.findById(id).lean<TrackDocument>().exec());
  }

  async findByKey(key: string): Promise<CatalogTrack | null> {
    return toTrack(await this.model.findOne({ key }).lean<TrackDocument>().exec());
  }

  /** The track with this key, else one of these aliases (a key match wins). */
  async findByKeyOrAlias(key: string | undefined, aliases: string[]): Promise<CatalogTrack | null> {
    if (!key) return aliases.length === 0 ? null : toTrack(await this.findOneByAlias(aliases));
    if (aliases.length === 0) return this.findByKey(key);
    // One query (two indexes on MongoDB; one pass where the test database reads every song).
    const found = await this.model
      .find({ $or: [{ key }, { aliases: { $in: aliases } }] })
      .limit(KEY_OR_ALIAS_MATCHES)
      .lean<TrackDocument[]>()
      .exec();
    const byKey = found.find((doc) => doc.key === key);
    if (byKey) return toTrack(byKey);
    // As many alias matches as asked for: the key's song may be among those left out.
    if (found.length === KEY_OR_ALIAS_MATCHES) return (await this.findByKey(key)) ?? toTrack(found[0]);
    return toTrack(found[0] ?? null);
  }

  private findOneByAlias(aliases: string[]): Promise<TrackDocument | null> {
    return this.model
      .findOne({ aliases: { $in: aliases } })
      .lean<TrackDocument>()
      .exec();
  }

  /** The song pinned to this video, or with the video among its aliases (the pin wins). */
  async findByVideoId(videoId: string): Promise<CatalogTrack | null> {
    const pinned = await this.model.findOne({ youtubeId: videoId }).lean<TrackDocument>().exec();
    if (pinned) return toTrack(pinned);
    return toTrack(
      await this.model
        .findOne({ aliases: videoAlias(videoId) })
        .lean<TrackDocument>()
        .exec(),
    );
  }

  async findBySpotifyId(spotifyId: string): Promise<CatalogTrack | null> {
    return toTrack(await this.model.findOne({ spotifyId }).lean<TrackDocument>().exec());
  }

  async findManyByKeys(keys: string[]): Promise<CatalogTrack[]> {
    if (keys.length === 0) return [];
    const docs = await this.model
      .find({ key: { $in: keys } })
      .lean<TrackDocument[]>()
      .exec();
    return docs.map((doc) => toTrack(doc) as CatalogTrack);
  }

  async findManyBySpotifyIds(spotifyIds: string[]): Promise<CatalogTrack[]> {
    if (spotifyIds.length === 0) return [];
    const docs = await this.model
      .find({ spotifyId: { $in: spotifyIds } })
      .lean<TrackDocument[]>()
      .exec();
    return docs.map((doc) => toTrack(doc) as CatalogTrack);
  }

  /** Playable tracks whose "artist title" or title starts with `prefix` (folded). */
  async searchByPrefix(prefix: string, limit: number): Promise<CatalogTrack[]> {
    const folded = foldSearchText(prefix);
    if (!folded || limit <= 0) return [];
    const docs = await this.model
      .find({ searchText: { $regex: `^${escapeRegex(folded)}` }, unavailable: false })
      .limit(limit)
      .lean<TrackDocument[]>()
      .exec();
    return docs.map((doc) => toTrack(doc) as CatalogTrack);
  }

  /** The artist names of the `limit` songs pinned last, newest first (the catalog's known artists). */
  async recentArtists(limit: number): Promise<string[]> {
    if (limit <= 0) return [];
    const docs = await this.model
      .find({}, { artist: 1 })
      .sort({ _id: -1 })
      .limit(limit)
      .lean<Array<Pick<TrackDocument, 'artist'>>>()
      .exec();
    return docs.map((doc) => doc.artist).filter((artist) => typeof artist === 'string' && artist.length > 0);
  }

  /**
   * Inserts a new song. When another request pinned the same key first, adds this one's aliases
   * to that song and returns it instead (first pin wins).
   */
  async create(input: NewCatalogTrack): Promise<CatalogTrack> {
    try {
      const created = await this.model.create({ ...input, searchText: searchTextOf(input.artist, input.title) });
      return toTrack(created.toObject()) as CatalogTrack;
    } catch (error: unknown) {
      if (!(error instanceof mongo.MongoServerError) || error.code !== DUPLICATE_KEY) throw error;
      const existing = await this.findByKey(input.key);
      if (!existing) throw error;
      return (await this.addAliases(existing.id, input.aliases)) ?? existing;
    }
  }

  /** Inserts songs that are not known yet (by key); known ones are left alone. */
  async createMissing(inputs: NewCatalogTrack[]): Promise<number> {
    if (inputs.length === 0) return 0;
    const docs = inputs.map((input) => ({ ...input, searchText: searchTextOf(input.artist, input.title) }));
    try {
      const inserted = await this.model.insertMany(docs, { ordered: false });
      return inserted.length;
    } catch (error: unknown) {
      // Some keys already existed: the others were inserted all the same (ordered: false).
      if (error instanceof mongo.MongoBulkWriteError && error.code === DUPLICATE_KEY) return error.insertedCount;
      if (isBulkDuplicateOnly(error)) return 0;
      throw error;
    }
  }

  async addAliases(id: string, aliases: string[]): Promise<CatalogTrack | null> {
    if (aliases.length === 0) return this.findById(id);
    return toTrack(
      await this.model
        .findByIdAndUpdate(id, { $addToSet: { aliases: { $each: aliases } } }, { returnDocument: 'after' })
        .lean<TrackDocument>()
        .exec(),
    );
  }

  async setPin(id: string, change: PinChange): Promise<CatalogTrack | null> {
    return toTrack(
      await this.model
        .findByIdAndUpdate(
          id,
          {
            $set: {
              youtubeId: change.youtubeId,
              lavalink: change.lavalink,
              pin: { by: change.by, at: change.at, score: change.score },
              pinHistory: change.pinHistory,
              unavailable: false,
            },
            $addToSet: { aliases: { $each: change.aliases } },
          },
          { returnDocument: 'after' },
        )
        .lean<TrackDocument>()
        .exec(),
    );
  }

  /** Counts a failed load of `videoId` and keeps it from being picked again. */
  async recordFailure(id: string, videoId: string, unavailable: boolean): Promise<void> {
    await this.model
      .updateOne({ _id: id }, { $inc: { failures: 1 }, $addToSet: { failedVideoIds: videoId }, $set: { unavailable } })
      .exec();
  }

  /** Records the song's upload on another source, replacing the one recorded for that source before. */
  async setAlternate(id: string, alternate: TrackAlternate, others: TrackAlternate[]): Promise<void> {
    const alternates = [...others.filter((known) => known.source !== alternate.source), alternate];
    await this.model.updateOne({ _id: id }, { $set: { alternates } }).exec();
  }

  /** Forgets an alternate that failed to play, so the next fallback searches again. */
  async removeAlternate(id: string, identifier: string): Promise<void> {
    // Read and set rather than `$pull` with a condition, which the test database (FerretDB 1.x) ignores.
    const doc = await this.model.findById(id, { alternates: 1 }).lean<{ alternates?: TrackAlternate[] }>().exec();
    const alternates = doc?.alternates ?? [];
    const kept = alternates.filter((alternate) => alternate.lavalink.identifier !== identifier);
    if (kept.length !== alternates.length)
      await this.model.updateOne({ _id: id }, { $set: { alternates: kept } }).exec();
  }

  async setSourceIds(id: string, ids: { spotifyId?: string; isrc?: string }): Promise<void> {
    const set = Object.fromEntries(Object.entries(ids).filter(([, value]) => value !== undefined));
    if (Object.keys(set).length > 0) await this.model.updateOne({ _id: id }, { $set: set }).exec();
  }

  /** Takes one alias off a song (a plain-value `$pull`, which FerretDB 1.x applies). */
  async removeAlias(id: string, alias: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $pull: { aliases: alias } }).exec();
  }

  /** Every song's key fields, in batches (a scan: the re-key reads them all once). */
  async *keyFields(batchSize = 500): AsyncGenerator<TrackKeyFields> {
    const cursor = this.model
      .find({}, { key: 1, artist: 1, title: 1, variant: 1, pin: 1, createdAt: 1 })
      .lean<Array<Pick<TrackDocument, '_id' | 'key' | 'artist' | 'title' | 'variant' | 'pin' | 'createdAt'>>>()
      .cursor({ batchSize });
    for await (const doc of cursor) yield keyFieldsOf({ ...doc, id: doc._id.toString() });
  }

  /**
   * Gives the song a new key; the old one stays as a `key:` alias, so what still holds it (a saved
   * queue) finds the song. False when another song has that key.
   */
  async setKey(id: string, key: string, previousKey: string): Promise<boolean> {
    try {
      const result = await this.model
        .updateOne({ _id: id }, { $set: { key }, $addToSet: { aliases: `key:${previousKey}` } })
        .exec();
      return result.matchedCount === 1;
    } catch (error: unknown) {
      if (error instanceof mongo.MongoServerError && error.code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.model.deleteOne({ _id: id }).exec();
    return result.deletedCount === 1;
  }
}

/** The alias a video id is stored under. */
export function videoAlias(videoId: string): string {
  return `yt:${videoId}`;
}

function isBulkDuplicateOnly(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('writeErrors' in error)) return false;
  const writeErrors = error.writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : [writeErrors];
  return list.every((item) => (item as { code?: number } | null)?.code === DUPLICATE_KEY);
}

function toTrack(doc: TrackDocument | null | undefined): CatalogTrack | null {
  if (!doc) return null;
  return {
    id: doc._id.toString(),
    key: doc.key,
    artist: doc.artist,
    title: doc.title,
    variant: doc.variant,
    youtubeId: doc.youtubeId,
    durationMs: doc.durationMs,
    isrc: doc.isrc ?? undefined,
    spotifyId: doc.spotifyId ?? undefined,
    artworkUrl: doc.artworkUrl ?? undefined,
    tags: doc.tags ?? [],
    aliases: doc.aliases ?? [],
    pin: { by: doc.pin.by, at: doc.pin.at, score: doc.pin.score },
    lavalink: toLavalinkTrackData(doc.lavalink),
    unavailable: doc.unavailable ?? false,
    failures: doc.failures ?? 0,
    failedVideoIds: doc.failedVideoIds ?? [],
    alternates: doc.alternates?.map((alternate) => ({
      source: alternate.source,
      lavalink: toLavalinkTrackData(alternate.lavalink),
      at: alternate.at,
    })),
    pinHistory: (doc.pinHistory ?? []).map((record) => ({
      at: record.at,
      fromYoutubeId: record.fromYoutubeId,
      youtubeId: record.youtubeId,
      by: record.by,
      score: record.score,
      ...(record.actor
        ? { actor: { userId: record.actor.userId, guildId: record.actor.guildId ?? null, via: record.actor.via } }
        : {}),
    })),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

function toLavalinkTrackData(data: LavalinkTrackData): LavalinkTrackData {
  return {
    encoded: data.encoded,
    identifier: data.identifier,
    title: data.title,
    author: data.author,
    uri: data.uri ?? undefined,
    artworkUrl: data.artworkUrl ?? undefined,
    length: data.length,
    isStream: data.isStream,
    isSeekable: data.isSeekable,
    sourceName: data.sourceName,
  };
}
