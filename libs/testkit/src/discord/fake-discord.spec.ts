import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Client,
  type ClientEvents,
  type ClientOptions,
  DiscordAPIError,
  GatewayIntentBits,
  type Interaction,
  InteractionResponseType,
  MessageFlags,
  PermissionFlagsBits,
  type TextChannel,
} from 'discord.js';
import {
  type FakeGuildDefinition,
  GuildFactory,
  MemberFactory,
  RoleFactory,
  SnowflakeFactory,
  TextChannelFactory,
  UserFactory,
  VoiceChannelFactory,
} from '../factories';
import { FakeDiscord } from './fake-discord';

const TOKEN = 'MTE4NzQwMDAwMDAwMDAwMDAwMQ.fake.signature';

/** Resolves with the args of the next client event that passes the filter. */
function nextEvent<K extends keyof ClientEvents>(
  client: Client,
  event: K,
  filter: (...args: ClientEvents[K]) => boolean = () => true,
  timeoutMs = 5000,
): Promise<ClientEvents[K]> {
  return new Promise((resolve, reject) => {
    const listener = (...args: ClientEvents[K]): void => {
      if (!filter(...args)) return;
      clearTimeout(timer);
      client.off(event, listener);
      resolve(args);
    };
    const timer = setTimeout(() => {
      client.off(event, listener);
      reject(new Error(`no ${String(event)} within ${timeoutMs} ms`));
    }, timeoutMs);
    client.on(event, listener);
  });
}

function newClient(fake: FakeDiscord, options: Partial<ClientOptions> = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildVoiceStates],
    rest: { api: fake.apiUrl },
    ...options,
  });
}

describe(FakeDiscord.name, () => {
  GuildFactory.resetAll();
  const alice = UserFactory.create({ username: 'alice' });
  const bob = UserFactory.create({ username: 'bob' });
  const djRole = RoleFactory.create({ name: 'DJ' });
  const modRole = RoleFactory.create({ name: 'Mods', permissions: PermissionFlagsBits.ManageGuild });
  const text = TextChannelFactory.create({ name: 'music' });
  const voice = VoiceChannelFactory.create({ name: 'Lounge' });
  const guild: FakeGuildDefinition = GuildFactory.create({
    name: 'Listening Room',
    roles: [djRole, modRole],
    channels: [text, voice],
    members: [
      MemberFactory.create({ user: alice, roles: [djRole.id, modRole.id] }),
      MemberFactory.create({ user: bob }),
    ],
    voiceStates: [{ userId: bob.id, channelId: voice.id }],
  });

  let sut: FakeDiscord;
  let client: Client;
  let onInteraction: (interaction: Interaction) => Promise<void> = () => Promise.resolve();
  const handlerErrors: unknown[] = [];

  beforeAll(async () => {
    sut = new FakeDiscord({ guilds: [guild] });
    await sut.start();
    client = newClient(sut);
    client.on(
      'interactionCreate',
      (interaction) => void onInteraction(interaction).catch((e) => handlerErrors.push(e)),
    );
    const ready = nextEvent(client, 'clientReady');
    await client.login(TOKEN);
    await ready;
  });

  afterEach(() => {
    expect(handlerErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await client.destroy();
    await sut.stop();
  });

  it('reaches clientReady with guilds, channels, roles, members and voice states cached', () => {
    const cached = client.guilds.cache.get(guild.id);

    expect(client.user?.id).toBe(sut.botUser.id);
    expect(client.application?.id).toBe(sut.applicationId);
    expect(cached?.name).toBe('Listening Room');
    expect(cached?.channels.cache.get(voice.id)?.type).toBe(ChannelType.GuildVoice);
    expect(cached?.channels.cache.get(text.id)?.type).toBe(ChannelType.GuildText);
    expect(cached?.roles.cache.get(djRole.id)?.name).toBe('DJ');
    expect(cached?.members.cache.get(alice.id)?.roles.cache.has(djRole.id)).toBe(true);
    expect(cached?.members.me?.id).toBe(sut.botUser.id);
    expect(cached?.voiceStates.cache.get(bob.id)?.channelId).toBe(voice.id);
    expect(sut.identifyCount).toBe(1);
    expect(sut.identifies[0]).toMatchObject({ shard: [0, 1], token: TOKEN });
    expect(sut.requests[0]).toMatchObject({ method: 'GET', path: '/gateway/bot', token: TOKEN });
  });

  it('stores commands registered for a guild and returns them with ids', async () => {
    const registered = await client.application!.commands.set(
      [
        {
          name: 'play',
          description: 'Play a song',
          options: [
            {
              name: 'query',
              description: 'What',
              type: ApplicationCommandOptionType.String,
              required: true,
              autocomplete: true,
            },
            { name: 'volume', description: 'Loudness', type: ApplicationCommandOptionType.Integer },
            { name: 'next', description: 'Play next', type: ApplicationCommandOptionType.Boolean },
            { name: 'for', description: 'Who asked', type: ApplicationCommandOptionType.User },
          ],
        },
        { name: 'nowplaying', description: 'What is playing' },
      ],
      guild.id,
    );

    expect([...registered.values()].map((c) => c.name)).toEqual(['play', 'nowplaying']);
    expect(sut.registeredCommands(guild.id).map((c) => [c.name, c.id])).toEqual(
      [...registered.values()].map((c) => [c.name, c.id]),
    );
    expect(sut.requests.at(-1)).toMatchObject({
      method: 'PUT',
      path: `/applications/${sut.applicationId}/guilds/${guild.id}/commands`,
    });
    expect(sut.registeredCommands()).toEqual([]);
  });

  it('delivers a slash command with typed options and records the reply, the edit and the follow-up', async () => {
    const seen: Record<string, unknown> = {};
    onInteraction = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      seen.query = interaction.options.getString('query');
      seen.volume = interaction.options.getInteger('volume');
      seen.next = interaction.options.getBoolean('next');
      seen.for = interaction.options.getUser('for')?.username;
      seen.isDj = interaction.inCachedGuild() && interaction.member.roles.cache.has(djRole.id);
      seen.canManage = interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild);
      seen.botCanSpeak = interaction.appPermissions.has(PermissionFlagsBits.Speak);
      await interaction.reply({ content: 'Searching…', flags: MessageFlags.Ephemeral });
      await interaction.editReply('Now playing: Daft Punk - One More Time');
      await interaction.followUp({ content: 'Queued 3 tracks' });
    };

    const { id, token } = sut.slashCommand({
      guildId: guild.id,
      channelId: text.id,
      userId: alice.id,
      name: 'play',
      options: { query: 'daft punk', volume: 80, next: true, for: bob.id },
    });

    const reply = await sut.waitForInteractionReply(id);
    const edit = await sut.waitForOriginalEdit(token);
    const followUp = await sut.waitForFollowUp(token);
    expect(reply).toMatchObject({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { content: 'Searching…', flags: MessageFlags.Ephemeral },
    });
    expect(edit.content).toBe('Now playing: Daft Punk - One More Time');
    expect(followUp.content).toBe('Queued 3 tracks');
    expect(sut.interactionResponses(id).map((r) => `${r.method} ${r.status}`)).toEqual([
      'POST 204',
      'PATCH 200',
      'POST 200',
    ]);
    expect(sut.originalMessage(id)).toMatchObject({ content: 'Now playing: Daft Punk - One More Time' });
    expect(sut.lastMessage(text.id)?.content).toBe('Queued 3 tracks');
    expect(seen).toEqual({
      query: 'daft punk',
      volume: 80,
      next: true,
      for: 'bob',
      isDj: true,
      canManage: true,
      botCanSpeak: true,
    });
    expect(sut.unknownRequests).toEqual([]);
  });

  it('answers ?with_response=true with the callback resource discord.js reads', async () => {
    const seen: Record<string, unknown> = {};
    onInteraction = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const response = await interaction.deferReply({ withResponse: true });
      seen.loading = response.interaction.responseMessageLoading;
      seen.messageId = response.resource?.message?.id;
      await interaction.editReply({ content: 'Found it' });
    };

    const { id, token } = sut.slashCommand({
      guildId: guild.id,
      channelId: text.id,
      userId: bob.id,
      name: 'nowplaying',
    });
    await sut.waitForOriginalEdit(token);

    const [callback] = sut.interactionResponses(id);
    expect(callback).toMatchObject({ status: 200, query: { with_response: 'true' } });
    expect(seen).toEqual({ loading: true, messageId: sut.originalMessage(id)?.id });
    expect(sut.originalMessage(id)).toMatchObject({ content: 'Found it', flags: 0 });
  });

  it('delivers a button press on a message the bot sent and records the update', async () => {
    let clickedMessageId: string | undefined;
    onInteraction = async (interaction) => {
      if (interaction.isChatInputCommand()) {
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('player:skip').setLabel('Skip').setStyle(ButtonStyle.Primary),
        );
        await interaction.reply({ content: 'Now playing', components: [row] });
      } else if (interaction.isButton()) {
        clickedMessageId = interaction.message.id;
        await interaction.update({ content: `Skipped by ${interaction.user.username}`, components: [] });
      }
    };
    const command = sut.slashCommand({ guildId: guild.id, channelId: text.id, userId: alice.id, name: 'nowplaying' });
    await sut.waitForInteractionReply(command.id);
    const messageId = sut.originalMessage(command.id)!.id;

    const press = sut.button({
      guildId: guild.id,
      channelId: text.id,
      userId: bob.id,
      customId: 'player:skip',
      messageId,
    });

    expect(await sut.waitForInteractionReply(press.id)).toMatchObject({
      type: InteractionResponseType.UpdateMessage,
      data: { content: 'Skipped by bob', components: [] },
    });
    expect(clickedMessageId).toBe(messageId);
    expect(sut.message(text.id, messageId)).toMatchObject({ content: 'Skipped by bob', components: [] });
  });

  it('delivers autocomplete and records the choices of respond()', async () => {
    let focused: unknown;
    onInteraction = async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      focused = interaction.options.getFocused(true);
      await interaction.respond([{ name: 'Daft Punk - One More Time', value: 'daft punk one more time' }]);
    };

    const { id } = sut.autocomplete({
      guildId: guild.id,
      channelId: text.id,
      userId: alice.id,
      name: 'play',
      focused: { name: 'query', value: 'daft' },
    });

    expect(await sut.waitForInteractionReply(id)).toEqual({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices: [{ name: 'Daft Punk - One More Time', value: 'daft punk one more time' }] },
    });
    expect(focused).toMatchObject({ name: 'query', value: 'daft', focused: true });
  });

  it('reports a user joining, deafening and leaving voice as voiceStateUpdate', async () => {
    const joined = nextEvent(client, 'voiceStateUpdate', (_old, state) => state.id === alice.id);
    sut.joinVoice(guild.id, alice.id, voice.id);
    const [before, after] = await joined;
    expect([before.channelId, after.channelId]).toEqual([null, voice.id]);
    expect(after.member?.user.username).toBe('alice');

    const deafened = nextEvent(client, 'voiceStateUpdate', (_old, state) => state.id === alice.id);
    sut.setDeaf(guild.id, alice.id, { selfDeaf: true });
    expect((await deafened)[1].selfDeaf).toBe(true);

    const left = nextEvent(client, 'voiceStateUpdate', (_old, state) => state.id === alice.id);
    sut.leaveVoice(guild.id, alice.id);
    expect((await left)[1].channelId).toBeNull();
    expect(sut.voiceStates(guild.id).map((s) => s.user_id)).toEqual([bob.id]);
  });

  it('answers op 4 with VOICE_STATE_UPDATE then VOICE_SERVER_UPDATE, and a leave with the state only', async () => {
    const raw: { t: string; d: Record<string, unknown> }[] = [];
    const onRaw = (packet: { t: string; d: Record<string, unknown> }): void => {
      if (packet.t?.startsWith('VOICE_')) raw.push(packet);
    };
    client.on('raw', onRaw);
    const cached = client.guilds.cache.get(guild.id)!;

    cached.shard.send({ op: 4, d: { guild_id: guild.id, channel_id: voice.id, self_deaf: true, self_mute: false } });
    await sut.waitUntil(() => raw.length >= 2);

    expect(raw.map((p) => p.t)).toEqual(['VOICE_STATE_UPDATE', 'VOICE_SERVER_UPDATE']);
    expect(raw[0].d).toMatchObject({ user_id: sut.botUser.id, channel_id: voice.id, self_deaf: true });
    expect(typeof raw[0].d.session_id).toBe('string');
    expect(Object.keys(raw[1].d).sort()).toEqual(['endpoint', 'guild_id', 'token']);
    expect(raw[1].d.guild_id).toBe(guild.id);
    expect(sut.botVoiceChannel(guild.id)).toBe(voice.id);
    expect(cached.members.me?.voice.channelId).toBe(voice.id);
    expect(sut.voiceOps.at(-1)).toMatchObject({ guildId: guild.id, channelId: voice.id, selfDeaf: true });

    cached.shard.send({ op: 4, d: { guild_id: guild.id, channel_id: null, self_deaf: false, self_mute: false } });
    await sut.waitUntil(() => raw.length >= 3);
    await new Promise((resolve) => setTimeout(resolve, 50));
    client.off('raw', onRaw);

    expect(raw.slice(2).map((p) => [p.t, p.d.channel_id])).toEqual([['VOICE_STATE_UPDATE', null]]);
    expect(sut.botVoiceChannel(guild.id)).toBeNull();
  });

  it('holds the answers to op 4 back until releaseVoice, then sends them in order', async () => {
    const raw: string[] = [];
    const onRaw = (packet: { t: string }): void => {
      if (packet.t?.startsWith('VOICE_')) raw.push(packet.t);
    };
    client.on('raw', onRaw);
    const cached = client.guilds.cache.get(guild.id)!;
    sut.holdVoice(guild.id);

    cached.shard.send({ op: 4, d: { guild_id: guild.id, channel_id: voice.id, self_deaf: true, self_mute: false } });
    await sut.waitUntil(() => sut.voiceOps.at(-1)?.channelId === voice.id);
    expect(raw).toEqual([]);
    expect(sut.botVoiceChannel(guild.id)).toBeNull();

    expect(sut.releaseVoice(guild.id)).toBe(1);
    await sut.waitUntil(() => raw.length >= 2);
    client.off('raw', onRaw);

    expect(raw).toEqual(['VOICE_STATE_UPDATE', 'VOICE_SERVER_UPDATE']);
    expect(sut.botVoiceChannel(guild.id)).toBe(voice.id);
    cached.shard.send({ op: 4, d: { guild_id: guild.id, channel_id: null, self_deaf: false, self_mute: false } });
    await sut.waitUntil(() => sut.botVoiceChannel(guild.id) === null);
  });

  it('parses multipart uploads and stores the message per channel', async () => {
    const channel = client.channels.cache.get(text.id) as TextChannel;

    const sent = await channel.send({
      content: 'Queue export',
      files: [{ attachment: Buffer.from('1. One More Time\n'), name: 'queue.txt' }],
    });

    const request = await sut.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${text.id}/messages`);
    expect(request.body).toMatchObject({ content: 'Queue export' });
    expect(request.files).toEqual([expect.objectContaining({ field: 'files[0]', filename: 'queue.txt', size: 17 })]);
    expect(sut.message(text.id, sent.id)?.attachments[0]).toMatchObject({ filename: 'queue.txt', size: 17 });
    expect(sent.author.id).toBe(sut.botUser.id);
  });

  it('answers unknown routes with a JSON 404 and bot routes without a token with 401', async () => {
    await expect(client.rest.get('/guilds/1/audit-logs-that-do-not-exist')).rejects.toBeInstanceOf(DiscordAPIError);
    const anonymous = await fetch(`${sut.apiUrl}/v10/users/@me`);

    expect(sut.unknownRequests.map((r) => r.path)).toEqual(['/guilds/1/audit-logs-that-do-not-exist']);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ message: '401: Unauthorized', code: 0 });
  });

  it('announces guilds the bot joins and leaves', async () => {
    const joined = nextEvent(client, 'guildCreate');
    const extra = GuildFactory.create({ name: 'Second Room' });

    sut.addGuild(extra);
    expect((await joined)[0].name).toBe('Second Room');

    const left = nextEvent(client, 'guildDelete');
    sut.removeGuild(extra.id);
    expect((await left)[0].id).toBe(extra.id);
    expect(client.guilds.cache.has(extra.id)).toBe(false);
  });

  it('resumes after op 7 without identifying again', async () => {
    const resumed = nextEvent(client, 'shardResume');

    sut.sendReconnect();
    await resumed;

    expect(sut.resumeCount).toBe(1);
    expect(sut.identifyCount).toBe(1);
    expect(sut.gatewayConnectionUrls.at(-1)).toMatch(/^\/resume\?v=10&encoding=json/);
  });

  it('replays dispatches missed while the connection was down', async () => {
    const resumed = nextEvent(client, 'shardResume');
    const joined = nextEvent(client, 'voiceStateUpdate', (_old, state) => state.id === alice.id, 10_000);

    // The socket is closing, so this dispatch only reaches the bot through the RESUME replay.
    sut.closeGateway(4000);
    sut.joinVoice(guild.id, alice.id, voice.id);
    await resumed;

    expect((await joined)[1].channelId).toBe(voice.id);
    expect(sut.resumeCount).toBe(2);
    expect(sut.identifyCount).toBe(1);
  });

  it('identifies again after a non-resumable op 9', async () => {
    const ready = nextEvent(client, 'shardReady', () => true, 20_000);

    sut.invalidateSession(false);
    await ready;

    expect(sut.identifyCount).toBe(2);
    expect(client.guilds.cache.get(guild.id)?.available).toBe(true);
    const { id } = sut.slashCommand({ guildId: guild.id, channelId: text.id, userId: alice.id, name: 'nowplaying' });
    onInteraction = async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply('still here');
    };
    expect((await sut.waitForInteractionReply(id)).data?.content).toBe('still here');
  }, 30_000);
});

describe(`${FakeDiscord.name} with shards`, () => {
  it('routes each guild to the shard (guild_id >> 22) % shardCount identified for it', async () => {
    // Consecutive milliseconds in the id put the guilds on alternating shards.
    const base = Date.UTC(2024, 1, 1);
    const guilds = [0, 1, 2].map((n) => GuildFactory.create({ id: SnowflakeFactory.fromTimestamp(base + n) }));
    const sut = new FakeDiscord({ guilds, shardCount: 2, maxConcurrency: 2 });
    await sut.start();
    // discord.js spawns one shard unless told `shards: 'auto'` (then it uses /gateway/bot's count).
    const client = newClient(sut, { shards: 'auto' });
    const ready = nextEvent(client, 'clientReady', () => true, 15_000);

    await client.login(TOKEN);
    await ready;

    try {
      expect(sut.identifies.map((i) => i.shard).sort()).toEqual([
        [0, 2],
        [1, 2],
      ]);
      expect(new Set(guilds.map((g) => sut.shardFor(g.id)))).toEqual(new Set([0, 1]));
      for (const guild of guilds) {
        expect(client.guilds.cache.get(guild.id)?.shardId).toBe(sut.shardFor(guild.id));
      }
    } finally {
      await client.destroy();
      await sut.stop();
    }
  }, 20_000);
});

describe(`${FakeDiscord.name} heartbeats`, () => {
  it('acknowledges heartbeats, and a missed ACK makes discord.js reconnect and resume', async () => {
    const sut = new FakeDiscord({ guilds: [GuildFactory.create()], heartbeatIntervalMs: 100 });
    await sut.start();
    const client = newClient(sut);
    const ready = nextEvent(client, 'clientReady');
    await client.login(TOKEN);
    await ready;

    try {
      await sut.waitUntil(() => sut.gatewayPayloads.filter((p) => p.op === 1).length >= 2);
      expect(client.ws.ping).toBeGreaterThanOrEqual(0);

      const resumed = nextEvent(client, 'shardResume');
      sut.ackHeartbeats = false;
      await resumed;
      sut.ackHeartbeats = true;

      expect([sut.identifyCount, sut.resumeCount]).toEqual([1, 1]);
    } finally {
      await client.destroy();
      await sut.stop();
    }
  });
});
