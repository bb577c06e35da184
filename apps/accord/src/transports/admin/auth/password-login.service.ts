import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { AdminError, AdminErrorCode } from '@accord/core';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;
const KEY_LENGTH = 32;
/** Failures an address may make before its attempts are slowed down. */
const FREE_FAILURES = 3;
/** The first delay; each further failure doubles it, up to `MAX_DELAY_MS`. */
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;
/** Failures older than this are forgotten. */
const FAILURE_WINDOW_MS = 15 * 60_000;
/** Attempts of one address in progress at once (each waits its delay); more answer 429 at once. */
const MAX_PENDING_PER_ADDRESS = 3;
const MAX_TRACKED_ADDRESSES = 10_000;

/** How long an address with `failures` recent failures waits before its next attempt is checked. */
export function delayAfterFailures(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - FREE_FAILURES));
}

/** The key failures are counted under: the address, or its /64 for IPv6 (one host often owns a whole /64). */
export function addressKey(address: string): string {
  if (!isIPv6(address) || address.includes('.')) return address;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = Array.from({ length: 8 - left.length - right.length }, () => '0');
  const groups = address.includes('::') ? [...left, ...zeros, ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group || '0', 16).toString(16))
    .join(':')}::/64`;
}

/**
 * The owner's password login. The configured password is hashed once with scrypt and a random
 * salt at boot; an attempt is hashed the same way and compared in constant time.
 *
 * Guessing is slowed per address, never refused for everyone: after a few failures an address waits
 * longer before each attempt is checked (doubling to 30 s) and may have only a few attempts in
 * progress, while the right password from any other address is checked at once. There is no global
 * cap, which anyone could fill to lock the owner out (with forged X-Forwarded-For headers, or a few
 * addresses). The address is the client's, or the one a trusted proxy (TRUST_PROXY) reports.
 */
@Injectable()
export class PasswordLoginService {
  private readonly salt = randomBytes(16);
  private readonly expected: Buffer | null;
  private readonly failures = new Map<string, number[]>();
  private readonly pending = new Map<string, number>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { password, sessionSecret } = config.admin;
    this.expected = password && sessionSecret ? scryptSync(password, this.salt, KEY_LENGTH) : null;
  }

  get enabled(): boolean {
    return this.expected !== null;
  }

  /** Resolves when `attempt` is the owner password; throws a refusal otherwise. */
  async verify(attempt: string, address: string, now: () => number = Date.now): Promise<void> {
    if (!this.expected) {
      throw new AdminError(AdminErrorCode.LoginNotConfigured, 'Password login is not configured on this bot.');
    }
    const key = addressKey(address);
    const inProgress = this.pending.get(key) ?? 0;
    if (inProgress >= MAX_PENDING_PER_ADDRESS) {
      throw new AdminError(
        AdminErrorCode.TooManyAttempts,
        'Too many sign-ins in progress from your address. Wait for them to finish.',
      );
    }
    this.pending.set(key, inProgress + 1);
    try {
      const delay = delayAfterFailures(this.recentFailures(key, now()).length);
      if (delay > 0) await this.wait(delay);
      const actual = await scryptAsync(attempt, this.salt, KEY_LENGTH);
      if (!timingSafeEqual(actual, this.expected)) {
        this.recordFailure(key, now());
        throw new AdminError(AdminErrorCode.WrongPassword, 'That password is not right.');
      }
      this.failures.delete(key);
    } finally {
      const left = (this.pending.get(key) ?? 1) - 1;
      if (left > 0) this.pending.set(key, left);
      else this.pending.delete(key);
    }
  }

  /** The slow-down itself (a seam for tests). */
  protected wait(ms: number): Promise<void> {
    return sleep(ms);
  }

  private recentFailures(key: string, now: number): number[] {
    const recent = (this.failures.get(key) ?? []).filter((at) => now - at < FAILURE_WINDOW_MS);
    if (recent.length > 0) this.failures.set(key, recent);
    else this.failures.delete(key);
    return recent;
  }

  private recordFailure(key: string, now: number): void {
    if (!this.failures.has(key) && this.failures.size >= MAX_TRACKED_ADDRESSES) {
      for (const [other, times] of this.failures) {
        if (times.every((at) => now - at >= FAILURE_WINDOW_MS)) this.failures.delete(other);
      }
      // Still full of live failures: forget the address tracked longest.
      if (this.failures.size >= MAX_TRACKED_ADDRESSES)
        this.failures.delete(this.failures.keys().next().value as string);
    }
    this.failures.set(key, [...this.recentFailures(key, now), now]);
  }
}
