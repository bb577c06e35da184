import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model } from 'mongoose';
import type { FeedbackRecord } from './history.types';
import { FEEDBACK_MODEL, type FeedbackDocument } from './feedback.schema';
import { isDuplicateKey } from './play.repository';
import type { KeyRenames } from './played-song';
import { renameTrackKeysIn } from './bulk-writes';

type LeanFeedback = FeedbackDocument & { _id: Types.ObjectId };

/** The `feedback` collection, as plain objects. */
@Injectable()
export class FeedbackRepository {
  constructor(@InjectModel(FEEDBACK_MODEL) private readonly feedback: Model<FeedbackDocument>) {}

  static newId(): string {
    return new Types.ObjectId().toHexString();
  }

  /** Inserts feedback; the same ids twice (a retried write) are not an error. */
  async insertMany(records: readonly FeedbackRecord[]): Promise<void> {
    if (records.length === 0) return;
    try {
      await this.feedback.collection.insertMany(
        records.map(({ id, ...fields }) => ({
          _id: new Types.ObjectId(id),
          ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
        })),
        { ordered: false },
      );
    } catch (error: unknown) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  /** A user's feedback, newest first (indexed by user and time). */
  async forUser(userId: string, limit = 100): Promise<FeedbackRecord[]> {
    const docs = await this.feedback.find({ userId }).sort({ at: -1 }).limit(limit).lean<LeanFeedback[]>().exec();
    return docs.map(toRecord);
  }

  async countForUser(userId: string): Promise<number> {
    return this.feedback.countDocuments({ userId }).exec();
  }

  /** Songs renamed or joined in the catalog: their likes, dislikes and skips follow the new keys. */
  async renameTracks(renames: KeyRenames): Promise<number> {
    return renameTrackKeysIn(this.feedback, renames);
  }

  async deleteForUser(userId: string): Promise<number> {
    return (await this.feedback.deleteMany({ userId }).exec()).deletedCount;
  }
}

function toRecord(doc: LeanFeedback): FeedbackRecord {
  return {
    id: doc._id.toHexString(),
    userId: doc.userId,
    guildId: doc.guildId,
    trackKey: doc.trackKey,
    artistKey: doc.artistKey,
    kind: doc.kind as FeedbackRecord['kind'],
    weight: doc.weight,
    at: doc.at,
    playId: doc.playId,
    source: doc.source as FeedbackRecord['source'],
  };
}
