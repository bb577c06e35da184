import type { ApiErrorDto, GuildChannelDto, GuildRoleDto, GuildSettingsDto } from '@accord/contracts';
import { GuildFactory, MemberFactory, RoleFactory, TextChannelFactory, UserFactory } from '@accord/testkit/factories';
import { getConnectionToken } from '@nestjs/mongoose';
import {
  type APINewsChannel,
  ChannelType,
  GatewayDispatchEvents,
  OverwriteType,
  PermissionFlagsBits,
} from 'discord.js';
import type { Connection } from 'mongoose';
import { ADMIN_ENV, loginWithDiscord, type PanelClient } from './support/admin-session';
import { eventually, startTestBot, type TestBot } from './support/test-bot';

const ana = UserFactory.create({ username: 'ana' }); // Manage Server
const ben = UserFactory.create({ username: 'ben' }); // the DJ role only
const managers = RoleFactory.create({ name: 'Managers', position: 3, permissions: PermissionFlagsBits.ManageGuild });
const djs = RoleFactory.create({
  name: 'DJs',
  position: 2,
  colors: { primary_color: 0xe91e63, secondary_color: null, tertiary_color: null },
});
const listeners = RoleFactory.create({ name: 'Listeners', position: 1 });
const music = TextChannelFactory.category({ name: 'Music', position: 1 });
const general = TextChannelFactory.create({ name: 'general', position: 0 });
const nowPlaying = TextChannelFactory.create({ name: 'now-playing', position: 2, parent_id: music.id });
const news: APINewsChannel = {
  ...TextChannelFactory.create({ name: 'news', position: 3, parent_id: music.id }),
  type: ChannelType.GuildAnnouncement,
};
const staff = TextChannelFactory.create({ name: 'staff', position: 4 });
const main = GuildFactory.create({
  name: 'Main',
  roles: [managers, djs, listeners],
  channels: [general, music, nowPlaying, news, staff],
  members: [
    MemberFactory.create({ user: ana, roles: [managers.id] }),
    MemberFactory.create({ user: ben, roles: [djs.id] }),
  ],
});
// The bot may not see #staff: it is not offered.
const botRoleId = main.roles[1].id;
main.channels.find((channel) => channel.id === staff.id)!.permission_overwrites = [
  { id: botRoleId, type: OverwriteType.Role, allow: '0', deny: PermissionFlagsBits.ViewChannel.toString() },
];
const other = GuildFactory.create({ name: 'Other', members: [MemberFactory.create({ user: ana })] });

describe('Admin API: the roles and channels the settings pickers offer (end to end on the fakes)', () => {
  let bot: TestBot;
  let anaClient: PanelClient;
  const error = (body: string): ApiErrorDto => JSON.parse(body) as ApiErrorDto;

  beforeAll(async () => {
    bot = await startTestBot({ guilds: [main, other], env: { ...ADMIN_ENV, LOG_LEVEL: 'warn' } });
    await eventually(() => bot.discord.identifyCount > 0);
    anaClient = await loginWithDiscord(bot, ana.id);
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('lists the roles highest first with their colour, without @everyone and the bot role', async () => {
    const response = await anaClient.request({ method: 'GET', url: `/api/v1/guilds/${main.id}/roles` });

    expect(response.statusCode).toBe(200);
    expect(response.json<GuildRoleDto[]>()).toEqual([
      { id: managers.id, name: 'Managers', color: null, position: 3 },
      { id: djs.id, name: 'DJs', color: '#e91e63', position: 2 },
      { id: listeners.id, name: 'Listeners', color: null, position: 1 },
    ]);
  });

  it('lists the text and announcement channels the bot can post in, with their category, in Discord order', async () => {
    const response = await anaClient.request({ method: 'GET', url: `/api/v1/guilds/${main.id}/channels` });

    expect(response.statusCode).toBe(200);
    expect(response.json<GuildChannelDto[]>().map(({ name, category }) => [name, category])).toEqual([
      ['general', null],
      ['now-playing', 'Music'],
      ['news', 'Music'],
    ]);
  });

  it('refuses the lists with 403 to a DJ and to someone who does not manage the server', async () => {
    await anaClient.request({
      method: 'PATCH',
      url: `/api/v1/guilds/${main.id}/settings`,
      payload: { djRoleId: djs.id },
    });
    const benClient = await loginWithDiscord(bot, ben.id);

    const asDj = await benClient.request({ method: 'GET', url: `/api/v1/guilds/${main.id}/roles` });
    const notManaged = await anaClient.request({ method: 'GET', url: `/api/v1/guilds/${other.id}/channels` });
    const signedOut = await bot.app.inject({ method: 'GET', url: `/api/v1/guilds/${main.id}/roles` });

    expect(asDj.statusCode).toBe(403);
    expect(error(asDj.body).code).toBe('MANAGE_REQUIRED');
    expect(notManaged.statusCode).toBe(403);
    expect(error(notManaged.body).code).toBe('GUILD_NOT_MANAGED');
    expect(signedOut.statusCode).toBe(401);
  });

  it('refuses a role or channel deleted in Discord with a 400 for the field, and changes nothing', async () => {
    await anaClient.request({
      method: 'PATCH',
      url: `/api/v1/guilds/${main.id}/settings`,
      payload: { djRoleId: null, announceChannelId: null },
    });
    bot.discord.dispatch(GatewayDispatchEvents.GuildRoleDelete, { guild_id: main.id, role_id: listeners.id });
    bot.discord.dispatch(GatewayDispatchEvents.ChannelDelete, {
      ...news,
      guild_id: main.id,
      type: ChannelType.GuildAnnouncement,
    });
    await eventually(async () => {
      const roles = await anaClient.request({ method: 'GET', url: `/api/v1/guilds/${main.id}/roles` });
      return !roles.json<GuildRoleDto[]>().some((role) => role.id === listeners.id);
    });

    const role = await anaClient.request({
      method: 'PATCH',
      url: `/api/v1/guilds/${main.id}/settings`,
      payload: { djRoleId: listeners.id, defaultVolume: 70 },
    });
    const channel = await anaClient.request({
      method: 'PATCH',
      url: `/api/v1/guilds/${main.id}/settings`,
      payload: { announceChannelId: news.id },
    });
    const doc = await bot.app.get<Connection>(getConnectionToken()).collection('guilds').findOne({ guildId: main.id });

    expect(role.statusCode).toBe(400);
    expect(error(role.body)).toMatchObject({
      code: 'INVALID_SETTING',
      fields: { djRoleId: [expect.stringContaining('deleted in Discord') as unknown] },
    });
    expect(channel.statusCode).toBe(400);
    expect(error(channel.body).fields).toEqual({ announceChannelId: [expect.stringContaining('deleted in Discord')] });
    expect(doc?.settings).toMatchObject({ djRoleId: null, announceChannelId: null });
    expect((doc?.settings as GuildSettingsDto).defaultVolume).not.toBe(70);
  });

  it('refuses an announce channel the bot cannot post in, though it exists', async () => {
    const response = await anaClient.request({
      method: 'PATCH',
      url: `/api/v1/guilds/${main.id}/settings`,
      payload: { announceChannelId: staff.id },
    });

    expect(response.statusCode).toBe(400);
    expect(error(response.body).fields).toEqual({
      announceChannelId: [expect.stringContaining('the bot can post in')],
    });
  });

  it('documents both lists in the OpenAPI description', async () => {
    const docs = await bot.app.inject({ method: 'GET', url: '/api/docs-json' });

    expect(Object.keys(docs.json<{ paths: Record<string, unknown> }>().paths)).toEqual(
      expect.arrayContaining(['/api/v1/guilds/{guildId}/roles', '/api/v1/guilds/{guildId}/channels']),
    );
  });

  it('takes a listed role and channel, and null still clears them', async () => {
    const set = await anaClient.request({
      method: 'PATCH',
      url: `/api/v1/guilds/${main.id}/settings`,
      payload: { djRoleId: djs.id, announceChannelId: nowPlaying.id },
    });
    const cleared = await anaClient.request({
      method: 'PATCH',
      url: `/api/v1/guilds/${main.id}/settings`,
      payload: { djRoleId: null, announceChannelId: null },
    });

    expect(set.json<GuildSettingsDto>()).toMatchObject({ djRoleId: djs.id, announceChannelId: nowPlaying.id });
    expect(cleared.json<GuildSettingsDto>()).toMatchObject({ djRoleId: null, announceChannelId: null });
  });
});
