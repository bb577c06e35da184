import type { InteractionHandle } from '@accord/testkit/discord';
import { GuildFactory, MemberFactory, UserFactory } from '@accord/testkit/factories';
import { youtubeTrack, type FakeLavalinkNode } from '@accord/testkit/lavalink';
import { GuildSettingsService } from '../../src/domain/guilds/guild-settings.service';
import { LavalinkService } from '../../src/adapters/lavalink/lavalink.service';
import { PlaybackService } from '../../src/domain/playback/playback.service';
import { eventually, startTestBot, type TestBot } from '../support/test-bot';

const catalogue = [
  youtubeTrack({ author: 'Robyn', title: 'Dancing On My Own', length: 280_000 }),
  youtubeTrack({ author: 'Lorde', title: 'Green Light', length: 234_000 }),
  youtubeTrack({ author: 'Caribou', title: 'Odessa', length: 290_000 }),
  youtubeTrack({ author: 'Phoenix', title: '1901', length: 193_000 }),
  youtubeTrack({ author: 'Air', title: 'Sexy Boy', length: 298_000 }),
  youtubeTrack({ author: 'Kavinsky', title: 'Nightcall', length: 258_000 }),
  youtubeTrack({ author: 'Tame Impala', title: 'The Less I Know The Better', length: 216_000 }),
];
const ana = UserFactory.create({ username: 'ana' });

describe('Drill: the Discord gateway drops (end to end on the fakes)', () => {
  let bot: TestBot;
  let textChannelId: string;

  const guildId = (): string => bot.guild.id;
  const node = (): FakeLavalinkNode => bot.lavalink[0];
  const playback = (): PlaybackService => bot.app.get(PlaybackService);
  const queueTitles = (): string[] =>
    playback()
      .snapshot(guildId())
      ?.queue.map((entry) => entry.track.title) ?? [];
  const callbacks = (handle: InteractionHandle): number =>
    bot.discord
      .interactionResponses(handle.id)
      .filter((request) => request.method === 'POST' && request.path.endsWith('/callback')).length;
  const trackPatches = (): number =>
    node()
      .patches(guildId())
      .filter((patch) => patch.track !== undefined).length;
  const play = (query: string): InteractionHandle =>
    bot.discord.slashCommand({
      guildId: guildId(),
      channelId: textChannelId,
      userId: ana.id,
      name: 'play',
      options: { query },
    });
  /** Waits for the reply, then gives a duplicate time to show up: a second callback would be recorded. */
  const answeredOnce = async (handle: InteractionHandle, title: string): Promise<void> => {
    await bot.discord.waitForInteractionReply(handle.id, { timeoutMs: 20_000 });
    const edit = await bot.discord.waitForOriginalEdit(handle.token, { timeoutMs: 20_000 });
    expect(edit.content ?? JSON.stringify(edit.embeds)).toContain(title);
    await eventually(() => queueTitles().includes(title));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(callbacks(handle)).toBe(1);
  };

  beforeAll(async () => {
    const guild = GuildFactory.create({ members: [MemberFactory.create({ user: ana })] });
    textChannelId = GuildFactory.textChannel(guild).id;
    bot = await startTestBot({ guilds: [guild], lavalinkCatalogue: catalogue });
    await eventually(() => bot.app.get(LavalinkService).isAvailable());
    await bot.app.get(GuildSettingsService).update(guild.id, { autoplay: false });
    bot.discord.joinVoice(guild.id, ana.id, GuildFactory.voiceChannel(guild).id);
    await eventually(() => bot.discord.voiceStates(guild.id).some((state) => state.user_id === ana.id));

    const first = play('Robyn - Dancing On My Own');
    await bot.discord.waitForOriginalEdit(first.token, { timeoutMs: 20_000 });
    await node().waitFor(() => node().player(guildId())?.track?.title === 'Dancing On My Own', { timeoutMs: 20_000 });
  });
  afterAll(async () => {
    await bot?.close();
  });

  afterEach(() => {
    // Whatever the drop, the song playing was never restarted nor replaced, and the bot stayed in voice.
    expect(node().player(guildId())?.track?.title).toBe('Dancing On My Own');
    expect(trackPatches()).toBe(1);
    expect(bot.discord.botVoiceChannel(guildId())).toBe(GuildFactory.voiceChannel(bot.guild).id);
  });

  it('resumes after a close with code 4000 and answers a command sent while it was away, once', async () => {
    const resumes = bot.discord.resumeCount;
    const identifies = bot.discord.identifyCount;

    bot.discord.closeGateway(4000);
    const handle = play('Lorde - Green Light');

    await eventually(() => bot.discord.resumeCount > resumes, 20_000);
    await answeredOnce(handle, 'Green Light');
    expect(bot.discord.identifyCount).toBe(identifies);
    expect(queueTitles()).toEqual(['Green Light']);
  });

  it('reconnects on op 7 and resumes, without replaying what it already handled', async () => {
    const resumes = bot.discord.resumeCount;
    const before = play('Caribou - Odessa');
    await answeredOnce(before, 'Odessa');

    bot.discord.sendReconnect();
    await eventually(() => bot.discord.resumeCount > resumes, 20_000);
    const after = play('Phoenix - 1901');

    await answeredOnce(after, '1901');
    expect(callbacks(before)).toBe(1);
    expect(queueTitles()).toEqual(['Green Light', 'Odessa', '1901']);
  });

  it('resumes on the same socket after a resumable op 9', async () => {
    const resumes = bot.discord.resumeCount;

    bot.discord.invalidateSession(true);
    await eventually(() => bot.discord.resumeCount > resumes, 20_000);
    const handle = play('Air - Sexy Boy');

    await answeredOnce(handle, 'Sexy Boy');
    expect(queueTitles()).toEqual(['Green Light', 'Odessa', '1901', 'Sexy Boy']);
  });

  it('identifies again after op 9 with no session to resume, keeping the queue and the voice connection', async () => {
    const identifies = bot.discord.identifyCount;
    const messagesBefore = bot.discord.messages(textChannelId).length;

    bot.discord.invalidateSession(false);
    // discord.js waits up to ~6.5 s (its identify throttle) before it identifies again.
    await eventually(() => bot.discord.identifyCount > identifies, 30_000);
    await eventually(() => bot.app.get(LavalinkService).isAvailable());
    await new Promise((resolve) => setTimeout(resolve, 500));
    // The second READY and GUILD_CREATE were not taken for a new guild or a new session.
    expect(bot.discord.messages(textChannelId).length).toBe(messagesBefore);
    const handle = play('Kavinsky - Nightcall');

    await answeredOnce(handle, 'Nightcall');
    expect(queueTitles()).toEqual(['Green Light', 'Odessa', '1901', 'Sexy Boy', 'Nightcall']);
  }, 60_000);

  it('reconnects and resumes when heartbeats stop being acknowledged (a zombie connection)', async () => {
    const resumes = bot.discord.resumeCount;
    const queued = queueTitles();

    bot.discord.ackHeartbeats = false;
    const handle = play('Tame Impala - The Less I Know The Better');
    await eventually(() => bot.discord.resumeCount > resumes, 30_000).finally(() => (bot.discord.ackHeartbeats = true));

    await answeredOnce(handle, 'The Less I Know The Better');
    expect(queueTitles()).toEqual([...queued, 'The Less I Know The Better']);
  }, 60_000);
});
