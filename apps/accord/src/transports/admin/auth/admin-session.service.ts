import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Interval } from '@nestjs/schedule';
import { fastifyCookie, sign, unsign, type CookieSerializeOptions } from '@fastify/cookie';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import type { CookieInstruction } from '../http/cookies';
import { AdminSessionRepository } from './admin-session.repository';
import type { ActiveSession, AdminSession } from './admin-session.types';

export const SESSION_COOKIE = 'accord_session';
export const CSRF_COOKIE = 'accord_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** How long a panel session lasts from sign-in (no sliding renewal: sign in again after it). */
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** Sessions read from MongoDB are kept this long in memory (a logout here drops them at once). */
const CACHE_TTL_MS = 15_000;
const CACHE_MAX = 1_000;
const CLEANUP_EVERY_MS = 60 * 60 * 1000;

/** Emitted with the session's `idHash` when a session ends (logout), so live sockets close. */
export const SESSION_ENDED_EVENT = 'admin.session.ended';

/**
 * Panel sessions: a random id in a signed, httpOnly, SameSite=Lax cookie; the session itself in
 * MongoDB under the id's SHA-256. Server-side rather than a stateless signed payload because a
 * logout must end the session at once, the user's guild list does not fit a cookie, and sessions
 * must survive a restart. The anti-CSRF token is an HMAC of the session id: a page on another
 * site can neither read it nor derive it.
 */
@Injectable()
export class AdminSessionService {
  private readonly logger = new Logger(AdminSessionService.name);
  private readonly secret: string;
  private readonly secure: boolean;
  private readonly ownerIds: ReadonlySet<string>;
  private readonly passwordFingerprint: string | null;
  private readonly cache = new Map<string, { session: AdminSession; until: number }>();

  constructor(
    private readonly repository: AdminSessionRepository,
    private readonly events: EventEmitter2,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // Without a configured secret no login is offered; a random one keeps the code path uniform.
    this.secret = config.admin.sessionSecret ?? randomBytes(32).toString('hex');
    this.secure = config.http.publicUrl?.startsWith('https:') ?? false;
    this.ownerIds = new Set(config.discord.ownerIds);
    this.passwordFingerprint = config.admin.password ? this.fingerprint(config.admin.password) : null;
  }

  /** What a password session records of ADMIN_PASSWORD: a keyed hash, useless without the session secret. */
  currentPasswordFingerprint(): string | null {
    return this.passwordFingerprint;
  }

  /** Starts a session; returns it with the cookies that carry it. */
  async create(
    input: Omit<AdminSession, 'idHash' | 'createdAt' | 'expiresAt'>,
    now = new Date(),
  ): Promise<{ session: ActiveSession; cookies: CookieInstruction[] }> {
    const id = randomBytes(32).toString('base64url');
    const session: AdminSession = {
      ...input,
      idHash: hashId(id),
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
    };
    await this.repository.insert(session);
    const csrfToken = this.csrfTokenFor(id);
    const maxAge = Math.floor(SESSION_TTL_MS / 1000);
    return {
      session: { ...session, csrfToken },
      cookies: [
        { name: SESSION_COOKIE, value: sign(id, this.secret), options: { ...this.cookieOptions(true), maxAge } },
        { name: CSRF_COOKIE, value: csrfToken, options: { ...this.cookieOptions(false), maxAge } },
      ],
    };
  }

  /** The live session a `Cookie` header carries, or null (no cookie, bad signature, expired, ended). */
  async fromCookieHeader(header: string | undefined, now = new Date()): Promise<ActiveSession | null> {
    if (!header) return null;
    const raw = fastifyCookie.parse(header)[SESSION_COOKIE];
    const id = raw ? this.unsigned(raw) : null;
    if (!id) return null;
    const idHash = hashId(id);
    const stored = await this.load(idHash, now);
    const session = stored ? this.withCurrentRights(stored) : null;
    return session ? { ...session, csrfToken: this.csrfTokenFor(id) } : null;
  }

  /**
   * The session's rights as the configuration gives them now, not as they were at sign-in: a
   * password session lives only while ADMIN_PASSWORD is the one it signed in with (null otherwise),
   * and a Discord session is an owner only while its user id is in OWNER_IDS.
   */
  withCurrentRights(session: AdminSession): AdminSession | null {
    if (session.method === 'password') {
      const current = this.passwordFingerprint;
      const given = session.passwordFingerprint;
      if (!current || !given || given.length !== current.length) return null;
      if (!timingSafeEqual(Buffer.from(given), Buffer.from(current))) return null;
      return { ...session, owner: true };
    }
    return { ...session, owner: this.ownerIds.has(session.userId) };
  }

  /** The live session under `idHash` with its current rights, or null (a socket's periodic check). */
  async stillValid(idHash: string, now = new Date()): Promise<AdminSession | null> {
    const stored = await this.load(idHash, now);
    return stored ? this.withCurrentRights(stored) : null;
  }

  /** True when `header` (the `X-CSRF-Token` request header) is this session's token. */
  csrfMatches(session: ActiveSession, header: string | string[] | undefined): boolean {
    if (typeof header !== 'string') return false;
    const expected = Buffer.from(session.csrfToken);
    const given = Buffer.from(header);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** Ends a session everywhere: database, cache, and its live sockets. */
  async end(session: AdminSession): Promise<CookieInstruction[]> {
    this.cache.delete(session.idHash);
    await this.repository.delete(session.idHash);
    this.events.emit(SESSION_ENDED_EVENT, session.idHash);
    return this.clearingCookies();
  }

  clearingCookies(): CookieInstruction[] {
    return [
      { name: SESSION_COOKIE, value: null, options: this.cookieOptions(true) },
      { name: CSRF_COOKIE, value: null, options: this.cookieOptions(false) },
    ];
  }

  /** Signs a short-lived value (the OAuth2 state) with the session secret. */
  signed(value: string): string {
    return sign(value, this.secret);
  }

  /** The value of a cookie signed by `signed`, or null when the signature does not hold. */
  unsigned(raw: string): string | null {
    const result = unsign(raw, this.secret);
    return result.valid && result.value !== null ? result.value : null;
  }

  cookieOptions(httpOnly: boolean, path = '/'): CookieSerializeOptions {
    return { path, httpOnly, sameSite: 'lax', secure: this.secure };
  }

  @Interval(CLEANUP_EVERY_MS)
  async removeExpired(): Promise<number> {
    const now = new Date();
    for (const [idHash, entry] of this.cache) if (entry.session.expiresAt <= now) this.cache.delete(idHash);
    try {
      const removed = await this.repository.deleteExpired(now);
      if (removed > 0) this.logger.log(`Removed ${removed} expired panel session(s)`);
      return removed;
    } catch (error) {
      this.logger.warn(`Could not remove expired panel sessions: ${String(error)}`);
      return 0;
    }
  }

  private async load(idHash: string, now: Date): Promise<AdminSession | null> {
    const cached = this.cache.get(idHash);
    if (cached && cached.until > now.getTime()) return cached.session.expiresAt > now ? cached.session : null;
    const session = await this.repository.findLive(idHash, now);
    if (!session) {
      this.cache.delete(idHash);
      return null;
    }
    if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(idHash, { session, until: now.getTime() + CACHE_TTL_MS });
    return session;
  }

  private fingerprint(password: string): string {
    return createHmac('sha256', this.secret).update(`admin-password:${password}`).digest('base64url');
  }

  private csrfTokenFor(id: string): string {
    return createHmac('sha256', this.secret).update(`csrf:${id}`).digest('base64url');
  }
}

function hashId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}
