import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { LavalinkSessionDocument } from './lavalink-session.schema';

@Injectable()
export class LavalinkSessionRepository {
  constructor(@InjectModel(LavalinkSessionDocument.name) private readonly sessions: Model<LavalinkSessionDocument>) {}

  async save(node: string, sessionId: string): Promise<void> {
    await this.sessions.updateOne({ node }, { $set: { sessionId } }, { upsert: true }).exec();
  }

  /** Node name -> last session id. */
  async findAll(): Promise<Map<string, string>> {
    const docs = await this.sessions.find({}, { node: 1, sessionId: 1 }).lean().exec();
    return new Map(docs.map((doc) => [doc.node, doc.sessionId]));
  }
}
