import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { LoginMethod } from '@accord/contracts';
import { AdminSessionDocument } from './admin-session.schema';
import type { AdminSession } from './admin-session.types';

/** The `admin_sessions` collection, as plain objects. */
@Injectable()
export class AdminSessionRepository {
  constructor(@InjectModel(AdminSessionDocument.name) private readonly sessions: Model<AdminSessionDocument>) {}

  async insert(session: AdminSession): Promise<void> {
    await this.sessions.create(session);
  }

  async findLive(idHash: string, now: Date): Promise<AdminSession | null> {
    const doc = await this.sessions
      .findOne({ idHash, expiresAt: { $gt: now } })
      .lean()
      .exec();
    if (!doc) return null;
    return {
      idHash: doc.idHash,
      userId: doc.userId,
      username: doc.username,
      avatarUrl: doc.avatarUrl ?? null,
      method: doc.method as LoginMethod,
      owner: doc.owner,
      ...(doc.passwordFingerprint ? { passwordFingerprint: doc.passwordFingerprint } : {}),
      guilds: (doc.guilds ?? []).map(({ id, permissions, owner }) => ({ id, permissions, owner })),
      createdAt: new Date(doc.createdAt),
      expiresAt: new Date(doc.expiresAt),
    };
  }

  async delete(idHash: string): Promise<void> {
    await this.sessions.deleteOne({ idHash }).exec();
  }

  /** Deletes expired sessions; returns how many. */
  async deleteExpired(now: Date): Promise<number> {
    const result = await this.sessions.deleteMany({ expiresAt: { $lte: now } }).exec();
    return result.deletedCount;
  }
}
