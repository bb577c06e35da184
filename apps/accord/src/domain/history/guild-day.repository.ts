import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import {
  dayDocId,
  dayInvolves,
  dayOf,
  dayWithoutUser,
  decodeDay,
  encodeDay,
  mergeDayPlays,
  renameDayTracks,
  upsertDayPlay,
  type DayPlay,
} from './guild-day';
import {
  GUILD_DAY_INDEX_MODEL,
  GUILD_DAY_MODEL,
  type GuildDayDocument,
  type GuildDayIndexDocument,
} from './guild-day.schema';
import type { KeyRenames } from './played-song';

/** The `_id` of the document that says which version of the day documents was built. */
export const READ_MODEL_MARKER_ID = 'read-model-version';
/** Day documents read at once when a request needs several. */
const READ_CONCURRENCY = 8;

/**
 * The `guild_days` and `guild_day_index` collections: a guild's plays by UTC day, read and
 * written by primary key only (see guild-day.ts). Writes go through the history write queue, so
 * a day is never written by two callers at once.
 */
@Injectable()
export class GuildDayRepository {
  constructor(
    @InjectModel(GUILD_DAY_MODEL) private readonly dayDocs: Model<GuildDayDocument>,
    @InjectModel(GUILD_DAY_INDEX_MODEL) private readonly index: Model<GuildDayIndexDocument>,
  ) {}

  /** The days on which the guild has plays, newest first. */
  async days(guildId: string): Promise<string[]> {
    const doc = await this.index.findById(guildId, { days: 1 }).lean<{ days?: string[] }>().exec();
    return [...(doc?.days ?? [])].sort().reverse();
  }

  /** One day's plays, newest first. */
  async read(guildId: string, day: string): Promise<DayPlay[]> {
    const doc = await this.dayDocs.findById(dayDocId(guildId, day), { data: 1 }).lean<{ data?: string }>().exec();
    return decodeDay(doc?.data);
  }

  /** Several days' plays, in the order of `days` (one primary-key read each, a few at a time). */
  async readMany(guildId: string, days: readonly string[]): Promise<DayPlay[][]> {
    const result: DayPlay[][] = [];
    for (let start = 0; start < days.length; start += READ_CONCURRENCY) {
      const batch = days.slice(start, start + READ_CONCURRENCY);
      result.push(...(await Promise.all(batch.map((day) => this.read(guildId, day)))));
    }
    return result;
  }

  /** Adds or replaces one play in its day. */
  async upsert(guildId: string, play: DayPlay, at: Date): Promise<void> {
    const day = dayOf(play.startedAt);
    const doc = await this.dayDocs.findById(dayDocId(guildId, day), { data: 1 }).lean<{ data?: string }>().exec();
    if (!doc) await this.addDay(guildId, day, at);
    await this.save(guildId, day, upsertDayPlay(decodeDay(doc?.data), play), at);
  }

  /** Merges plays read from the `plays` log into their day (rebuild); see `mergeDayPlays`. */
  async merge(guildId: string, day: string, plays: readonly DayPlay[], at: Date): Promise<void> {
    const doc = await this.dayDocs.findById(dayDocId(guildId, day), { data: 1 }).lean<{ data?: string }>().exec();
    if (!doc) await this.addDay(guildId, day, at);
    await this.save(guildId, day, mergeDayPlays(decodeDay(doc?.data), plays), at);
  }

  /** Moves renamed songs' plays to their new keys in every day of every guild (one scan for them all). */
  async renameTracks(renames: KeyRenames, at: Date): Promise<number> {
    if (renames.size === 0) return 0;
    return this.rewriteEach(
      (plays) => plays.some((play) => renames.has(play.trackKey)),
      (plays) => renameDayTracks(plays, renames),
      at,
    );
  }

  /** Takes a user out of every day of every guild (forget-me; a scan: rare). */
  async forgetUser(userId: string, at: Date): Promise<number> {
    return this.rewriteEach(
      (plays) => dayInvolves(plays, userId),
      (plays) => dayWithoutUser(plays, userId),
      at,
    );
  }

  /** The version of the day documents built from the `plays` log, or null when never built. */
  async builtVersion(): Promise<number | null> {
    const doc = await this.index.findById(READ_MODEL_MARKER_ID, { version: 1 }).lean<{ version?: number }>().exec();
    return doc?.version ?? null;
  }

  async markBuilt(version: number, at: Date): Promise<void> {
    await this.index
      .updateOne({ _id: READ_MODEL_MARKER_ID }, { $set: { version, updatedAt: at } }, { upsert: true })
      .exec();
  }

  private async addDay(guildId: string, day: string, at: Date): Promise<void> {
    await this.index
      .updateOne({ _id: guildId }, { $addToSet: { days: day }, $set: { updatedAt: at } }, { upsert: true })
      .exec();
  }

  private async save(guildId: string, day: string, plays: readonly DayPlay[], at: Date): Promise<void> {
    await this.dayDocs
      .updateOne(
        { _id: dayDocId(guildId, day) },
        { $set: { guildId, day, data: encodeDay(plays), count: plays.length, updatedAt: at } },
        { upsert: true },
      )
      .exec();
  }

  private async rewriteEach(
    touches: (plays: DayPlay[]) => boolean,
    rewrite: (plays: DayPlay[]) => DayPlay[],
    at: Date,
  ): Promise<number> {
    let rewritten = 0;
    const cursor = this.dayDocs
      .find({}, { guildId: 1, day: 1, data: 1 })
      .lean<{ _id: string; guildId: string; day: string; data?: string }>()
      .cursor({ batchSize: 50 });
    for await (const doc of cursor) {
      const plays = decodeDay(doc.data);
      if (!touches(plays)) continue;
      await this.save(doc.guildId, doc.day, rewrite(plays), at);
      rewritten += 1;
    }
    return rewritten;
  }
}
