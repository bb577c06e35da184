import { randomBytes } from 'node:crypto';
import { type APIUser } from 'discord.js';
import { type DiscordStore } from './discord-store';
import { computePermissions, findMember } from './payloads';

/** A guild a user belongs to that the fake does not otherwise know (the bot is not in it). */
export interface OAuthExtraGuild {
  id: string;
  name: string;
  /** Decimal string or bigint, as Discord's `permissions` field. */
  permissions: bigint | string;
  owner?: boolean;
}

export interface OAuthAuthorizeInput {
  userId: string;
  /** The user object when the user is a member of no fake guild. */
  user?: APIUser;
  /** Scopes granted; `identify guilds` by default. */
  scopes?: string[];
  /** When given, the token exchange must send the same `redirect_uri` (as Discord checks). */
  redirectUri?: string;
  /** Guilds of the user besides the fake's own (where the user is a member). */
  extraGuilds?: OAuthExtraGuild[];
}

/** One call of `POST /oauth2/token` as the fake saw it. */
export interface OAuthTokenExchange {
  code: string | null;
  clientId: string | null;
  redirectUri: string | null;
  ok: boolean;
}

interface Grant {
  user: APIUser;
  scopes: string[];
  redirectUri?: string;
  extraGuilds: OAuthExtraGuild[];
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as is (HTML), instead of JSON. */
  text?: string;
}

const CODE_LIFETIME_MS = 10 * 60 * 1000;

/**
 * Discord's OAuth2 authorization-code flow, enough for a bot's "Log in with Discord": codes minted
 * by the test (or by the auto-approving authorize page), the token exchange with client id and
 * secret, and the Bearer routes `/users/@me` and `/users/@me/guilds` (permissions as strings).
 */
export class FakeOAuth {
  readonly exchanges: OAuthTokenExchange[] = [];
  /** The user the `/oauth2/authorize` page approves for at once; null shows a page that says so. */
  autoApproveUserId: string | null = null;
  private readonly codes = new Map<string, Grant & { expiresAt: number }>();
  private readonly tokens = new Map<string, Grant>();

  constructor(
    private readonly store: DiscordStore,
    private readonly clientSecret?: string,
  ) {}

  /** Mints a one-time authorization code for a user, as Discord does when they approve. */
  authorize(input: OAuthAuthorizeInput): string {
    const code = randomBytes(15).toString('base64url');
    this.codes.set(code, {
      user: input.user ?? this.knownUser(input.userId),
      scopes: input.scopes ?? ['identify', 'guilds'],
      redirectUri: input.redirectUri,
      extraGuilds: input.extraGuilds ?? [],
      expiresAt: Date.now() + CODE_LIFETIME_MS,
    });
    return code;
  }

  /** `GET /oauth2/authorize` (a browser page on discord.com): approves for `autoApproveUserId`. */
  authorizePage(query: Record<string, string>): Reply {
    const { client_id: clientId, redirect_uri: redirectUri, response_type: responseType, state } = query;
    if (clientId !== this.store.applicationId || responseType !== 'code' || !redirectUri) {
      return { status: 400, text: page('Invalid OAuth2 request: client_id, response_type=code and redirect_uri.') };
    }
    if (!this.autoApproveUserId) return { status: 200, text: page('Nobody is signed in to the fake Discord.') };
    const code = this.authorize({
      userId: this.autoApproveUserId,
      scopes: (query.scope ?? '').split(/[ +]/).filter(Boolean),
      redirectUri,
    });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    if (state !== undefined) target.searchParams.set('state', state);
    return { status: 302, headers: { Location: target.toString() } };
  }

  /** `POST /oauth2/token` with `grant_type=authorization_code`. */
  token(body: unknown, basicAuth: { id: string; secret: string } | null): Reply {
    const form = isRecord(body) ? body : {};
    const field = (name: string): string | null => (typeof form[name] === 'string' ? form[name] : null);
    const clientId = basicAuth?.id ?? field('client_id');
    const clientSecret = basicAuth?.secret ?? field('client_secret');
    const code = field('code');
    const redirectUri = field('redirect_uri');
    const record = (ok: boolean, reply: Reply): Reply => {
      this.exchanges.push({ code, clientId, redirectUri, ok });
      return reply;
    };
    if (clientId !== this.store.applicationId || !clientSecret) {
      return record(false, oauthError(401, 'invalid_client'));
    }
    if (this.clientSecret !== undefined && clientSecret !== this.clientSecret) {
      return record(false, oauthError(401, 'invalid_client'));
    }
    if (field('grant_type') !== 'authorization_code') return record(false, oauthError(400, 'unsupported_grant_type'));
    const grant = code ? this.codes.get(code) : undefined;
    if (!code || !grant || grant.expiresAt < Date.now()) {
      return record(false, oauthError(400, 'invalid_grant', 'Invalid "code" in request.'));
    }
    if (grant.redirectUri !== undefined && grant.redirectUri !== redirectUri) {
      return record(false, oauthError(400, 'invalid_grant', 'Invalid "redirect_uri" in request.'));
    }
    this.codes.delete(code);
    const accessToken = randomBytes(20).toString('base64url');
    this.tokens.set(accessToken, grant);
    return record(true, {
      status: 200,
      body: {
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: 604_800,
        refresh_token: randomBytes(20).toString('base64url'),
        scope: grant.scopes.join(' '),
      },
    });
  }

  /** `GET /users/@me` with a Bearer token. */
  me(bearer: string): Reply {
    const grant = this.tokens.get(bearer);
    if (!grant) return unauthorized();
    if (!grant.scopes.includes('identify')) return missingScope();
    return { status: 200, body: grant.user };
  }

  /** `GET /users/@me/guilds` with a Bearer token: every guild the user is in, with their permissions. */
  myGuilds(bearer: string): Reply {
    const grant = this.tokens.get(bearer);
    if (!grant) return unauthorized();
    if (!grant.scopes.includes('guilds')) return missingScope();
    const userId = grant.user.id;
    const known = [...this.store.guilds.values()]
      .filter((guild) => findMember(guild, userId))
      .map((guild) => ({
        id: guild.id,
        name: guild.name,
        icon: null,
        banner: null,
        owner: guild.ownerId === userId,
        permissions: computePermissions(guild, userId).toString(),
        features: [],
      }));
    const extra = grant.extraGuilds.map((guild) => ({
      id: guild.id,
      name: guild.name,
      icon: null,
      banner: null,
      owner: guild.owner ?? false,
      permissions: guild.permissions.toString(),
      features: [],
    }));
    return { status: 200, body: [...known, ...extra] };
  }

  private knownUser(userId: string): APIUser {
    for (const guild of this.store.guilds.values()) {
      const member = findMember(guild, userId);
      if (member) return structuredClone(member.user);
    }
    throw new Error(`FakeDiscord: ${userId} is a member of no guild; pass \`user\` to authorize()`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oauthError(status: number, error: string, description?: string): Reply {
  return { status, body: description ? { error, error_description: description } : { error } };
}

function unauthorized(): Reply {
  return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
}

function missingScope(): Reply {
  return { status: 403, body: { message: 'Missing Access', code: 50001 } };
}

function page(text: string): string {
  return `<!doctype html><html><head><title>Discord (fake)</title></head><body><p>${text}</p></body></html>`;
}
