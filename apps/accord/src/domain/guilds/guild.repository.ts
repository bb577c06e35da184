import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { GuildDocument } from './guild.schema';
import type { PersistedSession } from './guild-session.types';
import type { GuildSettings } from './guild-settings.types';

type StoredSettings = Partial<Omit<GuildSettings, 'guildId'>>;

/**
 * The `guilds` collection: settings and persisted sessions, as plain objects. The writes of one
 * guild's document go one at a time: a store that updates a document by reading it and writing it
 * back (FerretDB) would otherwise let a session write undo a settings change made meanwhile.
 */
@Injectable()
export class GuildRepository {
  private readonly writing = new Map<string, Promise<unknown>>();

  constructor(@InjectModel(GuildDocument.name) private readonly guilds: Model<GuildDocument>) {}

  async findSettings(guildId: string): Promise<StoredSettings | null> {
    const doc = await this.guilds.findOne({ guildId }, { settings: 1 }).lean().exec();
    return doc ? doc.settings : null;
  }

  async updateSettings(guildId: string, patch: StoredSettings): Promise<void> {
    const set = Object.fromEntries(Object.entries(patch).map(([key, value]) => [`settings.${key}`, value]));
    await this.oneAtATime(guildId, () => this.guilds.updateOne({ guildId }, { $set: set }, { upsert: true }).exec());
  }

  async saveSession(guildId: string, session: PersistedSession): Promise<void> {
    await this.oneAtATime(guildId, () =>
      this.guilds.updateOne({ guildId }, { $set: { session, sessionActive: true } }, { upsert: true }).exec(),
    );
  }

  /** A cheap write for the playhead, which moves all the time. */
  async saveSessionPosition(guildId: string, positionMs: number, at: Date): Promise<void> {
    await this.oneAtATime(guildId, () =>
      this.guilds
        .updateOne(
          { guildId, sessionActive: true },
          { $set: { 'session.current.positionMs': positionMs, 'session.updatedAt': at } },
        )
        .exec(),
    );
  }

  async clearSession(guildId: string): Promise<void> {
    await this.oneAtATime(guildId, () =>
      this.guilds.updateOne({ guildId }, { $set: { session: null, sessionActive: false } }).exec(),
    );
  }

  /** Runs `write` after the guild's earlier writes have settled (whatever their outcome). */
  private oneAtATime<T>(guildId: string, write: () => Promise<T>): Promise<T> {
    const run = (this.writing.get(guildId) ?? Promise.resolve()).then(write, write);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.writing.set(guildId, settled);
    void settled.then(() => {
      if (this.writing.get(guildId) === settled) this.writing.delete(guildId);
    });
    return run;
  }

  async findActiveSessions(): Promise<Array<{ guildId: string; session: PersistedSession }>> {
    const docs = await this.guilds.find({ sessionActive: true }, { guildId: 1, session: 1 }).lean().exec();
    return docs
      .filter((doc) => doc.session !== null)
      .map((doc) => ({ guildId: doc.guildId, session: reviveDates(doc.session as unknown as PersistedSession) }));
  }
}

/** Mixed sub-documents come back with Dates intact from MongoDB, but be strict about it. */
function reviveDates(session: PersistedSession): PersistedSession {
  const date = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));
  return {
    ...session,
    updatedAt: date(session.updatedAt),
    current: session.current
      ? {
          ...session.current,
          startedAt: date(session.current.startedAt),
          entry: { ...session.current.entry, addedAt: date(session.current.entry.addedAt) },
        }
      : null,
    queue: session.queue.map((entry) => ({ ...entry, addedAt: date(entry.addedAt) })),
  };
}
