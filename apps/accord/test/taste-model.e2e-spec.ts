import { deezerApiStandIn, type DeezerApiStandIn, type DeezerWorldArtist } from '@accord/testkit/deezer-api';
import { GuildFactory, MemberFactory, UserFactory } from '@accord/testkit/factories';
import { youtubeTrack, type CatalogueTrack, type FakeLavalinkNode } from '@accord/testkit/lavalink';
import { artistKey, trackKey } from '@accord/track-identity';
import mongoose, { type Connection } from 'mongoose';
import { testDatabaseUri } from '@accord/testkit/db';
import { PlaybackService } from '../src/domain/playback/playback.service';
import type { QueueEntry } from '../src/domain/playback/playback.types';
import type { TasteSignal } from '../src/domain/preferences/profiles/taste-profile';
import { TasteProfileService } from '../src/domain/preferences/profiles/taste-profile.service';
import { TasteModelService } from '../src/domain/taste-model/taste-model.service';
import { AutoplayService } from '../src/use-cases/autoplay/autoplay.service';
import { eventually, lavalinkConnected, startTestBot, type TestBot } from './support/test-bot';

const SONG_MS = 200_000;

/** Deezer ranks Justice first among Daft Punk's related artists, and Kavinsky last. */
const deezerWorld: DeezerWorldArtist[] = [
  {
    id: 27,
    name: 'Daft Punk',
    related: [6404, 2111, 1560],
    top: [{ id: 101, title: 'Around the World' }],
  },
  { id: 6404, name: 'Justice', related: [27], top: [{ id: 201, title: 'Genesis' }] },
  { id: 2111, name: 'Air', related: [27], top: [{ id: 401, title: 'Sexy Boy' }] },
  { id: 1560, name: 'Kavinsky', related: [27], top: [{ id: 301, title: 'Nightcall' }] },
];

const catalogue: CatalogueTrack[] = [
  ...deezerWorld.flatMap((artist) =>
    (artist.top ?? []).map((track) => youtubeTrack({ author: artist.name, title: track.title, length: SONG_MS })),
  ),
  youtubeTrack({ author: 'Daft Punk', title: 'One More Time', length: SONG_MS }),
];

const ana = UserFactory.create({ username: 'ana' });

/** People on the instance (other servers): everyone who plays Daft Punk here plays Kavinsky too; nobody plays Justice or Air. */
const OTHERS = 40;

function heard(artist: string, title: string, times: number): TasteSignal[] {
  return Array.from({ length: times }, () => ({
    kind: 'heard' as const,
    trackKey: trackKey({ artist, title }),
    artistKey: artistKey(artist),
    artistName: artist,
    title,
  }));
}

describe('Autoplay with the learned taste model (end to end on the fakes)', () => {
  let bot: TestBot;
  let node: FakeLavalinkNode;
  let deezer: DeezerApiStandIn;
  let direct: Connection;
  let textChannelId: string;

  const autoplay = (): AutoplayService => bot.app.get(AutoplayService);
  const upcomingPick = (): QueueEntry | undefined =>
    bot.app
      .get(PlaybackService)
      .snapshot(bot.guild.id)
      ?.queue.find((entry) => entry.source === 'autoplay' || entry.source === 'discovery');
  const slash = async (name: string, options?: Record<string, string>): Promise<void> => {
    const handle = bot.discord.slashCommand({
      guildId: bot.guild.id,
      channelId: textChannelId,
      userId: ana.id,
      name,
      options,
    });
    await bot.discord.waitForInteractionReply(handle.id);
  };
  /** Asks for a discovery and waits for the pick that answers it (a new upcoming entry). */
  const discover = async (): Promise<{
    entry: QueueEntry;
    artist: string;
    modelTrainedAt: Date | null;
    reason: string;
  }> => {
    const before = upcomingPick()?.id;
    await slash('discover');
    const entry = await eventually(() => {
      const pick = upcomingPick();
      return pick && pick.id !== before ? pick : undefined;
    }, 20_000);
    await autoplay().whenIdle(bot.guild.id);
    const record = autoplay().lastPick(bot.guild.id);
    if (!record || record.entryId !== entry.id) throw new Error('the upcoming entry is not the last pick');
    return { entry, artist: record.artist, modelTrainedAt: record.modelTrainedAt, reason: record.reason };
  };

  beforeAll(async () => {
    deezer = deezerApiStandIn(deezerWorld);
    const guild = GuildFactory.create({ members: [MemberFactory.create({ user: ana })] });
    textChannelId = GuildFactory.textChannel(guild).id;
    bot = await startTestBot({ guilds: [guild], lavalinkCatalogue: catalogue });
    node = bot.lavalink[0];
    await lavalinkConnected(bot);
    direct = await mongoose.createConnection(testDatabaseUri()).asPromise();

    const profiles = bot.app.get(TasteProfileService);
    await profiles.apply(ana.id, heard('Daft Punk', 'One More Time', 12), 'Ana');
    for (let i = 0; i < OTHERS; i++) {
      await profiles.apply(`listener-${i}`, [
        ...heard('Daft Punk', 'Around the World', 4 + (i % 3)),
        ...heard('Kavinsky', 'Nightcall', 3 + (i % 4)),
      ]);
    }
    bot.discord.joinVoice(guild.id, ana.id, GuildFactory.voiceChannel(guild).id);
    await eventually(() => bot.discord.voiceStates(guild.id).length === 1);
  });
  afterAll(async () => {
    await bot?.close();
    await direct?.close();
    deezer?.stop();
  });

  it('ranks by the sources before the first training, and by the learned model once it ran', async () => {
    await slash('play', { query: 'Daft Punk - One More Time' });
    await node.waitFor(() => node.player(bot.guild.id)?.track?.title === 'One More Time', { timeoutMs: 10_000 });

    // No model yet: Deezer's ranking of Daft Punk's related artists decides.
    const before = await discover();
    expect(before.modelTrainedAt).toBeNull();
    expect(before.artist).toBe('Justice');

    const trained = await bot.app.get(TasteModelService).train();
    expect(trained?.listenerCount).toBe(OTHERS + 1);
    expect(trained?.blend.map((b) => b.name)).toEqual(['ease', 'knn', 'ials', 'sources']);
    const stored = await direct.collection('taste_models').findOne({ complete: true });
    expect(stored).toMatchObject({ listenerCount: OTHERS + 1, parts: 1 });

    // The instance's listeners all pair Daft Punk with Kavinsky: the model moves it to the top for Ana.
    const after = await discover();
    expect(after.modelTrainedAt?.getTime()).toBe(trained?.trainedAt.getTime());
    expect(after.artist).toBe('Kavinsky');
    expect(after.reason).toContain('Daft Punk');
  });

  it('loads the stored model after a restart, without training again', async () => {
    const trainedAt = bot.app.get(TasteModelService).status()?.trainedAt;
    await bot.restartApp();
    await lavalinkConnected(bot);

    await eventually(() => bot.app.get(TasteModelService).status() !== null, 10_000);
    expect(bot.app.get(TasteModelService).status()?.trainedAt.getTime()).toBe(trainedAt?.getTime());
    expect(await direct.collection('taste_models').countDocuments({})).toBe(1);
  });
});
