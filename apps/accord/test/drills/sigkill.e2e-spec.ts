import type { APIEmbed } from 'discord.js';
import { createConnection, type Connection } from 'mongoose';
import { dropTestDatabase, testDatabaseUri } from '@accord/testkit/db';
import { FakeDiscord } from '@accord/testkit/discord';
import { GuildFactory, MemberFactory, UserFactory, type FakeGuildDefinition } from '@accord/testkit/factories';
import { FakeLavalinkNode, youtubeTrack } from '@accord/testkit/lavalink';
import type { PersistedSession } from '../../src/domain/guilds/guild-session.types';
import { answerOf, BotProcess } from '../support/bot-process';
import { eventually } from '../support/test-bot';

const catalogue = [
  youtubeTrack({ author: 'Daft Punk', title: 'One More Time', length: 320_000 }),
  youtubeTrack({ author: 'Justice', title: 'Genesis', length: 234_000 }),
  youtubeTrack({ author: 'Kavinsky', title: 'Nightcall', length: 258_000 }),
];
const ana = UserFactory.create({ username: 'ana' });

interface StoredPlay {
  title: string;
  endedAt: Date | null;
  endReason?: string;
  playedMs: number;
  interrupted?: boolean;
}

describe('The bot process killed with SIGKILL mid-track and started again', () => {
  let discord: FakeDiscord;
  let node: FakeLavalinkNode;
  let guild: FakeGuildDefinition;
  let database: Connection;
  let bot: BotProcess;
  const databaseUri = testDatabaseUri();

  const start = (): Promise<BotProcess> =>
    BotProcess.start({ discord, lavalink: [node], databaseUri, devGuildId: guild.id });
  const slash = (name: string, options?: Record<string, string>) =>
    answerOf(
      discord,
      discord.slashCommand({
        guildId: guild.id,
        channelId: GuildFactory.textChannel(guild).id,
        userId: ana.id,
        name,
        options,
      }),
    );
  const storedSession = async (): Promise<PersistedSession | null> => {
    const doc = await database.collection('guilds').findOne({ guildId: guild.id });
    return (doc?.session as PersistedSession | null) ?? null;
  };
  const plays = async (): Promise<StoredPlay[]> =>
    (await database
      .collection('plays')
      .find({ guildId: guild.id })
      .sort({ startedAt: 1 })
      .toArray()) as unknown as StoredPlay[];
  const queueEmbed = async (): Promise<APIEmbed> => {
    const answer = await slash('queue');
    return answer.embeds?.[0] ?? {};
  };
  const trackPatchesSince = (from: number) =>
    node
      .patches(guild.id)
      .slice(from)
      .filter((patch) => patch.track !== undefined);

  beforeAll(async () => {
    guild = GuildFactory.create({ members: [MemberFactory.create({ user: ana })] });
    discord = new FakeDiscord({ guilds: [guild], heartbeatIntervalMs: 1_000 });
    node = new FakeLavalinkNode({ name: 'main', password: 'secret-main', catalogue, playerUpdateIntervalMs: 1_000 });
    await Promise.all([discord.start(), node.start()]);
    database = await createConnection(databaseUri, { serverSelectionTimeoutMS: 10_000 }).asPromise();
    discord.joinVoice(guild.id, ana.id, GuildFactory.voiceChannel(guild).id);
    bot = await start();
    await eventually(() => discord.registeredCommands(guild.id).some((command) => command.name === 'play'), 20_000);
  });
  afterAll(async () => {
    await bot?.stop();
    await database?.close();
    await Promise.all([node?.stop(), discord?.stop()]);
    await dropTestDatabase(databaseUri);
  });

  it('resumes the Lavalink session: audio never stopped, queue, position and the open play intact', async () => {
    for (const query of ['Daft Punk One More Time', 'Justice Genesis', 'Kavinsky Nightcall']) {
      await slash('play', { query });
    }
    await node.waitFor(() => node.player(guild.id)?.track?.title === 'One More Time');
    node.advance(guild.id, 90_000);
    await eventually(async () => ((await storedSession())?.current?.positionMs ?? 0) >= 90_000);
    await eventually(async () => (await plays()).length === 1);
    const patchesBefore = node.patches(guild.id).length;

    expect(await bot.signal('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    // Lavalink plays on while the bot is gone.
    node.advance(guild.id, 30_000);
    bot = await start();

    await eventually(() => node.handshakes.some((handshake) => handshake.resumed));
    await eventually(() => bot.logged(/resumed with Lavalink still playing/), 15_000).catch((error) => {
      throw new Error(`${String(error)}\n${bot.tail(60)}`);
    });
    const embed = await queueEmbed();
    expect(embed.description).toContain('▶️ **One More Time** by Daft Punk (5:20)');
    expect(embed.description).toContain('`1.` **Genesis** by Justice (3:54)');
    expect(embed.description).toContain('`2.` **Nightcall** by Kavinsky (4:18)');
    // No new track was sent: the song was never restarted or replaced.
    expect(trackPatchesSince(patchesBefore)).toEqual([]);
    expect(node.player(guild.id)?.track?.title).toBe('One More Time');
    expect(node.player(guild.id)?.position).toBeGreaterThanOrEqual(120_000);
    await eventually(async () => ((await storedSession())?.current?.positionMs ?? 0) >= 120_000);
    const open = await plays();
    expect(open.map(({ title, endedAt }) => ({ title, endedAt }))).toEqual([{ title: 'One More Time', endedAt: null }]);

    node.finishTrack(guild.id);
    await node.waitFor(() => node.player(guild.id)?.track?.title === 'Genesis');
    const after = await eventually(async () => {
      const all = await plays();
      return all.length === 2 && all[0].endedAt ? all : undefined;
    });
    expect(after[0]).toMatchObject({ title: 'One More Time', endReason: 'finished' });
    expect(after[0].interrupted).toBeFalsy();
    expect(after[0].playedMs).toBeGreaterThanOrEqual(120_000);
    expect(after[1]).toMatchObject({ title: 'Genesis', endedAt: null });
  });

  it('replays at the saved position when Lavalink lost its players too, and keeps one play document', async () => {
    node.advance(guild.id, 60_000);
    // Lavalink reports the playhead every few seconds, and the bot stores at most one position each
    // 5 s: report it until the saved session holds Genesis at 1:00 (not the song before it, whose
    // position may already be past 1:00). The shared test database can stall for seconds under load.
    await eventually(async () => {
      node.setPosition(guild.id, 60_000);
      const saved = (await storedSession())?.current;
      return saved?.entry.track.title === 'Genesis' && saved.positionMs >= 60_000;
    }, 30_000);

    await bot.signal('SIGKILL');
    await node.restart();
    const patchesBefore = node.patches(guild.id).length;
    bot = await start();

    const player = await eventually(() => {
      const now = node.player(guild.id);
      return now?.track?.title === 'Genesis' && now;
    }, 20_000).catch((error) => {
      throw new Error(`${String(error)}\n${bot.tail(60)}`);
    });
    expect(player.position).toBeGreaterThanOrEqual(60_000);
    expect(player.position).toBeLessThan(75_000);
    const replays = trackPatchesSince(patchesBefore);
    expect(replays).toHaveLength(1);
    expect(replays[0].position).toBeGreaterThanOrEqual(60_000);
    const embed = await queueEmbed();
    expect(embed.description).toContain('▶️ **Genesis** by Justice (3:54)');
    expect(embed.description).toContain('`1.` **Nightcall** by Kavinsky (4:18)');

    node.finishTrack(guild.id);
    await node.waitFor(() => node.player(guild.id)?.track?.title === 'Nightcall');
    const all = await eventually(async () => {
      const found = await plays();
      return found.length === 3 && found[1].endedAt ? found : undefined;
    });
    expect(all.map((play) => play.title)).toEqual(['One More Time', 'Genesis', 'Nightcall']);
    expect(all[1]).toMatchObject({ endReason: 'finished' });
    expect(all[1].playedMs).toBeGreaterThanOrEqual(60_000);
  });
});
