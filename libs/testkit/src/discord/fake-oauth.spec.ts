import { PermissionFlagsBits } from 'discord.js';
import { GuildFactory, MemberFactory, RoleFactory, UserFactory } from '../factories';
import { FakeDiscord } from './fake-discord';

const ana = UserFactory.create({ username: 'ana' });
const managers = RoleFactory.create({ name: 'managers', permissions: PermissionFlagsBits.ManageGuild });
const guild = GuildFactory.create({
  roles: [managers],
  members: [MemberFactory.create({ user: ana, roles: [managers.id] })],
});
const REDIRECT = 'http://127.0.0.1:3000/api/v1/auth/discord/callback';

describe(`${FakeDiscord.name} OAuth2`, () => {
  let sut: FakeDiscord;

  beforeAll(async () => {
    sut = new FakeDiscord({ guilds: [guild], oauthClientSecret: 'client-secret' });
    await sut.start();
  });
  afterAll(async () => {
    await sut.stop();
  });

  const exchange = (fields: Record<string, string>): Promise<Response> =>
    fetch(`${sut.apiUrl}/v10/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });
  const validFields = (code: string): Record<string, string> => ({
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
    client_id: sut.applicationId,
    client_secret: 'client-secret',
  });

  it('exchanges a minted code once for a Bearer token that reads the user and their guilds', async () => {
    const code = sut.authorizeOAuth({
      userId: ana.id,
      redirectUri: REDIRECT,
      extraGuilds: [{ id: '1234567890123456789', name: 'Elsewhere', permissions: PermissionFlagsBits.ManageGuild }],
    });

    const token = (await (await exchange(validFields(code))).json()) as { access_token: string; scope: string };
    const again = await exchange(validFields(code));
    const auth = { Authorization: `Bearer ${token.access_token}` };
    const me = (await (await fetch(`${sut.apiUrl}/v10/users/@me`, { headers: auth })).json()) as { id: string };
    const guilds = (await (await fetch(`${sut.apiUrl}/v10/users/@me/guilds`, { headers: auth })).json()) as Array<{
      id: string;
      permissions: string;
    }>;

    expect(token.scope).toBe('identify guilds');
    expect(again.status).toBe(400);
    expect(me.id).toBe(ana.id);
    expect(guilds.map((entry) => entry.id)).toEqual([guild.id, '1234567890123456789']);
    expect(BigInt(guilds[0].permissions) & PermissionFlagsBits.ManageGuild).toBe(PermissionFlagsBits.ManageGuild);
    expect(sut.oauthExchanges.map((entry) => entry.ok)).toEqual([true, false]);
  });

  it('refuses a wrong client secret, a wrong redirect URI and an unknown token', async () => {
    const code = sut.authorizeOAuth({ userId: ana.id, redirectUri: REDIRECT });

    const wrongSecret = await exchange({ ...validFields(code), client_secret: 'nope' });
    const wrongRedirect = await exchange({ ...validFields(code), redirect_uri: 'http://evil.example/cb' });
    const unknownToken = await fetch(`${sut.apiUrl}/v10/users/@me/guilds`, { headers: { Authorization: 'Bearer x' } });

    expect(wrongSecret.status).toBe(401);
    expect(await wrongRedirect.json()).toMatchObject({ error: 'invalid_grant' });
    expect(unknownToken.status).toBe(401);
  });

  it('keeps answering the bot token on /users/@me with the bot user', async () => {
    const response = await fetch(`${sut.apiUrl}/v10/users/@me`, { headers: { Authorization: 'Bot any.token' } });

    expect(((await response.json()) as { id: string }).id).toBe(sut.botUser.id);
  });

  it('serves an authorize page that approves at once for the auto-approve user', async () => {
    sut.oauthAutoApproveUserId = ana.id;
    const url = new URL(sut.oauthAuthorizeUrl);
    for (const [key, value] of Object.entries({
      client_id: sut.applicationId,
      response_type: 'code',
      scope: 'identify guilds',
      redirect_uri: REDIRECT,
      state: 'xyz',
    }))
      url.searchParams.set(key, value);

    const response = await fetch(url, { redirect: 'manual' });
    const location = new URL(response.headers.get('location') ?? '');
    const token = await exchange(validFields(location.searchParams.get('code') ?? ''));

    expect(response.status).toBe(302);
    expect(location.searchParams.get('state')).toBe('xyz');
    expect(token.status).toBe(200);
  });
});
