import { dropTestDatabase, testDatabaseUri } from '@accord/testkit/db';
import { FakeDiscord } from '@accord/testkit/discord';
import {
  GuildFactory,
  MemberFactory,
  SnowflakeFactory,
  UserFactory,
  type FakeGuildDefinition,
} from '@accord/testkit/factories';
import { FakeLavalinkNode, youtubeTrack } from '@accord/testkit/lavalink';
import { answerOf, BotProcess } from '../support/bot-process';
import { eventually } from '../support/test-bot';

const SHARDS = 2;
const catalogue = [
  youtubeTrack({ author: 'Daft Punk', title: 'One More Time', length: 320_000 }),
  youtubeTrack({ author: 'Justice', title: 'Genesis', length: 234_000 }),
];
const ana = UserFactory.create({ username: 'ana' });
const ben = UserFactory.create({ username: 'ben' });

/** Discord's routing: a guild lives on shard `(guild_id >> 22) % shard count`. */
const shardOf = (guildId: string): number => Number((BigInt(guildId) >> 22n) % BigInt(SHARDS));

/** A guild that Discord routes to `shard`, with `user` as a member. */
function guildOnShard(shard: number, user: typeof ana): FakeGuildDefinition {
  // Snowflakes one millisecond apart land on consecutive shards.
  const id = SnowflakeFactory.fromTimestamp(Date.UTC(2025, 0, 1) + shard);
  return GuildFactory.create({ id, members: [MemberFactory.create({ user })] });
}

describe('Two gateway shards in one process (shards: auto)', () => {
  let discord: FakeDiscord;
  let node: FakeLavalinkNode;
  let bot: BotProcess;
  const rooms = [
    { guild: guildOnShard(0, ana), user: ana, query: 'Daft Punk One More Time', title: 'One More Time' },
    { guild: guildOnShard(1, ben), user: ben, query: 'Justice Genesis', title: 'Genesis' },
  ];
  const databaseUri = testDatabaseUri();

  beforeAll(async () => {
    discord = new FakeDiscord({
      guilds: rooms.map((room) => room.guild),
      shardCount: SHARDS,
      maxConcurrency: SHARDS,
      heartbeatIntervalMs: 1_000,
    });
    node = new FakeLavalinkNode({ name: 'main', password: 'secret-main', catalogue, playerUpdateIntervalMs: 1_000 });
    await Promise.all([discord.start(), node.start()]);
    for (const room of rooms) discord.joinVoice(room.guild.id, room.user.id, GuildFactory.voiceChannel(room.guild).id);
    // Commands are registered globally (no dev guild), as a bot in many servers does.
    bot = await BotProcess.start({ discord, lavalink: [node], databaseUri });
  });
  afterAll(async () => {
    await bot?.stop();
    await Promise.all([node?.stop(), discord?.stop()]);
    await dropTestDatabase(databaseUri);
  });

  it('identifies once on each shard and reports healthy', async () => {
    expect(rooms.map((room) => discord.shardFor(room.guild.id))).toEqual([0, 1]);
    expect(discord.identifies.map((identify) => identify.shard).sort(([a], [b]) => a - b)).toEqual([
      [0, SHARDS],
      [1, SHARDS],
    ]);
    const health = await bot.health();
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', details: { discord: { status: 'up' } } });
  });

  it('answers commands and plays in a guild on each shard, joining voice through that guild’s shard', async () => {
    await eventually(() => discord.registeredCommands().some((command) => command.name === 'play'), 20_000);

    for (const room of rooms) {
      const answer = await answerOf(
        discord,
        discord.slashCommand({
          guildId: room.guild.id,
          channelId: GuildFactory.textChannel(room.guild).id,
          userId: room.user.id,
          name: 'play',
          options: { query: room.query },
        }),
      );
      expect(answer.content).toMatch(new RegExp(`^▶️ Now playing \\*\\*${room.title}\\*\\*`));
    }

    for (const room of rooms) {
      await node.waitFor(() => node.player(room.guild.id)?.track?.title === room.title);
      const voiceChannelId = GuildFactory.voiceChannel(room.guild).id;
      expect(discord.botVoiceChannel(room.guild.id)).toBe(voiceChannelId);
      const joins = discord.voiceOps.filter((op) => op.guildId === room.guild.id && op.channelId !== null);
      expect(joins.length).toBeGreaterThan(0);
      expect(joins.every((op) => op.shardId === shardOf(room.guild.id))).toBe(true);
      // Lavalink got the voice session of the right shard's gateway connection.
      expect(node.patches(room.guild.id).some((patch) => patch.voice?.channelId === voiceChannelId)).toBe(true);
    }
  });
});
