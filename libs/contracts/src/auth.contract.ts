/** How the signed-in person got in. */
export type LoginMethod = 'discord' | 'password';

/** Which logins this bot offers (`GET /api/v1/auth/options`, no session needed). */
export interface AuthOptionsDto {
  discord: boolean;
  password: boolean;
}

/** `POST /api/v1/auth/password`. */
export interface PasswordLoginRequest {
  password: string;
}

/** The signed-in person (`GET /api/v1/auth/me`, and the answer to a password login). */
export interface SessionUserDto {
  id: string;
  username: string;
  avatarUrl: string | null;
  /** Bot owners see every guild, the logs and the Lavalink nodes. */
  owner: boolean;
  method: LoginMethod;
  /** Send it back as the `X-CSRF-Token` header on every POST, PUT, PATCH and DELETE. */
  csrfToken: string;
  expiresAt: string;
}
