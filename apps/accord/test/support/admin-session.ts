import type { OAuthExtraGuild } from '@accord/testkit/discord';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { TestBot } from './test-bot';

/** Env that switches on both panel logins for a test bot. */
export const ADMIN_ENV = {
  DISCORD_CLIENT_SECRET: 'test-oauth-client-secret',
  ADMIN_SESSION_SECRET: 'a-session-secret-for-the-tests-only-0123456789',
  ADMIN_PASSWORD: 'correct horse battery staple',
  PUBLIC_URL: 'http://localhost:3000',
};

/** A signed-in panel client: its cookies and CSRF token, and requests that carry them. */
export interface PanelClient {
  cookie: string;
  csrf: string;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Wraps cookies into a client; changes carry `X-CSRF-Token` unless the caller sets headers itself. */
export function panelClient(bot: TestBot, cookie: string, csrf: string): PanelClient {
  return {
    cookie,
    csrf,
    request: (options) => {
      const method = (options.method ?? 'GET').toUpperCase();
      const headers: Record<string, string> = { cookie };
      if (UNSAFE.has(method)) headers['x-csrf-token'] = csrf;
      return bot.app.inject({ ...options, headers: { ...headers, ...(options.headers as Record<string, string>) } });
    },
  };
}

/** The whole "Log in with Discord" round trip as a browser does it, with the fake Discord approving. */
export async function loginWithDiscord(
  bot: TestBot,
  userId: string,
  extraGuilds: OAuthExtraGuild[] = [],
): Promise<PanelClient> {
  const start = await bot.app.inject({ method: 'GET', url: '/api/v1/auth/discord' });
  const location = new URL(String(start.headers.location));
  const stateCookie = start.cookies.find((cookie) => cookie.name === 'accord_oauth_state');
  if (start.statusCode !== 302 || !stateCookie) throw new Error(`login did not start: ${start.statusCode}`);
  const code = bot.discord.authorizeOAuth({
    userId,
    redirectUri: location.searchParams.get('redirect_uri') ?? undefined,
    extraGuilds,
  });
  const callback = await bot.app.inject({
    method: 'GET',
    url: `/api/v1/auth/discord/callback?code=${code}&state=${location.searchParams.get('state')}`,
    headers: { cookie: `accord_oauth_state=${stateCookie.value}` },
  });
  return clientFrom(bot, callback);
}

export async function loginWithPassword(bot: TestBot, password = ADMIN_ENV.ADMIN_PASSWORD): Promise<PanelClient> {
  const response = await bot.app.inject({ method: 'POST', url: '/api/v1/auth/password', payload: { password } });
  return clientFrom(bot, response);
}

function clientFrom(bot: TestBot, response: LightMyRequestResponse): PanelClient {
  const session = response.cookies.find((cookie) => cookie.name === 'accord_session');
  const csrf = response.cookies.find((cookie) => cookie.name === 'accord_csrf');
  if (!session || !csrf) throw new Error(`no session cookies (${response.statusCode} ${response.body})`);
  return panelClient(bot, `accord_session=${session.value}; accord_csrf=${csrf.value}`, csrf.value);
}
