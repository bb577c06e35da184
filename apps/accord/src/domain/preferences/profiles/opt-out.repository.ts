import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { OPT_OUT_MODEL, type OptOutDocument } from './opt-out.schema';

/** The `privacy_optouts` collection. */
@Injectable()
export class OptOutRepository {
  constructor(@InjectModel(OPT_OUT_MODEL) private readonly optOuts: Model<OptOutDocument>) {}

  async all(): Promise<string[]> {
    const docs = await this.optOuts.find({}, { _id: 1 }).lean<Array<{ _id: string }>>().exec();
    return docs.map((doc) => doc._id);
  }

  async set(userId: string, optedOut: boolean, at: Date): Promise<void> {
    if (optedOut) await this.optOuts.updateOne({ _id: userId }, { $set: { at } }, { upsert: true }).exec();
    else await this.optOuts.deleteOne({ _id: userId }).exec();
  }
}
