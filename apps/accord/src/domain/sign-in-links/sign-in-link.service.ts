import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import { SignInLinkRepository } from './sign-in-link.repository';
import type { IssuedSignInLink, SignInGrant } from './sign-in-link.types';

/** How long a link from `/panel` can be used. */
export const SIGN_IN_LINK_TTL_MS = 10 * 60 * 1000;
const TOKEN_BYTES = 32;
const CLEANUP_EVERY_MS = 60 * 60 * 1000;

/**
 * One-time panel sign-in links: a member who may manage a guild asks in Discord (where Discord
 * has already vouched for who they are) and gets a link that signs them in once, within ten
 * minutes. The token is 32 random bytes; only its SHA-256 is stored, and using it deletes it.
 */
@Injectable()
export class SignInLinkService {
  private readonly logger = new Logger(SignInLinkService.name);

  constructor(
    private readonly repository: SignInLinkRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async issue(grant: SignInGrant): Promise<IssuedSignInLink> {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + SIGN_IN_LINK_TTL_MS);
    await this.repository.insert(hashToken(token), grant, expiresAt);
    this.logger.log(`Issued a panel sign-in link to user ${grant.userId} for guild ${grant.guildId}`);
    return { token, expiresAt };
  }

  /** What the link grants, once: null when the token is unknown, used already, or expired. */
  async redeem(token: string): Promise<SignInGrant | null> {
    const taken = await this.repository.take(hashToken(token));
    if (!taken || taken.expiresAt <= this.clock.now()) return null;
    return taken.grant;
  }

  @Interval(CLEANUP_EVERY_MS)
  async removeExpired(): Promise<number> {
    try {
      return await this.repository.deleteExpired(this.clock.now());
    } catch (error) {
      this.logger.warn(`Could not remove expired sign-in links: ${String(error)}`);
      return 0;
    }
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
