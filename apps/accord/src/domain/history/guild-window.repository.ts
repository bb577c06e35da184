import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { decodeWindow, encodeWindow, withoutUser } from './guild-window';
import { GUILD_WINDOW_MODEL, type GuildWindowDocument } from './guild-window.schema';
import type { WindowEntry } from './history.types';
import type { KeyRenames } from './played-song';

/** The `guild_windows` collection: one primary-key read gives a guild's recent plays. */
@Injectable()
export class GuildWindowRepository {
  constructor(@InjectModel(GUILD_WINDOW_MODEL) private readonly windows: Model<GuildWindowDocument>) {}

  async get(guildId: string): Promise<WindowEntry[]> {
    const doc = await this.windows.findById(guildId, { data: 1 }).lean<{ data?: string }>().exec();
    return decodeWindow(doc?.data);
  }

  async save(guildId: string, entries: readonly WindowEntry[], at: Date): Promise<void> {
    await this.windows
      .updateOne(
        { _id: guildId },
        { $set: { data: encodeWindow(entries), count: entries.length, updatedAt: at } },
        { upsert: true },
      )
      .exec();
  }

  /** Moves renamed songs' entries to their new keys in every guild's window. */
  async renameTracks(renames: KeyRenames, at: Date): Promise<void> {
    if (renames.size === 0) return;
    const docs = await this.windows.find({}, { data: 1 }).lean<Array<{ _id: string; data?: string }>>().exec();
    for (const doc of docs) {
      const entries = decodeWindow(doc.data);
      if (!entries.some((entry) => renames.has(entry.trackKey))) continue;
      const renamed = entries.map((entry) => {
        const to = renames.get(entry.trackKey);
        return to ? { ...entry, ...to } : entry;
      });
      await this.save(doc._id, renamed, at);
    }
  }

  /** Removes a user from every guild's window (forget-me); windows are few, one a guild. */
  async forgetUser(userId: string, at: Date): Promise<void> {
    const docs = await this.windows.find({}, { data: 1 }).lean<Array<{ _id: string; data?: string }>>().exec();
    for (const doc of docs) {
      const entries = decodeWindow(doc.data);
      if (
        !entries.some((entry) => entry.listeners.includes(userId) || entry.fits?.some((fit) => fit.userId === userId))
      )
        continue;
      await this.save(doc._id, withoutUser(entries, userId), at);
    }
  }
}
