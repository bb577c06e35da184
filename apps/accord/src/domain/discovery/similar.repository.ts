import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { SIMILAR_MODEL, type SimilarDocument } from './similar.schema';

/** The `similar` collection (cached source answers). Every query here is one FerretDB 1.x accepts. */
@Injectable()
export class SimilarRepository {
  constructor(@InjectModel(SIMILAR_MODEL) private readonly model: Model<SimilarDocument>) {}

  /** The stored answer, unless it has expired (an expired one may linger until the next clean-up). */
  async find<T>(source: string, key: string, now: Date): Promise<T | undefined> {
    const doc = await this.model
      .findOne({ source, key, expiresAt: { $gt: now } }, { payload: 1 })
      .lean<Pick<SimilarDocument, 'payload'>>()
      .exec();
    return doc ? (doc.payload as T) : undefined;
  }

  async save(source: string, key: string, payload: unknown, expiresAt: Date, now: Date): Promise<void> {
    await this.model
      .updateOne({ source, key }, { $set: { payload, expiresAt, createdAt: now } }, { upsert: true })
      .exec();
  }

  /** Every unexpired answer of one source, read in batches (the taste model's training reads them all). */
  async *allOf<T>(source: string, now: Date, batchSize = 500): AsyncGenerator<{ key: string; payload: T }> {
    const cursor = this.model
      .find({ source, expiresAt: { $gt: now } }, { key: 1, payload: 1 })
      .lean<Pick<SimilarDocument, 'key' | 'payload'>>()
      .batchSize(batchSize)
      .cursor();
    for await (const doc of cursor) {
      const row = doc;
      yield { key: row.key, payload: row.payload as T };
    }
  }

  /** Deletes expired answers; returns how many. */
  async deleteExpired(now: Date): Promise<number> {
    const result = await this.model.deleteMany({ expiresAt: { $lte: now } }).exec();
    return result.deletedCount;
  }
}
