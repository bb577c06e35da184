import { parseTrackKey } from '@accord/track-identity';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model } from 'mongoose';
import type { PlaySource, TrackEndReason } from '@accord/core';
import type { CoListenedTrack } from './guild-history.port';
import type { PlayRecord } from './history.types';
import { PLAY_MODEL, type PlayDocument } from './play.schema';
import type { KeyRenames } from './played-song';
import { bulkWriteInChunks, renameTrackKeysIn } from './bulk-writes';

type LeanPlay = PlayDocument & { _id: Types.ObjectId };

/** Co-listening reads at most this many of the neighbours' recent plays. */
const CO_LISTENING_SCAN = 5_000;

export interface PlayClose {
  endedAt: Date;
  playedMs: number;
  endReason: TrackEndReason;
  listeners: string[];
  listened: Array<{ userId: string; ms: number }>;
  skippedBy?: string;
  likes: number;
  dislikes: number;
  interrupted?: boolean;
}

/** The `plays` collection: the guilds' listening log, as plain objects. */
@Injectable()
export class PlayRepository {
  constructor(@InjectModel(PLAY_MODEL) private readonly plays: Model<PlayDocument>) {}

  static newId(): string {
    return new Types.ObjectId().toHexString();
  }

  /** Inserts an open play; inserting the same id twice (a retried write) is not an error. */
  async insert(play: PlayRecord): Promise<void> {
    const { id, ...fields } = play;
    try {
      await this.plays.collection.insertOne({ _id: new Types.ObjectId(id), ...stripUndefined(fields) });
    } catch (error: unknown) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  async updateListeners(
    id: string,
    listeners: string[],
    listened: Array<{ userId: string; ms: number }>,
    lastKnownAt: Date,
  ): Promise<void> {
    await this.plays.updateOne({ _id: id }, { $set: { listeners, listened, lastKnownAt } }).exec();
  }

  async checkpoint(id: string, lastKnownAt: Date, playedMs: number): Promise<void> {
    await this.plays.updateOne({ _id: id }, { $set: { lastKnownAt, playedMs } }).exec();
  }

  async close(id: string, close: PlayClose): Promise<void> {
    const { skippedBy, interrupted, ...fields } = close;
    await this.plays
      .updateOne(
        { _id: id },
        {
          $set: {
            ...fields,
            lastKnownAt: close.endedAt,
            ...(skippedBy ? { skippedBy } : {}),
            ...(interrupted ? { interrupted } : {}),
          },
        },
      )
      .exec();
  }

  async findById(id: string): Promise<PlayRecord | null> {
    const doc = await this.plays.findById(id).lean<LeanPlay>().exec();
    return doc ? toRecord(doc) : null;
  }

  /** Plays left open (by a crash, or still going while the bot restarted). */
  async findOpen(): Promise<PlayRecord[]> {
    const docs = await this.plays.find({ endedAt: null }).lean<LeanPlay[]>().exec();
    return docs.map(toRecord);
  }

  /** A guild's plays, newest first (beyond the recent window; indexed by guild and time). */
  async recentForGuild(guildId: string, limit: number): Promise<PlayRecord[]> {
    const docs = await this.plays.find({ guildId }).sort({ startedAt: -1 }).limit(limit).lean<LeanPlay[]>().exec();
    return docs.map(toRecord);
  }

  /** About how many plays are stored (collection metadata, no scan). */
  async estimatedCount(): Promise<number> {
    return this.plays.estimatedDocumentCount().exec();
  }

  /**
   * Every stored play, in chunks of `size`, in storage order (a rebuild's one pass). Each chunk is
   * its own query, read whole: no cursor stays open while the caller writes, which the test
   * database (FerretDB 1.x on SQLite) would not let a write through.
   */
  async *chunks(size: number): AsyncGenerator<PlayRecord[]> {
    for (let offset = 0; ; offset += size) {
      const docs = await this.plays.find({}).skip(offset).limit(size).lean<LeanPlay[]>().exec();
      if (docs.length > 0) yield docs.map(toRecord);
      if (docs.length < size) return;
    }
  }

  /** When this guild last played each track, over its whole history (indexed by guild, track, time). */
  async lastPlayedEver(guildId: string, trackKeys: readonly string[]): Promise<Map<string, Date>> {
    const found = new Map<string, Date>();
    await Promise.all(
      [...new Set(trackKeys)].map(async (trackKey) => {
        const doc = await this.plays
          .findOne({ guildId, trackKey }, { startedAt: 1 })
          .sort({ startedAt: -1 })
          .lean<{ startedAt: Date }>()
          .exec();
        if (doc) found.set(trackKey, doc.startedAt);
      }),
    );
    return found;
  }

  /**
   * "People who play these also play": listeners of the seed tracks since `since` (one pipeline
   * of stages FerretDB 1.x runs correctly: $match, $unwind, $group with one $sum, $sort, $limit),
   * then the other tracks those listeners heard recently, by how many of them heard each.
   */
  async coListened(trackKeys: readonly string[], since: Date, limit: number): Promise<CoListenedTrack[]> {
    if (trackKeys.length === 0) return [];
    const seedListeners = await this.plays
      .aggregate<{ _id: string }>([
        { $match: { trackKey: { $in: [...trackKeys] }, startedAt: { $gte: since } } },
        { $unwind: '$listeners' },
        { $group: { _id: '$listeners', n: { $sum: 1 } } },
        { $sort: { n: -1 } },
        { $limit: 200 },
      ])
      .exec();
    const users = seedListeners.map((row) => row._id);
    if (users.length === 0) return [];
    const seeds = new Set(trackKeys);
    const wanted = new Set(users);
    // The names come with the plays (newest first, so the latest spelling): no query per track.
    const theirPlays = await this.plays
      .find(
        { listeners: { $in: users }, startedAt: { $gte: since } },
        { trackKey: 1, listeners: 1, artist: 1, title: 1 },
      )
      .sort({ startedAt: -1 })
      .limit(CO_LISTENING_SCAN)
      .lean<Array<{ trackKey: string; listeners: string[]; artist?: string; title?: string }>>()
      .exec();
    const byTrack = new Map<string, Set<string>>();
    const names = new Map<string, { artist: string; title: string }>();
    for (const { trackKey, listeners, artist, title } of theirPlays) {
      if (seeds.has(trackKey)) continue;
      const set = byTrack.get(trackKey) ?? new Set<string>();
      for (const userId of listeners) if (wanted.has(userId)) set.add(userId);
      byTrack.set(trackKey, set);
      if (!names.has(trackKey) && artist && title) names.set(trackKey, { artist, title });
    }
    const ranked = [...byTrack.entries()].sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]));
    const top = ranked.slice(0, limit);
    const most = top[0]?.[1].size ?? 1;
    return top.map(([trackKey, listeners]) => {
      const name = names.get(trackKey);
      const parts = parseTrackKey(trackKey);
      return {
        trackKey,
        artistKey: parts?.artist ?? trackKey,
        artistName: name?.artist ?? parts?.artist ?? trackKey,
        title: name?.title ?? parts?.title ?? trackKey,
        similarTo: trackKeys[0],
        strength: round(listeners.size / (listeners.size + 3)),
        userIds: [...listeners],
        popularity: round(listeners.size / most),
      };
    });
  }

  /** Songs renamed or joined in the catalog: the old keys' plays now count for the new ones. */
  async renameTracks(renames: KeyRenames): Promise<number> {
    return renameTrackKeysIn(this.plays, renames);
  }

  /** Plays this user took part in (listener, requester or skipper). */
  async countForUser(userId: string): Promise<number> {
    return this.plays.countDocuments({ listeners: userId }).exec();
  }

  /**
   * The plays a user took part in (listener, requester or skipper: what `forgetUser` touches),
   * newest first, at most `limit` of them, and how many there are in all (privacy export).
   */
  async forUser(userId: string, limit: number): Promise<{ plays: PlayRecord[]; total: number }> {
    const query = involving(userId);
    const [docs, total] = await Promise.all([
      this.plays.find(query).sort({ startedAt: -1 }).limit(Math.max(1, limit)).lean<LeanPlay[]>().exec(),
      this.plays.countDocuments(query).exec(),
    ]);
    return { plays: docs.map(toRecord), total };
  }

  /**
   * Removes a user from the plays they took part in; the plays stay as anonymous guild history.
   * `$pull` of a plain value and per-document `$set`s, which FerretDB 1.x applies correctly.
   */
  async forgetUser(userId: string): Promise<number> {
    const docs = await this.plays
      .find(involving(userId), { listened: 1, fits: 1, requestedBy: 1, skippedBy: 1 })
      .lean<Array<Pick<LeanPlay, '_id' | 'listened' | 'fits' | 'requestedBy' | 'skippedBy'>>>()
      .exec();
    if (docs.length === 0) return 0;
    await bulkWriteInChunks(
      this.plays,
      docs.map((doc) => ({
        updateOne: {
          filter: { _id: doc._id },
          update: {
            $pull: { listeners: userId },
            $set: {
              listened: (doc.listened ?? []).filter((entry) => entry.userId !== userId),
              fits: (doc.fits ?? []).filter((fit) => fit.userId !== userId),
            },
            ...(doc.requestedBy === userId || doc.skippedBy === userId
              ? {
                  $unset: {
                    ...(doc.requestedBy === userId ? { requestedBy: '' } : {}),
                    ...(doc.skippedBy === userId ? { skippedBy: '' } : {}),
                  },
                }
              : {}),
          },
        },
      })),
    );
    return docs.length;
  }
}

/** Plays a user took part in: as a listener, the requester or the skipper (each indexed). */
function involving(userId: string): Record<string, unknown> {
  return { $or: [{ listeners: userId }, { requestedBy: userId }, { skippedBy: userId }] };
}

function toRecord(doc: LeanPlay): PlayRecord {
  return {
    id: doc._id.toHexString(),
    guildId: doc.guildId,
    trackKey: doc.trackKey,
    artistKey: doc.artistKey,
    title: doc.title,
    artist: doc.artist,
    youtubeId: doc.youtubeId,
    durationMs: doc.durationMs,
    startedAt: doc.startedAt,
    endedAt: doc.endedAt ?? null,
    lastKnownAt: doc.lastKnownAt,
    playedMs: doc.playedMs,
    endReason: doc.endReason as TrackEndReason | undefined,
    interrupted: doc.interrupted,
    source: doc.source as PlaySource,
    requestedBy: doc.requestedBy,
    listeners: doc.listeners ?? [],
    listened: (doc.listened ?? []).map(({ userId, ms }) => ({ userId, ms })),
    skippedBy: doc.skippedBy,
    reason: doc.reason,
    fits: (doc.fits ?? []).map(({ userId, fit }) => ({ userId, fit })),
    likes: doc.likes ?? 0,
    dislikes: doc.dislikes ?? 0,
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}

export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 11000;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
