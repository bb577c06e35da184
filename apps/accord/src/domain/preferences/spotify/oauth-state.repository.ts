import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { OAUTH_STATE_MODEL, type OAuthStateDocument } from './oauth-state.schema';

/** The `oauth_states` collection. */
@Injectable()
export class OAuthStateRepository {
  constructor(@InjectModel(OAUTH_STATE_MODEL) private readonly states: Model<OAuthStateDocument>) {}

  async create(state: string, userId: string, provider: string, createdAt: Date, expiresAt: Date): Promise<void> {
    await this.states.create({ _id: state, userId, provider, createdAt, expiresAt });
  }

  /** Takes the state out (single use) and returns whom it was for, if it existed and has not expired. */
  async consume(state: string, now: Date): Promise<{ userId: string; provider: string } | null> {
    const doc = await this.states.findOneAndDelete({ _id: state }).lean<OAuthStateDocument>().exec();
    if (!doc || doc.expiresAt.getTime() <= now.getTime()) return null;
    return { userId: doc.userId, provider: doc.provider };
  }

  async deleteExpired(now: Date): Promise<number> {
    return (await this.states.deleteMany({ expiresAt: { $lte: now } }).exec()).deletedCount;
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.states.deleteMany({ userId }).exec();
  }
}
