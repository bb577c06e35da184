import type { LoginMethod } from '@accord/contracts';

/** A guild of the signed-in user as Discord's OAuth2 listed it at login. */
export interface SessionGuild {
  id: string;
  /** Discord's total permissions for the user there (decimal string), at login time. */
  permissions: string;
  owner: boolean;
}

/** A panel session as the server keeps it (the cookie carries only its random id). */
export interface AdminSession {
  /** SHA-256 of the cookie's session id: what is stored, so a database dump holds no live session. */
  idHash: string;
  userId: string;
  username: string;
  avatarUrl: string | null;
  method: LoginMethod;
  /**
   * Bot owner: derived from the configuration each time the session is read (a password session,
   * or a user id in OWNER_IDS); the stored value is only what it was at sign-in.
   */
  owner: boolean;
  /** Password sessions: a keyed fingerprint of ADMIN_PASSWORD at sign-in; another password ends them. */
  passwordFingerprint?: string;
  guilds: SessionGuild[];
  createdAt: Date;
  expiresAt: Date;
}

/** A session with the id from the cookie, as guards hand it to handlers. */
export interface ActiveSession extends AdminSession {
  /** The anti-CSRF token bound to this session (the `X-CSRF-Token` header must equal it). */
  csrfToken: string;
}
