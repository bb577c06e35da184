import type { InteractionHandle, RecordedMessageBody } from '@accord/testkit/discord';
import { GuildFactory, MemberFactory, UserFactory } from '@accord/testkit/factories';
import { youtubeTrack, type FakeLavalinkNode } from '@accord/testkit/lavalink';
import { GuildSettingsService } from '../src/domain/guilds/guild-settings.service';
import { PlaybackService } from '../src/domain/playback/playback.service';
import { SessionLifecycleService } from '../src/domain/playback/session-lifecycle.service';
import { eventually, readyForCommands, startTestBot, type TestBot } from './support/test-bot';

const catalogue = [
  youtubeTrack({ author: 'Daft Punk', title: 'One More Time', length: 320_000 }),
  youtubeTrack({ author: 'Justice', title: 'Genesis', length: 234_000 }),
];
const ana = UserFactory.create({ username: 'ana' });
const ben = UserFactory.create({ username: 'ben' });

/**
 * Two /play sent close together in a guild where the bot is not in voice yet: the second arrives
 * while the bot is still joining for the first. The guild must end up as if they came a second apart.
 */
describe('Playback when two /play race the join (end to end on the fakes)', () => {
  let bot: TestBot;
  let node: FakeLavalinkNode;
  const guild = GuildFactory.create({
    members: [MemberFactory.create({ user: ana }), MemberFactory.create({ user: ben })],
  });

  const playing = (): string | undefined => node.player(guild.id)?.track?.title;
  const play = (userId: string, query: string): InteractionHandle =>
    bot.discord.slashCommand({
      guildId: guild.id,
      channelId: GuildFactory.textChannel(guild).id,
      userId,
      name: 'play',
      options: { query },
    });
  /** The text of /play's deferred answer. */
  const answerOf = async (handle: InteractionHandle): Promise<string> => {
    await bot.discord.waitForInteractionReply(handle.id);
    const edit: RecordedMessageBody = await bot.discord.waitForOriginalEdit(handle.token);
    return edit.content ?? '';
  };
  const joinRequests = (): number =>
    bot.discord.voiceOps.filter((op) => op.guildId === guild.id && op.channelId !== null).length;

  beforeAll(async () => {
    bot = await startTestBot({ guilds: [guild], lavalinkCatalogue: catalogue });
    node = bot.lavalink[0];
    await readyForCommands(bot, guild.id);
    // Autoplay would fill the empty queue on its own; here only what is asked for plays.
    await bot.app.get(GuildSettingsService).update(guild.id, { autoplay: false });
    bot.discord.joinVoice(guild.id, ana.id, GuildFactory.voiceChannel(guild).id);
    bot.discord.joinVoice(guild.id, ben.id, GuildFactory.voiceChannel(guild).id);
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('plays the first song and queues the second when the second /play arrives during the join', async () => {
    const connect = jest.spyOn(bot.app.get(SessionLifecycleService), 'connect');
    // Discord answers the bot's voice request only once both /play are inside the join.
    bot.discord.holdVoice(guild.id);
    const first = play(ana.id, 'Daft Punk One More Time');
    await eventually(() => joinRequests() === 1);
    const second = play(ben.id, 'Justice Genesis');
    await eventually(() => connect.mock.calls.length === 2);
    bot.discord.releaseVoice(guild.id);

    expect(await answerOf(first)).toBe('▶️ Now playing **One More Time** by Daft Punk (5:20)');
    expect(await answerOf(second)).toBe('➕ Queued **Genesis** by Justice (3:54) at position 1');
    await node.waitFor(() => playing() === 'One More Time');
    expect(joinRequests()).toBe(1);
    const session = bot.app.get(PlaybackService).snapshot(guild.id);
    expect(session?.current?.entry.track.title).toBe('One More Time');
    expect(session?.queue.map((entry) => entry.track.title)).toEqual(['Genesis']);

    node.finishTrack(guild.id);
    await node.waitFor(() => playing() === 'Genesis');
    connect.mockRestore();
  });

  it('plays the first and queues the second when both /play are sent at the same moment', async () => {
    await bot.app.get(PlaybackService).stop(guild.id);
    await eventually(() => bot.discord.botVoiceChannel(guild.id) === null);
    const joinsBefore = joinRequests();

    const first = play(ana.id, 'Daft Punk One More Time');
    const second = play(ben.id, 'Justice Genesis');

    expect(await answerOf(first)).toBe('▶️ Now playing **One More Time** by Daft Punk (5:20)');
    expect(await answerOf(second)).toBe('➕ Queued **Genesis** by Justice (3:54) at position 1');
    await node.waitFor(() => playing() === 'One More Time');
    expect(joinRequests() - joinsBefore).toBe(1);
    node.finishTrack(guild.id);
    await node.waitFor(() => playing() === 'Genesis');
  });
});
