import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AdminError, AdminErrorCode } from '@accord/core';

const DISCORD_API = 'https://discord.com/api';
const DISCORD_WEB = 'https://discord.com';
const TIMEOUT_MS = 10_000;
export const OAUTH_SCOPES = ['identify', 'guilds'] as const;

export interface DiscordIdentity {
  id: string;
  username: string;
  globalName: string | null;
  avatarUrl: string | null;
}

/** A server the signed-in user belongs to, as Discord's OAuth2 API lists it. */
export interface OAuthGuild {
  id: string;
  /** The user's total permissions there (decimal string). */
  permissions: string;
  owner: boolean;
}

/**
 * Discord's OAuth2 endpoints for "Log in with Discord": the authorize page (on discord.com), the
 * code exchange and the two user reads. With `DISCORD_API_URL` set (tests), both the API and the
 * authorize page are taken from there. Codes and tokens are never logged.
 */
@Injectable()
export class DiscordOAuthClient {
  private readonly logger = new Logger(DiscordOAuthClient.name);
  private readonly apiBase: string;
  private readonly webBase: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const apiUrl = config.discord.apiUrl?.replace(/\/+$/, '');
    this.apiBase = apiUrl ?? DISCORD_API;
    this.webBase = apiUrl ? new URL(apiUrl).origin : DISCORD_WEB;
  }

  /** Client secret, public URL and session secret are all needed for the Discord login. */
  get enabled(): boolean {
    const { admin, http } = this.config;
    return Boolean(admin.discordClientSecret && admin.sessionSecret && http.publicUrl);
  }

  /** Where Discord sends the browser back to (must be listed in the application's OAuth2 redirects). */
  get redirectUri(): string {
    return `${(this.config.http.publicUrl ?? '').replace(/\/+$/, '')}/api/v1/auth/discord/callback`;
  }

  authorizeUrl(state: string): string {
    const url = new URL('/oauth2/authorize', this.webBase);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.config.discord.clientId,
      scope: OAUTH_SCOPES.join(' '),
      redirect_uri: this.redirectUri,
      state,
      prompt: 'none',
    }).toString();
    return url.toString();
  }

  /** Trades the authorization code for an access token. */
  async exchangeCode(code: string): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: this.redirectUri,
      client_id: this.config.discord.clientId,
      client_secret: this.config.admin.discordClientSecret ?? '',
    });
    const answer = await this.call<{ access_token?: unknown; error?: unknown }>('/v10/oauth2/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
    });
    if (typeof answer.access_token !== 'string') throw this.failure('the token answer had no access token');
    return answer.access_token;
  }

  async identity(accessToken: string): Promise<DiscordIdentity> {
    const user = await this.call<{ id?: unknown; username?: unknown; global_name?: unknown; avatar?: unknown }>(
      '/v10/users/@me',
      { headers: { Authorization: `Bearer ${accessToken}` } },
    );
    if (typeof user.id !== 'string' || typeof user.username !== 'string') throw this.failure('no user in the answer');
    const avatar = typeof user.avatar === 'string' ? user.avatar : null;
    return {
      id: user.id,
      username: user.username,
      globalName: typeof user.global_name === 'string' ? user.global_name : null,
      avatarUrl: avatar ? `https://cdn.discordapp.com/avatars/${user.id}/${avatar}.png?size=128` : null,
    };
  }

  async guilds(accessToken: string): Promise<OAuthGuild[]> {
    const list = await this.call<unknown>('/v10/users/@me/guilds', {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    if (!Array.isArray(list)) throw this.failure('the guild list was not a list');
    return list.flatMap((item: unknown) => {
      if (typeof item !== 'object' || item === null) return [];
      const { id, permissions, owner } = item as Record<string, unknown>;
      if (typeof id !== 'string') return [];
      return [{ id, permissions: typeof permissions === 'string' ? permissions : '0', owner: owner === true }];
    });
  }

  private async call<T>(path: string, init: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.apiBase}${path}`, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw this.failure(`Discord could not be reached (${error instanceof Error ? error.name : 'error'})`);
    }
    const payload = (await response.json().catch(() => null)) as T | null;
    if (!response.ok || payload === null) {
      const reason = (payload as { error?: unknown } | null)?.error;
      throw this.failure(
        `${path.replace('/v10', '')} answered ${response.status}${typeof reason === 'string' ? ` (${reason})` : ''}`,
      );
    }
    return payload;
  }

  private failure(detail: string): AdminError {
    this.logger.warn(`Discord login failed: ${detail}`);
    return new AdminError(AdminErrorCode.OAuthExchangeFailed, 'Discord did not confirm the sign-in. Try again.');
  }
}
