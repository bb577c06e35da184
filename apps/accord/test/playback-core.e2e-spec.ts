import { GuildFactory, MemberFactory, UserFactory } from '@accord/testkit/factories';
import { youtubeTrack, type FakeLavalinkNode } from '@accord/testkit/lavalink';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { PersistedSession } from '../src/domain/guilds/guild-session.types';
import { LavalinkService } from '../src/adapters/lavalink/lavalink.service';
import { PlaybackService } from '../src/domain/playback/playback.service';
import type { PlayableTrack } from '../src/domain/playback/playback.types';
import { eventually, startTestBot, type TestBot } from './support/test-bot';

const catalogue = [
  youtubeTrack({ author: 'Daft Punk', title: 'One More Time', length: 320_000 }),
  youtubeTrack({ author: 'Justice', title: 'D.A.N.C.E.', length: 242_000 }),
  youtubeTrack({ author: 'Kavinsky', title: 'Nightcall', length: 258_000 }),
];
const ana = UserFactory.create({ username: 'ana' });
const ben = UserFactory.create({ username: 'ben' });

describe('Playback core (end to end on the fakes)', () => {
  let bot: TestBot;
  let voiceChannelId: string;
  let textChannelId: string;

  const playback = (): PlaybackService => bot.app.get(PlaybackService);
  const storedSession = async (): Promise<PersistedSession | null> => {
    const connection = bot.app.get<Connection>(getConnectionToken());
    const doc = await connection.collection('guilds').findOne({ guildId: bot.guild.id });
    return (doc?.session as PersistedSession | null) ?? null;
  };
  const tracks = async (...queries: string[]): Promise<PlayableTrack[]> => {
    const lavalink = bot.app.get(LavalinkService);
    const found: PlayableTrack[] = [];
    for (const query of queries) {
      const result = await lavalink.load(query, 'ytsearch');
      if (result.type !== 'search') throw new Error(`no result for ${query}`);
      found.push(result.tracks[0]);
    }
    return found;
  };
  const requester = (userId = ana.id) => ({ guildId: bot.guild.id, userId, voiceChannelId, textChannelId });

  beforeAll(async () => {
    const guild = GuildFactory.create({
      members: [MemberFactory.create({ user: ana }), MemberFactory.create({ user: ben })],
    });
    voiceChannelId = GuildFactory.voiceChannel(guild).id;
    textChannelId = GuildFactory.textChannel(guild).id;
    bot = await startTestBot({ guilds: [guild], lavalinkNodes: 2, lavalinkCatalogue: catalogue });
    await eventually(() =>
      bot.app
        .get(LavalinkService)
        .nodes()
        .every((node) => node.state === 'connected'),
    );
    bot.discord.joinVoice(guild.id, ana.id, voiceChannelId);
  });
  afterAll(async () => {
    await bot?.close();
  });

  const activeNode = (): FakeLavalinkNode => {
    const name = playback().snapshot(bot.guild.id)?.node;
    const found = bot.lavalink.find((fake) => fake.nodeOption.name === name);
    if (!found) throw new Error(`no active node (${String(name)})`);
    return found;
  };

  it('joins the voice channel, plays the first track, queues the rest and saves the session', async () => {
    const result = await playback().enqueue(requester(), await tracks('One More Time', 'D.A.N.C.E.'));

    expect(result).toMatchObject({ startedPlaying: true, firstPosition: 0, refused: 0 });
    expect(bot.discord.botVoiceChannel(bot.guild.id)).toBe(voiceChannelId);
    const fake = activeNode();
    await fake.waitFor(() => fake.player(bot.guild.id)?.track?.title === 'One More Time');
    expect(fake.patches(bot.guild.id).some((patch) => patch.voice?.channelId === voiceChannelId)).toBe(true);
    const stored = await eventually(async () => {
      const session = await storedSession();
      return session?.queue.length === 1 && session;
    });
    expect(stored.current?.entry.track.title).toBe('One More Time');
    expect(stored.queue.map((entry) => entry.track.title)).toEqual(['D.A.N.C.E.']);
    expect(playback().snapshot(bot.guild.id)?.listeners).toEqual([ana.id]);
  });

  it('starts the next track as soon as Lavalink reports the end of the current one', async () => {
    const fake = activeNode();
    fake.finishTrack(bot.guild.id);
    await fake.waitFor(() => fake.player(bot.guild.id)?.track?.title === 'D.A.N.C.E.');
    const stored = await eventually(async () => {
      const session = await storedSession();
      return session?.current?.entry.track.title === 'D.A.N.C.E.' && session;
    });
    expect(stored.queue).toEqual([]);
  });

  it('pauses when the channel empties and resumes when a listener returns', async () => {
    const fake = activeNode();
    bot.discord.leaveVoice(bot.guild.id, ana.id);
    await fake.waitFor(() => fake.player(bot.guild.id)?.paused === true);
    bot.discord.joinVoice(bot.guild.id, ben.id, voiceChannelId);
    await fake.waitFor(() => fake.player(bot.guild.id)?.paused === false);
    expect(playback().snapshot(bot.guild.id)?.listeners).toEqual([ben.id]);
  });

  it('keeps Lavalink playing through a bot restart: no stop, no new track, queue intact', async () => {
    await playback().enqueue(requester(ben.id), await tracks('Nightcall'));
    const fake = activeNode();
    fake.advance(bot.guild.id, 60_000);
    const patchesBefore = fake.patches(bot.guild.id).length;

    await bot.restartApp();
    // A command sent the moment the bot is back sees the queue that plays (it waits for the restore).
    const queued = bot.discord.slashCommand({
      guildId: bot.guild.id,
      channelId: textChannelId,
      userId: ben.id,
      name: 'queue',
    });
    expect(JSON.stringify(await bot.discord.waitForInteractionReply(queued.id))).toMatch(
      /D\.A\.N\.C\.E\.[\s\S]*Nightcall/,
    );

    const snapshot = await eventually(
      () => playback().snapshot(bot.guild.id)?.current && playback().snapshot(bot.guild.id),
    );
    expect(snapshot?.current?.entry.track.title).toBe('D.A.N.C.E.');
    expect(snapshot?.queue.map((entry) => entry.track.title)).toEqual(['Nightcall']);
    expect(snapshot?.current?.positionMs).toBeGreaterThanOrEqual(60_000);
    const after = fake.patches(bot.guild.id).slice(patchesBefore);
    expect(after.some((patch) => patch.track !== undefined)).toBe(false);
    expect(fake.player(bot.guild.id)?.track?.title).toBe('D.A.N.C.E.');
  });

  it('rejoins and continues at the saved position when Lavalink itself restarted', async () => {
    const fake = activeNode();
    fake.setPosition(bot.guild.id, 100_000);
    await eventually(async () => ((await storedSession())?.current?.positionMs ?? 0) >= 100_000);

    await bot.stopApp();
    for (const each of bot.lavalink) await each.restart();
    await bot.startApp();
    const continued = await eventually(() => {
      const playing = bot.lavalink.find((each) => each.player(bot.guild.id)?.track);
      return playing?.player(bot.guild.id);
    }, 20_000);
    expect(continued.track?.title).toBe('D.A.N.C.E.');
    expect(continued.position).toBeGreaterThanOrEqual(100_000);
    expect(continued.position).toBeLessThan(110_000);
    expect(
      playback()
        .snapshot(bot.guild.id)
        ?.queue.map((entry) => entry.track.title),
    ).toEqual(['Nightcall']);
  });

  it('moves the player to the other node when its node dies, and continues from its position', async () => {
    const from = activeNode();
    const to = bot.lavalink.find((each) => each !== from)!;
    const position = from.player(bot.guild.id)!.position;
    await from.kill();
    const moved = await eventually(
      () => (to.player(bot.guild.id)?.track ? to.player(bot.guild.id) : undefined),
      15_000,
    );
    expect(moved.track?.title).toBe('D.A.N.C.E.');
    expect(moved.position).toBeGreaterThanOrEqual(position);
    expect(playback().snapshot(bot.guild.id)?.node).toBe(to.nodeOption.name);
    await from.restart();
  });

  it('clears the session and leaves on stop', async () => {
    await playback().stop(bot.guild.id);
    expect(playback().snapshot(bot.guild.id)).toBeNull();
    await eventually(() => bot.discord.botVoiceChannel(bot.guild.id) === null);
    expect(await storedSession()).toBeNull();
  });
});
