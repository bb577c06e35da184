import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { SignInLinkDocument } from './sign-in-link.schema';
import type { SignInGrant } from './sign-in-link.types';

/** The `sign_in_links` collection, as plain objects. */
@Injectable()
export class SignInLinkRepository {
  constructor(@InjectModel(SignInLinkDocument.name) private readonly links: Model<SignInLinkDocument>) {}

  async insert(tokenHash: string, grant: SignInGrant, expiresAt: Date): Promise<void> {
    await this.links.create({ tokenHash, ...grant, expiresAt });
  }

  /**
   * Removes the link and returns what it granted, in one step: two requests racing with the same
   * token cannot both get it. Returns null for an unknown (or already used) token.
   */
  async take(tokenHash: string): Promise<{ grant: SignInGrant; expiresAt: Date } | null> {
    const doc = await this.links.findOneAndDelete({ tokenHash }).lean().exec();
    if (!doc) return null;
    return {
      grant: {
        userId: doc.userId,
        username: doc.username,
        avatarUrl: doc.avatarUrl ?? null,
        guildId: doc.guildId,
        permissions: doc.permissions,
        guildOwner: doc.guildOwner,
      },
      expiresAt: new Date(doc.expiresAt),
    };
  }

  /** Deletes links past their expiry; returns how many. */
  async deleteExpired(now: Date): Promise<number> {
    const result = await this.links.deleteMany({ expiresAt: { $lte: now } }).exec();
    return result.deletedCount;
  }
}
