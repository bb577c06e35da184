import { GuildFactory, MemberFactory, RoleFactory, SnowflakeFactory, UserFactory } from '@accord/testkit/factories';
import { youtubeTrack } from '@accord/testkit/lavalink';
import { getConnectionToken } from '@nestjs/mongoose';
import { MessageFlags } from 'discord.js';
import type { Connection } from 'mongoose';
import { GuildSettingsService } from '../src/domain/guilds/guild-settings.service';
import { API_REQUESTS_PER_MINUTE } from '../src/transports/admin/http/request-rate-limit';
import { ADMIN_ENV } from './support/admin-session';
import { eventually, lavalinkConnected, startTestBot, type TestBot } from './support/test-bot';

const ana = UserFactory.create({ username: 'ana' });
const roleId = SnowflakeFactory.next();
const hostile = youtubeTrack({
  author: 'Uploader',
  title: `Pingstorm @everyone @here <@&${roleId}> <@${ana.id}>`,
  length: 200_000,
});

describe('Security: mentions in song titles (end to end on the fakes)', () => {
  let bot: TestBot;
  let voiceChannelId: string;
  let textChannelId: string;

  beforeAll(async () => {
    const guild = GuildFactory.create({ members: [MemberFactory.create({ user: ana })] });
    voiceChannelId = GuildFactory.voiceChannel(guild).id;
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
    const logged = bot.ring.recent().find((entry) => entry.message.startsWith('/fix re-pin'));
    expect(logged?.message).toContain(`by user ${dj.id} from guild ${bot.guild.id}`);
    expect(logged?.message).toContain(onePlusOne.official.identifier);
  });
});
