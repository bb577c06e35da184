import { PermissionFlagsBits } from 'discord.js';
import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { GuildFactory, MemberFactory, RoleFactory, UserFactory } from '@accord/testkit/factories';
import { SignInLinkDocument } from '../src/domain/sign-in-links/sign-in-link.schema';
import { ADMIN_ENV, panelClient } from './support/admin-session';
import { eventually, startTestBot, type TestBot } from './support/test-bot';

const ana = UserFactory.create({ username: 'ana' }); // Manage Server
const cid = UserFactory.create({ username: 'cid' }); // a plain member
const managers = RoleFactory.create({ name: 'managers', permissions: PermissionFlagsBits.ManageGuild });
const main = GuildFactory.create({
  name: 'Main',
  roles: [managers],
  members: [MemberFactory.create({ user: ana, roles: [managers.id] }), MemberFactory.create({ user: cid })],
});
const LINK = /http:\/\/localhost:3000\/api\/v1\/auth\/link\?token=([A-Za-z0-9_-]{43})/;

describe('/panel: a one-time sign-in link to the panel (end to end on the fakes)', () => {
  let bot: TestBot;
  let textChannelId: string;

  /** Sends /panel as `userId`; the ephemeral reply. */
  const askForLink = async (userId: string): Promise<{ content: string; flags: number }> => {
    const handle = bot.discord.slashCommand({ guildId: main.id, channelId: textChannelId, userId, name: 'panel' });
    const reply = await bot.discord.waitForInteractionReply(handle.id);
    const data = reply.data as { content?: string; flags?: number } | undefined;
    return { content: data?.content ?? '', flags: data?.flags ?? 0 };
  };
  const tokenIn = (content: string): string => {
    const match = LINK.exec(content);
    if (!match) throw new Error(`no sign-in link in: ${content}`);
    return match[1];
  };
  const open = (token: string) => bot.app.inject({ method: 'GET', url: `/api/v1/auth/link?token=${token}` });
  const links = (): Model<SignInLinkDocument> => bot.app.get(getModelToken(SignInLinkDocument.name));

  beforeAll(async () => {
    bot = await startTestBot({ guilds: [main], env: { ...ADMIN_ENV, LOG_LEVEL: 'info' } });
    textChannelId = GuildFactory.textChannel(main).id;
    await eventually(() => bot.discord.registeredCommands(main.id).some((command) => command.name === 'panel'));
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('is registered for Manage Server only, and listed by /help', async () => {
    const panel = bot.discord.registeredCommands(main.id).find((command) => command.name === 'panel');
    expect(panel?.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
    const handle = bot.discord.slashCommand({
      guildId: main.id,
      channelId: textChannelId,
      userId: ana.id,
      name: 'help',
    });
    const reply = await bot.discord.waitForInteractionReply(handle.id);
    expect(JSON.stringify(reply.data)).toContain('`/panel`: Get a one-time link that signs you in to the web panel');
  });

  it('answers a manager ephemerally with a link that signs them in once, on their server page', async () => {
    const reply = await askForLink(ana.id);
    expect(reply.flags & 64).toBe(64);
    expect(reply.content).toContain('works once');
    const token = tokenIn(reply.content);

    // Only the token's hash is stored, and the token is in no log line.
    const stored = await links().find({}).lean().exec();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored[0]).toMatchObject({ userId: ana.id, guildId: main.id });
    expect(JSON.stringify(bot.ring.recent())).not.toContain(token);

    const first = await open(token);
    expect(first.statusCode).toBe(302);
    expect(first.headers.location).toBe(`/guilds/${main.id}`);
    const session = first.cookies.find((cookie) => cookie.name === 'accord_session');
    const csrf = first.cookies.find((cookie) => cookie.name === 'accord_csrf');
    expect(session && csrf).toBeTruthy();
    const client = panelClient(bot, `accord_session=${session!.value}; accord_csrf=${csrf!.value}`, csrf!.value);
    const me = await client.request({ method: 'GET', url: '/api/v1/auth/me' });
    expect(me.json()).toMatchObject({ id: ana.id, owner: false, method: 'discord' });
    const guilds = await client.request({ method: 'GET', url: '/api/v1/guilds' });
    expect(guilds.json()).toEqual([expect.objectContaining({ id: main.id, access: 'manage' })]);

    const second = await open(token);
    expect(second.statusCode).toBe(302);
    expect(second.headers.location).toBe('/login?error=SIGN_IN_LINK_INVALID');
    expect(second.cookies.find((cookie) => cookie.name === 'accord_session')).toBeUndefined();
    expect(await links().countDocuments().exec()).toBe(0);
  });

  it('refuses a link after its ten minutes', async () => {
    const token = tokenIn((await askForLink(ana.id)).content);
    await links()
      .updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1_000) } })
      .exec();

    const response = await open(token);
    expect(response.headers.location).toBe('/login?error=SIGN_IN_LINK_INVALID');
    expect(response.cookies.find((cookie) => cookie.name === 'accord_session')).toBeUndefined();
  });

  it('refuses a made-up token', async () => {
    const response = await open('A'.repeat(43));
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/login?error=SIGN_IN_LINK_INVALID');
  });

  it('refuses a member without Manage Server, and hands out no link', async () => {
    const reply = await askForLink(cid.id);
    expect(reply.flags & 64).toBe(64);
    expect(reply.content).toBe('Opening the panel from here needs Manage Server on this server.');
    expect(await links().countDocuments({ userId: cid.id }).exec()).toBe(0);
  });
});
