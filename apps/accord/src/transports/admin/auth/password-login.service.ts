import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { AdminError, AdminErrorCode } from '@accord/core';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;
const KEY_LENGTH = 32;
/** Failed attempts allowed from everywhere together per window (the per-IP limit is the throttler's). */
const MAX_FAILURES_PER_WINDOW = 20;
const WINDOW_MS = 60_000;

/**
 * The owner's password login. The configured password is hashed once with scrypt and a random
 * salt at boot; an attempt is hashed the same way and compared in constant time. Besides the
 * per-IP throttle on the route, failures from all addresses together are capped, so rotating
 * addresses (or forged X-Forwarded-For headers) does not buy a brute force more tries.
 */
@Injectable()
export class PasswordLoginService {
  private readonly salt = randomBytes(16);
  private readonly expected: Buffer | null;
  private failures: number[] = [];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { password, sessionSecret } = config.admin;
    this.expected = password && sessionSecret ? scryptSync(password, this.salt, KEY_LENGTH) : null;
  }

  get enabled(): boolean {
    return this.expected !== null;
  }

  /** Resolves when `attempt` is the owner password; throws a refusal otherwise. */
  async verify(attempt: string, now = Date.now()): Promise<void> {
    if (!this.expected) {
      throw new AdminError(AdminErrorCode.LoginNotConfigured, 'Password login is not configured on this bot.');
    }
    this.failures = this.failures.filter((at) => now - at < WINDOW_MS);
    if (this.failures.length >= MAX_FAILURES_PER_WINDOW) {
      throw new AdminError(AdminErrorCode.TooManyAttempts, 'Too many failed sign-ins. Wait a minute and try again.');
    }
    const actual = await scryptAsync(attempt, this.salt, KEY_LENGTH);
    if (!timingSafeEqual(actual, this.expected)) {
      this.failures.push(now);
      throw new AdminError(AdminErrorCode.WrongPassword, 'That password is not right.');
    }
  }
}
