import { GuildFactory, MemberFactory, UserFactory } from '@accord/testkit/factories';
import { youtubeTrack, type FakeLavalinkNode } from '@accord/testkit/lavalink';
import { LavalinkService } from '../src/adapters/lavalink/lavalink.service';
import { PlaybackService } from '../src/domain/playback/playback.service';
import { seenAnswerOf } from './support/interaction-answer';
import { eventually, nowPlayingMessageOf, readyForCommands, startTestBot, type TestBot } from './support/test-bot';

const catalogue = [youtubeTrack({ author: 'Massive Attack', title: 'Teardrop', length: 330_000 })];
const ana = UserFactory.create({ username: 'ana' });

/**
 * Auto-pause against a slow Lavalink: the pause or resume Accord asked for is still on its way
 * when the listener comes back or leaves again. What the channel hears must follow who is in it,
 * and a pause a user asked for must outlast listeners coming and going.
 */
describe('Auto-pause while Lavalink has not answered yet (end to end on the fakes)', () => {
  let bot: TestBot;
  let node: FakeLavalinkNode;
  let voiceChannelId: string;

  const guildId = (): string => bot.guild.id;
  const pausePatches = (): boolean[] =>
    node
      .patches(guildId())
      .filter((patch) => patch.paused !== undefined && patch.track === undefined)
      .map((patch) => patch.paused!);
  const lastPause = (): boolean | undefined => pausePatches().at(-1);
  const nowPlayingAuthor = (): string | undefined => nowPlayingMessageOf(bot, guildId())?.embeds?.[0]?.author?.name;
  const leave = async (): Promise<void> => {
    bot.discord.leaveVoice(guildId(), ana.id);
    await eventually(() => bot.app.get(PlaybackService).snapshot(guildId())?.listeners.length === 0);
  };
  const rejoin = async (): Promise<void> => {
    bot.discord.joinVoice(guildId(), ana.id, voiceChannelId);
    await eventually(() => bot.app.get(PlaybackService).snapshot(guildId())?.listeners.includes(ana.id));
  };
  /** The playhead on Lavalink moves on from where it is now. */
  const playsOn = async (): Promise<void> => {
    const from = node.player(guildId())!.track!.position;
    await eventually(() => node.player(guildId())!.track!.position > from);
  };

  beforeAll(async () => {
    const guild = GuildFactory.create({ members: [MemberFactory.create({ user: ana })] });
    voiceChannelId = GuildFactory.voiceChannel(guild).id;
    bot = await startTestBot({ guilds: [guild], lavalinkCatalogue: catalogue });
    node = bot.lavalink[0];
    await readyForCommands(bot, guild.id, 'pause');
    bot.discord.joinVoice(guild.id, ana.id, voiceChannelId);
    await eventually(() => bot.discord.voiceStates(guild.id).some((state) => state.user_id === ana.id));
    const found = await bot.app.get(LavalinkService).load('Teardrop', 'ytsearch');
    if (found.type !== 'search') throw new Error('no search result');
    await bot.app
      .get(PlaybackService)
      .enqueue(
        { guildId: guild.id, userId: ana.id, voiceChannelId, textChannelId: GuildFactory.textChannel(guild).id },
        [found.tracks[0]],
      );
    await node.waitFor(() => node.player(guild.id)?.track, { timeoutMs: 10_000 });
    await eventually(() => nowPlayingAuthor());
  });
  afterAll(async () => {
    await bot?.close();
  });
  // Each case starts with the song playing to ana, whatever the one before left.
  beforeEach(async () => {
    const playback = bot.app.get(PlaybackService);
    if (!playback.snapshot(guildId())?.listeners.includes(ana.id)) await rejoin();
    if (playback.snapshot(guildId())?.current?.paused) await playback.resume(guildId());
    await node.waitFor(() => node.player(guildId())?.paused === false);
  });
  afterEach(() => {
    node.releasePlayerPatches(guildId());
  });

  it('resumes when the listener comes back while the auto-pause is still on its way to Lavalink', async () => {
    node.holdPlayerPatches(guildId());
    await leave();
    await eventually(() => node.waitingPatches(guildId()).some((patch) => patch.paused === true));
    await rejoin();
    node.releasePlayerPatches(guildId());

    await eventually(() => node.player(guildId())?.paused === false && lastPause() === false);
    expect(lastPause()).toBe(false);
    await playsOn();
    await eventually(() => bot.app.get(PlaybackService).snapshot(guildId())?.current?.paused === false);
    await eventually(() => nowPlayingAuthor() !== '⏸ Paused' && nowPlayingAuthor());
    expect(node.player(guildId())?.paused).toBe(false);
  });

  it('stays paused when the listener leaves again while the resume is still on its way to Lavalink', async () => {
    await leave();
    await node.waitFor(() => node.player(guildId())?.paused === true);
    node.holdPlayerPatches(guildId());
    await rejoin();
    await eventually(() => node.waitingPatches(guildId()).some((patch) => patch.paused === false));
    await leave();
    node.releasePlayerPatches(guildId());

    await eventually(() => lastPause() === true && node.player(guildId())?.paused === true);
    await eventually(() => bot.app.get(PlaybackService).snapshot(guildId())?.current?.paused === true);
    await eventually(() => nowPlayingAuthor() === '⏸ Paused');
    // Back to a listener: the auto-pause still ends, once.
    await rejoin();
    await node.waitFor(() => node.player(guildId())?.paused === false);
    await playsOn();
  });

  it("keeps a user's /pause through the listener leaving and coming back, even before Lavalink answers it", async () => {
    node.holdPlayerPatches(guildId());
    const pause = bot.discord.slashCommand({
      guildId: guildId(),
      channelId: GuildFactory.textChannel(bot.guild).id,
      userId: ana.id,
      name: 'pause',
    });
    await eventually(() => node.waitingPatches(guildId()).some((patch) => patch.paused === true));
    await leave();
    await rejoin();
    node.releasePlayerPatches(guildId());

    expect((await seenAnswerOf(bot.discord, pause, 10_000)).content).toBe(`⏸️ Paused by <@${ana.id}>.`);
    await eventually(() => nowPlayingAuthor() === '⏸ Paused');
    expect(lastPause()).toBe(true);
    expect(node.player(guildId())?.paused).toBe(true);
    expect(bot.app.get(PlaybackService).snapshot(guildId())?.current?.paused).toBe(true);
  });
});
