import type { InteractionHandle, RecordedMessageBody } from '@accord/testkit/discord';
import { GuildFactory, MemberFactory, UserFactory } from '@accord/testkit/factories';
import { youtubeTrack, type FakeLavalinkNode } from '@accord/testkit/lavalink';
import { LavalinkService } from '../src/adapters/lavalink/lavalink.service';
import { GuildSettingsService } from '../src/domain/guilds/guild-settings.service';
import { PlaybackService } from '../src/domain/playback/playback.service';
import type { PlayableTrack } from '../src/domain/playback/playback.types';
import { AutoplayService } from '../src/use-cases/autoplay/autoplay.service';
import { PlayRequestService } from '../src/use-cases/play-request/play-request.service';
import { eventually, lavalinkConnected, startTestBot, type TestBot } from './support/test-bot';

const catalogue = [
  youtubeTrack({ author: 'Daft Punk', title: 'One More Time', length: 320_000 }),
  youtubeTrack({ author: 'Justice', title: 'Genesis', length: 234_000 }),
  youtubeTrack({ author: 'Kavinsky', title: 'Nightcall', length: 258_000 }),
  youtubeTrack({ author: 'Air', title: 'Sexy Boy', length: 1_200 }),
];
const ana = UserFactory.create({ username: 'ana' });

/**
 * A song ends by itself (TrackEndEvent `finished`) and nothing follows it: whatever is asked for
 * next, at whatever moment around that end, plays.
 */
describe('Playback at the end of a song (end to end on the fakes)', () => {
  let bot: TestBot;
  let node: FakeLavalinkNode;
  const guild = GuildFactory.create({ members: [MemberFactory.create({ user: ana })] });

  const playback = (): PlaybackService => bot.app.get(PlaybackService);
  const playing = (): string | undefined => node.player(guild.id)?.track?.title;
  const slash = (name: string, options?: Record<string, string>): InteractionHandle =>
    bot.discord.slashCommand({
      guildId: guild.id,
      channelId: GuildFactory.textChannel(guild).id,
      userId: ana.id,
      name,
      options,
    });
  /** The text of /play's deferred answer. */
  const answerOf = async (handle: InteractionHandle): Promise<string> => {
    await bot.discord.waitForInteractionReply(handle.id);
    const edit: RecordedMessageBody = await bot.discord.waitForOriginalEdit(handle.token);
    return edit.content ?? '';
  };
  const track = async (query: string): Promise<PlayableTrack> => {
    const result = await bot.app.get(LavalinkService).load(query, 'ytsearch');
    if (result.type !== 'search') throw new Error(`no result for ${query}`);
    return result.tracks[0];
  };
  /** Plays `title` alone (nothing queued after it) and waits until Lavalink plays it. */
  const playAlone = async (query: string, title: string): Promise<void> => {
    if (playback().snapshot(guild.id)) await playback().stop(guild.id);
    node.clearRecordings();
    expect(await answerOf(slash('play', { query }))).toMatch(/^▶️ Now playing /);
    await node.waitFor(() => playing() === title);
  };
  /**
   * Plays a song alone, queues one Lavalink refuses (400: a video it can no longer decode) and ends
   * the first, so the end leaves nothing playing.
   */
  const endOnRefusedSong = async (): Promise<void> => {
    await playAlone('Daft Punk One More Time', 'One More Time');
    const refused = { ...(await track('Kavinsky Nightcall')), encoded: 'not-a-track' };
    await playback().enqueue(
      { guildId: guild.id, userId: ana.id, voiceChannelId: null, textChannelId: GuildFactory.textChannel(guild).id },
      [refused],
    );
    node.finishTrack(guild.id);
    await eventually(() => node.patches(guild.id).some((patch) => patch.track?.encoded === 'not-a-track'));
  };

  beforeAll(async () => {
    bot = await startTestBot({ guilds: [guild], lavalinkCatalogue: catalogue });
    node = bot.lavalink[0];
    await lavalinkConnected(bot);
    // Autoplay would fill the empty queue on its own; here only what is asked for plays.
    await bot.app.get(GuildSettingsService).update(guild.id, { autoplay: false });
    bot.discord.joinVoice(guild.id, ana.id, GuildFactory.voiceChannel(guild).id);
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('plays a /play sent the moment a song finished by itself', async () => {
    await playAlone('Air Sexy Boy', 'Sexy Boy');
    await node.waitFor(() => playing() === undefined, { intervalMs: 1 });

    expect(await answerOf(slash('play', { query: 'Justice Genesis' }))).toBe(
      '▶️ Now playing **Genesis** by Justice (3:54)',
    );
    await node.waitFor(() => playing() === 'Genesis');
  });

  it('queues a /play answered before the bot hears of the end, and plays it when the end arrives', async () => {
    await playAlone('Daft Punk One More Time', 'One More Time');
    node.holdEvents(guild.id);
    node.finishTrack(guild.id);

    // The bot still believes the song plays: it says so, and keeps the promise once it hears the end.
    expect(await answerOf(slash('play', { query: 'Justice Genesis' }))).toBe(
      '➕ Queued **Genesis** by Justice (3:54) at position 1',
    );
    expect(node.releaseEvents(guild.id)).toBeGreaterThan(0);
    await node.waitFor(() => playing() === 'Genesis');
    expect(playback().snapshot(guild.id)?.current?.entry.track.title).toBe('Genesis');
  });

  it('plays a /play sent after the song that was next could not be started at the end', async () => {
    await endOnRefusedSong();

    expect(await answerOf(slash('play', { query: 'Justice Genesis' }))).toBe(
      '▶️ Now playing **Genesis** by Justice (3:54)',
    );
    await node.waitFor(() => playing() === 'Genesis');
  });

  it("starts the panel's song when the end left nothing playing", async () => {
    await endOnRefusedSong();

    // The panel's enqueue: no voice channel, the session's text channel.
    const outcome = await bot.app.get(PlayRequestService).play({
      requester: {
        guildId: guild.id,
        userId: ana.id,
        voiceChannelId: null,
        textChannelId: GuildFactory.textChannel(guild).id,
      },
      query: 'Justice Genesis',
    });
    expect(outcome).toMatchObject({ ok: true, value: { kind: 'track', startedPlaying: true, position: 0 } });
    await node.waitFor(() => playing() === 'Genesis');
  });

  it('answers a /play truly, and plays, when autoplay was switched on as the song ended', async () => {
    await playAlone('Daft Punk One More Time', 'One More Time');
    node.holdEvents(guild.id);
    node.finishTrack(guild.id);
    await bot.discord.waitForInteractionReply(slash('autoplay', { mode: 'on' }).id);
    node.releaseEvents(guild.id);
    await eventually(() => playback().snapshot(guild.id)?.current?.entry.track.title !== 'One More Time');
    await bot.app.get(AutoplayService).whenIdle(guild.id);
    // Autoplay picks from what this room played, or finds nothing (run alone, every song was just played).
    const pick = playback().snapshot(guild.id)?.current?.entry.track.title;

    const answer = await answerOf(slash('play', { query: 'Justice Genesis' }));
    if (pick) {
      expect(answer).toBe('➕ Queued **Genesis** by Justice (3:54) at position 1');
      await node.waitFor(() => playing() === pick);
    } else {
      expect(answer).toBe('▶️ Now playing **Genesis** by Justice (3:54)');
      await node.waitFor(() => playing() === 'Genesis');
    }
    await bot.app.get(GuildSettingsService).update(guild.id, { autoplay: false });
  });
});
