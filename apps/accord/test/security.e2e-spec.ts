import {
  GuildFactory,
  MemberFactory,
  RoleFactory,
  SnowflakeFactory,
  TextChannelFactory,
  UserFactory,
  VoiceChannelFactory,
} from '@accord/testkit/factories';
import { youtubeTrack } from '@accord/testkit/lavalink';
import { getConnectionToken } from '@nestjs/mongoose';
import { ChannelType, MessageFlags, PermissionFlagsBits, type Client } from 'discord.js';
import WebSocket from 'ws';
import type { Connection } from 'mongoose';
import { LIVE_CLOSE } from '@accord/contracts';
import { GuildSettingsService } from '../src/domain/guilds/guild-settings.service';
import { API_REQUESTS_PER_MINUTE } from '../src/transports/admin/http/request-rate-limit';
import { ACCESS_CHECK_MS, LiveGateway } from '../src/transports/admin/live/live.gateway';
import { DISCORD_CLIENT } from '../src/adapters/discord-client/discord-client.provider';
import { ADMIN_ENV, loginWithDiscord, loginWithPassword, type PanelClient } from './support/admin-session';
import { eventually, lavalinkConnected, startTestBot, type TestBot } from './support/test-bot';

const ana = UserFactory.create({ username: 'ana' });
const bob = UserFactory.create({ username: 'bob' });
const roleId = SnowflakeFactory.next();
const hostile = youtubeTrack({
  author: 'Uploader',
  title: `Pingstorm @everyone @here <@&${roleId}> <@${ana.id}>`,
  length: 200_000,
});

describe('Security: mentions in song titles (end to end on the fakes)', () => {
  let bot: TestBot;
  let voiceChannelId: string;
  let otherVoiceChannelId: string;
  let textChannelId: string;

  beforeAll(async () => {
    const guild = GuildFactory.create({
      channels: [TextChannelFactory.create(), VoiceChannelFactory.create(), VoiceChannelFactory.create()],
      members: [MemberFactory.create({ user: ana }), MemberFactory.create({ user: bob })],
    });
    voiceChannelId = GuildFactory.voiceChannel(guild).id;
    otherVoiceChannelId = guild.channels.filter((channel) => channel.type === ChannelType.GuildVoice)[1].id;
    textChannelId = GuildFactory.textChannel(guild).id;
    bot = await startTestBot({ guilds: [guild], lavalinkCatalogue: [hostile] });
    await lavalinkConnected(bot);
    await bot.app.get(GuildSettingsService).update(guild.id, { autoplay: false });
    await eventually(() => bot.discord.registeredCommands(guild.id).some((command) => command.name === 'play'));
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('sends a title with @everyone, a role and a user mention to Discord with no mention parsed', async () => {
    bot.discord.joinVoice(bot.guild.id, ana.id, voiceChannelId);
    await eventually(() => bot.discord.voiceStates(bot.guild.id).some((state) => state.user_id === ana.id));
    const play = bot.discord.slashCommand({
      guildId: bot.guild.id,
      channelId: textChannelId,
      userId: ana.id,
      name: 'play',
      options: { query: `https://www.youtube.com/watch?v=${hostile.identifier}` },
    });
    await bot.discord.waitForInteractionReply(play.id);
    await eventually(() => JSON.stringify(bot.discord.interactionResponses(play.id)).includes('@everyone'), 20_000);
    const nowPlaying = bot.discord.slashCommand({
      guildId: bot.guild.id,
      channelId: textChannelId,
      userId: ana.id,
      name: 'nowplaying',
    });
    await eventually(() =>
      bot.discord
        .interactionResponses(nowPlaying.id)
        .some((response) => JSON.stringify(response.body).includes('@everyone')),
    );

    const withTitle = [play.id, nowPlaying.id]
      .flatMap((id) => bot.discord.interactionResponses(id))
      .map((response) => response.body as { data?: Record<string, unknown> } & Record<string, unknown>)
      .map((body) => body.data ?? body)
      .filter((data) => JSON.stringify(data).includes('@everyone'));

    expect(withTitle.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(withTitle)).toContain(`<@&${roleId}> <@${ana.id}>`);
    for (const data of withTitle) expect(data.allowed_mentions).toEqual({ parse: [] });
  });

  it('refuses /discover and the like button to a member who is not in the channel the bot plays in', async () => {
    await eventually(() => bot.discord.botVoiceChannel(bot.guild.id) === voiceChannelId);
    bot.discord.joinVoice(bot.guild.id, bob.id, otherVoiceChannelId);
    await eventually(() => bot.discord.voiceStates(bot.guild.id).some((state) => state.user_id === bob.id));
    const nowPlaying = await eventually(() =>
      bot.discord
        .messages(textChannelId)
        .find((message) => JSON.stringify(message.components ?? []).includes('np:like')),
    );

    const discover = bot.discord.slashCommand({
      guildId: bot.guild.id,
      channelId: textChannelId,
      userId: bob.id,
      name: 'discover',
    });
    const like = bot.discord.button({
      guildId: bot.guild.id,
      channelId: textChannelId,
      userId: bob.id,
      messageId: nowPlaying.id,
      customId: 'np:like',
    });

    for (const interaction of [discover, like]) {
      const reply = await bot.discord.waitForInteractionReply(interaction.id);
      expect(reply).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
      expect(reply.data?.content).toContain('Join that channel');
    }
  });
});

describe('Security: request bodies and rate limits (end to end on the fakes)', () => {
  let bot: TestBot;

  beforeAll(async () => {
    bot = await startTestBot({ env: ADMIN_ENV });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('refuses a flooding address with 429 before reading its body, and serves other addresses', async () => {
    const flooder = '192.0.2.7';
    for (let sent = 0; sent < API_REQUESTS_PER_MINUTE; sent += 1) {
      await bot.app.inject({ method: 'GET', url: '/api/v1/auth/options', remoteAddress: flooder });
    }

    const malformed = await bot.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      remoteAddress: flooder,
      headers: { 'content-type': 'application/json' },
      payload: '{"password":',
    });
    const elsewhere = await bot.app.inject({ method: 'GET', url: '/api/v1/auth/options', remoteAddress: '192.0.2.8' });

    expect(malformed.statusCode).toBe(429);
    expect(malformed.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(malformed.headers['retry-after'])).toBeGreaterThan(0);
    expect(elsewhere.statusCode).toBe(200);
  });

  it('lets the owner sign in while a LAN client guesses with a new X-Forwarded-For each time', async () => {
    const lanClient = '192.168.1.50';
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, n) =>
        bot.app.inject({
          method: 'POST',
          url: '/api/v1/auth/password',
          remoteAddress: lanClient,
          headers: { 'x-forwarded-for': `192.168.7.${n + 1}` },
          payload: { password: `guess number ${n}` },
        }),
      ),
    );

    const owner = await bot.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      remoteAddress: '192.168.1.10',
      payload: { password: ADMIN_ENV.ADMIN_PASSWORD },
    });

    expect(new Set(guesses.map((response) => response.statusCode))).toEqual(new Set([401, 429]));
    expect(owner.statusCode).toBe(200);
    expect(owner.json()).toMatchObject({ owner: true, method: 'password' });
  });
});

describe('Security: /fix (end to end on the fakes)', () => {
  const onePlusOne = {
    topic: youtubeTrack({ author: 'Daft Punk - Topic', title: 'One More Time', length: 320_357 }),
    official: youtubeTrack({
      author: 'Daft Punk',
      title: 'Daft Punk - One More Time (Official Video)',
      length: 320_000,
    }),
  };
  const unrelated = youtubeTrack({ author: 'Rickroll Channel', title: 'Never Gonna Give You Up', length: 213_000 });
  const member = UserFactory.create({ username: 'member' });
  const dj = UserFactory.create({ username: 'dj' });
  const djRole = RoleFactory.create({ name: 'DJ' });
  let bot: TestBot;
  let textChannelId: string;

  const trackDoc = async (): Promise<{ _id: { toString(): string }; youtubeId: string } | null> =>
    bot.app
      .get<Connection>(getConnectionToken())
      .collection<{ _id: { toString(): string }; youtubeId: string }>('tracks')
      .findOne({ key: 'daftpunk|onemoretime|none' });
  const fix = (userId: string) =>
    bot.discord.slashCommand({
      guildId: bot.guild.id,
      channelId: textChannelId,
      userId,
      name: 'fix',
      options: { query: 'Daft Punk - One More Time' },
    });
  const click = (userId: string, messageId: string, customId: string) =>
    bot.discord.button({ guildId: bot.guild.id, channelId: textChannelId, userId, messageId, customId });

  beforeAll(async () => {
    const guild = GuildFactory.create({
      roles: [djRole],
      members: [MemberFactory.create({ user: member }), MemberFactory.create({ user: dj, roles: [djRole.id] })],
    });
    textChannelId = GuildFactory.textChannel(guild).id;
    bot = await startTestBot({
      guilds: [guild],
      lavalinkCatalogue: [...Object.values(onePlusOne), unrelated],
      env: { LOG_LEVEL: 'info' },
    });
    await lavalinkConnected(bot);
    await bot.app.get(GuildSettingsService).update(guild.id, { djRoleId: djRole.id });
    await eventually(() => bot.discord.registeredCommands(guild.id).some((command) => command.name === 'fix'));
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('refuses /fix to a member without the DJ role or Manage Server, in an ephemeral reply', async () => {
    const command = fix(member.id);

    const reply = await bot.discord.waitForInteractionReply(command.id);

    expect(reply).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
    expect(reply.data?.content).toContain('Manage Server');
  });

  it('refuses a forged button with a video /fix never offered, and re-pins only an offered one, logged', async () => {
    const command = fix(dj.id);
    const shown = await bot.discord.waitForOriginalEdit(command.token, { timeoutMs: 15_000 });
    const offered = JSON.stringify(shown.components);
    const before = await trackDoc();
    const trackId = before!._id.toString();
    const messageId = bot.discord.originalMessage(command.id)!.id;
    expect(offered).not.toContain(unrelated.identifier);

    const forged = click(dj.id, messageId, `fix:${trackId}:${unrelated.identifier}`);
    const refusal = await bot.discord.waitForInteractionReply(forged.id);
    const byMember = click(member.id, messageId, `fix:${trackId}:${onePlusOne.official.identifier}`);
    const memberRefusal = await bot.discord.waitForInteractionReply(byMember.id);
    const afterRefusals = await trackDoc();
    const chosen = click(dj.id, messageId, `fix:${trackId}:${onePlusOne.official.identifier}`);
    const update = await bot.discord.waitForInteractionReply(chosen.id);

    expect(refusal).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
    expect(refusal.data?.content).toContain('not one of the choices');
    expect(memberRefusal).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
    expect(memberRefusal.data?.content).toContain('Manage Server');
    expect(afterRefusals?.youtubeId).toBe(before?.youtubeId);
    expect(update).toMatchObject({ type: 7 });
    expect((await trackDoc())?.youtubeId).toBe(onePlusOne.official.identifier);
    const logged = bot.ring.recent().find((entry) => entry.message.startsWith('Re-pinned'));
    expect(logged?.message).toContain(`by user ${dj.id} with /fix in guild ${bot.guild.id}`);
    expect(logged?.message).toContain(onePlusOne.official.identifier);
  });
});

describe('Security: panel sessions, the live socket and health (end to end on the fakes)', () => {
  const oscar = UserFactory.create({ username: 'oscar' });
  const mia = UserFactory.create({ username: 'mia' });
  const managers = RoleFactory.create({ name: 'managers', permissions: PermissionFlagsBits.ManageGuild });
  const main = GuildFactory.create({
    roles: [managers],
    members: [MemberFactory.create({ user: oscar }), MemberFactory.create({ user: mia, roles: [managers.id] })],
  });
  const spare = GuildFactory.create({
    roles: [managers],
    members: [MemberFactory.create({ user: mia, roles: [managers.id] })],
  });
  let bot: TestBot;
  const sockets: WebSocket[] = [];

  const connect = async (
    client: PanelClient,
  ): Promise<{ socket: WebSocket; closed: Promise<number>; frames: string[] }> => {
    const url = `${(await bot.app.getUrl()).replace('http', 'ws')}/api/v1/ws`;
    const socket = new WebSocket(url, { headers: { cookie: client.cookie } });
    sockets.push(socket);
    const frames: string[] = [];
    socket.on('message', (data: Buffer) => frames.push(data.toString()));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return { socket, closed, frames };
  };
  const health = (cookie?: string) =>
    bot.app.inject({ method: 'GET', url: '/api/v1/health', headers: cookie ? { cookie } : {} });

  beforeAll(async () => {
    bot = await startTestBot({ guilds: [main, spare], env: { ...ADMIN_ENV, OWNER_IDS: oscar.id } });
    await eventually(async () => (await health()).statusCode === 200);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.terminate();
    await bot?.close();
  });

  it('shows health details (node names, players) to owners only; others see each part up, degraded or down', async () => {
    const owner = await loginWithDiscord(bot, oscar.id);
    const manager = await loginWithDiscord(bot, mia.id);

    const anonymous = await health();
    const forManager = await health(manager.cookie);
    const forOwner = await health(owner.cookie);

    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({
      status: 'ok',
      details: expect.objectContaining({
        discord: { status: 'up' },
        lavalink: { status: 'up' },
        database: { status: 'up' },
      }) as unknown,
    });
    expect(anonymous.body).not.toContain('node-1');
    expect(anonymous.body).not.toContain('pingMs');
    expect(forManager.body).not.toContain('node-1');
    expect(forOwner.json()).toMatchObject({
      details: { lavalink: { status: 'up', nodes: [{ name: 'node-1', players: 0 }] }, database: { status: 'up' } },
    });
  });

  it('closes a live socket at its access check once its user lost access to a watched guild (4003) or it expired (4001)', async () => {
    const manager = await loginWithDiscord(bot, mia.id);
    const watching = await connect(manager);
    const idle = await connect(manager);
    watching.socket.send(JSON.stringify({ event: 'subscribe', data: { channel: `guild:${spare.id}` } }));
    await eventually(() => watching.frames.some((frame) => frame.includes('"subscribed"')));
    const gateway = bot.app.get(LiveGateway);

    await gateway.recheckAccess();
    const openAfterFirstCheck = [watching, idle].map(({ socket }) => socket.readyState);
    bot.discord.removeGuild(spare.id);
    await eventually(() => !bot.app.get<Client>(DISCORD_CLIENT).guilds.cache.has(spare.id));
    await gateway.recheckAccess();
    const lostAccess = await watching.closed;
    const idleAfterLoss = idle.socket.readyState;
    await gateway.recheckAccess(new Date(Date.now() + 8 * 24 * 60 * 60 * 1000));

    expect(ACCESS_CHECK_MS).toBeLessThanOrEqual(60_000);
    expect(openAfterFirstCheck).toEqual([WebSocket.OPEN, WebSocket.OPEN]);
    expect(lostAccess).toBe(LIVE_CLOSE.AccessLost);
    expect(idleAfterLoss).toBe(WebSocket.OPEN);
    expect(await idle.closed).toBe(LIVE_CLOSE.SessionEnded);
  });

  it('re-derives rights from the configuration: no owner rights once out of OWNER_IDS, no password session after a new password', async () => {
    const owner = await loginWithDiscord(bot, oscar.id);
    const byPassword = await loginWithPassword(bot);
    const before = await Promise.all(
      [owner, byPassword].map((client) => client.request({ method: 'GET', url: '/api/v1/nodes' })),
    );

    // A restart with another environment: oscar left OWNER_IDS, and ADMIN_PASSWORD changed.
    bot.config.discord.ownerIds = [];
    bot.config.admin.password = 'a brand new owner password';
    await bot.restartApp();
    const ownerMe = await owner.request({ method: 'GET', url: '/api/v1/auth/me' });
    const ownerNodes = await owner.request({ method: 'GET', url: '/api/v1/nodes' });
    const passwordMe = await byPassword.request({ method: 'GET', url: '/api/v1/auth/me' });
    const fresh = await loginWithPassword(bot, 'a brand new owner password');

    expect(before.map((response) => response.statusCode)).toEqual([200, 200]);
    expect(ownerMe.json()).toMatchObject({ owner: false });
    expect(ownerNodes.statusCode).toBe(403);
    expect(passwordMe.statusCode).toBe(401);
    expect((await fresh.request({ method: 'GET', url: '/api/v1/nodes' })).statusCode).toBe(200);
  });
});
