import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AuthOptionsDto, SessionUserDto } from '@accord/contracts';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { AdminError, AdminErrorCode } from '@accord/core';
import type { AuthOutcome, CookieInstruction } from '../http/cookies';
import { AdminSessionService } from './admin-session.service';
import type { ActiveSession } from './admin-session.types';
import { DiscordOAuthClient } from '../../../adapters/discord-client/discord-oauth.client';
import { PasswordLoginService } from './password-login.service';
import { SignInLinkService } from '../../../domain/sign-in-links/sign-in-link.service';

export const OAUTH_STATE_COOKIE = 'accord_oauth_state';
const OAUTH_STATE_PATH = '/api/v1/auth/discord';
const OAUTH_STATE_MAX_AGE_S = 10 * 60;
/** Where the browser lands after the Discord login; failures add `?error=CODE`. */
const PANEL_HOME = '/';
const PANEL_LOGIN = '/login';

export interface DiscordCallback {
  code?: string;
  state?: string;
  error?: string;
}

/** Sign-in and sign-out: Discord OAuth2 (authorization code) and the owner password. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly sessions: AdminSessionService,
    private readonly discord: DiscordOAuthClient,
    private readonly password: PasswordLoginService,
    private readonly links: SignInLinkService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  options(): AuthOptionsDto {
    return { discord: this.discord.enabled, password: this.password.enabled };
  }

  /** Sends the browser to Discord's consent page with a fresh state, remembered in a signed cookie. */
  startDiscordLogin(): AuthOutcome {
    if (!this.discord.enabled) {
      throw new AdminError(AdminErrorCode.LoginNotConfigured, 'Discord login is not configured on this bot.');
    }
    const state = randomBytes(24).toString('base64url');
    return {
      body: undefined,
      redirect: this.discord.authorizeUrl(state),
      cookies: [
        {
          name: OAUTH_STATE_COOKIE,
          value: this.sessions.signed(state),
          options: { ...this.sessions.cookieOptions(true, OAUTH_STATE_PATH), maxAge: OAUTH_STATE_MAX_AGE_S },
        },
      ],
    };
  }

  /**
   * Discord sent the browser back: check the state, exchange the code, read who it is and their
   * guilds, start a session. The answer is always a redirect into the panel (with `?error=CODE`
   * on failure), since a person's browser is on this request.
   */
  async finishDiscordLogin(query: DiscordCallback, stateCookie: string | undefined): Promise<AuthOutcome> {
    const clearState: CookieInstruction = {
      name: OAUTH_STATE_COOKIE,
      value: null,
      options: this.sessions.cookieOptions(true, OAUTH_STATE_PATH),
    };
    try {
      const cookies = await this.discordSession(query, stateCookie);
      return { body: undefined, redirect: PANEL_HOME, cookies: [clearState, ...cookies] };
    } catch (error) {
      if (!(error instanceof AdminError)) throw error;
      this.logger.warn(`Discord sign-in refused: ${error.code}`);
      return { body: undefined, redirect: `${PANEL_LOGIN}?error=${error.code}`, cookies: [clearState] };
    }
  }

  /**
   * A one-time link from `/panel`: redeems it and starts a session for the member who asked, with
   * the guild and permissions their interaction carried (the same rights as after "Log in with
   * Discord": owner only when in OWNER_IDS, and guild access read from Discord on each request).
   * Lands on that guild's page, or on the login page with `?error=SIGN_IN_LINK_INVALID`.
   */
  async loginWithLink(token: string | undefined): Promise<AuthOutcome> {
    const grant = token && this.config.admin.sessionSecret ? await this.links.redeem(token) : null;
    if (!grant) {
      this.logger.warn('A panel sign-in link was refused (unknown, used or expired)');
      return { body: undefined, redirect: `${PANEL_LOGIN}?error=${AdminErrorCode.SignInLinkInvalid}`, cookies: [] };
    }
    const owner = this.config.discord.ownerIds.includes(grant.userId);
    const { cookies } = await this.sessions.create({
      userId: grant.userId,
      username: grant.username,
      avatarUrl: grant.avatarUrl,
      method: 'discord',
      owner,
      guilds: [{ id: grant.guildId, permissions: grant.permissions, owner: grant.guildOwner }],
    });
    this.logger.log(`User ${grant.userId} signed in with a /panel link${owner ? ' (owner)' : ''}`);
    return { body: undefined, redirect: `/guilds/${grant.guildId}`, cookies };
  }

  /** `address`: the client's, as the rate limits see it (see TRUST_PROXY). */
  async loginWithPassword(attempt: string, address: string): Promise<AuthOutcome<SessionUserDto>> {
    await this.password.verify(attempt, address);
    const ownerId = this.config.discord.ownerIds[0] ?? 'owner';
    const { session, cookies } = await this.sessions.create({
      userId: ownerId,
      username: 'Owner',
      avatarUrl: null,
      method: 'password',
      owner: true,
      passwordFingerprint: this.sessions.currentPasswordFingerprint() ?? undefined,
      guilds: [],
    });
    this.logger.log('The owner signed in with the password');
    return { body: this.me(session), cookies };
  }

  async logout(session: ActiveSession): Promise<AuthOutcome> {
    return { body: undefined, cookies: await this.sessions.end(session) };
  }

  me(session: ActiveSession): SessionUserDto {
    return {
      id: session.userId,
      username: session.username,
      avatarUrl: session.avatarUrl,
      owner: session.owner,
      method: session.method,
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt.toISOString(),
    };
  }

  private async discordSession(query: DiscordCallback, stateCookie: string | undefined): Promise<CookieInstruction[]> {
    if (!this.discord.enabled) {
      throw new AdminError(AdminErrorCode.LoginNotConfigured, 'Discord login is not configured on this bot.');
    }
    if (query.error) throw new AdminError(AdminErrorCode.OAuthDenied, 'The sign-in was cancelled on Discord.');
    const expected = stateCookie ? this.sessions.unsigned(stateCookie) : null;
    if (!expected || !query.state || !sameText(expected, query.state)) {
      throw new AdminError(AdminErrorCode.OAuthStateMismatch, 'The sign-in expired or did not start here. Try again.');
    }
    if (!query.code) throw new AdminError(AdminErrorCode.OAuthDenied, 'Discord sent no authorization code.');
    const token = await this.discord.exchangeCode(query.code);
    const [identity, guilds] = await Promise.all([this.discord.identity(token), this.discord.guilds(token)]);
    const owner = this.config.discord.ownerIds.includes(identity.id);
    const { cookies } = await this.sessions.create({
      userId: identity.id,
      username: identity.globalName ?? identity.username,
      avatarUrl: identity.avatarUrl,
      method: 'discord',
      owner,
      guilds,
    });
    this.logger.log(`User ${identity.id} signed in with Discord${owner ? ' (owner)' : ''}`);
    return cookies;
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
