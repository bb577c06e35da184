import { getConnectionToken } from '@nestjs/mongoose';
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
} from 'discord.js';
import type { Connection } from 'mongoose';
import { TRACK_KEY_VERSION } from '@accord/track-identity';
import { recordedDeezer, DEEZER_FIXTURES, type RecordedDeezer } from '@accord/testkit/deezer';
import { GuildFactory, MemberFactory, UserFactory } from '@accord/testkit/factories';
import { youtubeTrack, type FakeLavalinkNode } from '@accord/testkit/lavalink';
import { recordedSpotify, SPOTIFY_FIXTURES, type RecordedSpotify } from '@accord/testkit/spotify';
import type { ResolveOutcome } from '../src/domain/catalog/catalog.types';
import { TrackResolverService } from '../src/domain/catalog/track-resolver.service';
import { describeResolveRefusal } from '../src/transports/discord/presenters/play-refusal.presenter';
import type { TrackDocument } from '../src/domain/catalog/track.schema';
import { TrackKeysService } from '../src/domain/catalog/track-keys.service';
import { HistoryWriter } from '../src/domain/history/history-writer.service';
import type { PlayRecord } from '../src/domain/history/history.types';
import { PlayRepository } from '../src/domain/history/play.repository';
import { TasteProfileService } from '../src/domain/preferences/profiles/taste-profile.service';
import { storedPlay } from './support/stored-play';
import { eventually, readyForCommands, startTestBot, type TestBot } from './support/test-bot';

/** A refusal as the Discord user reads it. */
const words = (outcome: ResolveOutcome): string => (outcome.ok ? '' : describeResolveRefusal('en', outcome));

const oneMoreTime = {
  official: youtubeTrack({ author: 'Daft Punk', title: 'Daft Punk - One More Time (Official Video)', length: 320_000 }),
  topic: youtubeTrack({ author: 'Daft Punk - Topic', title: 'One More Time', length: 320_357 }),
  live: youtubeTrack({ author: 'Daft Punk', title: 'Daft Punk - One More Time (Live at Coachella)', length: 410_000 }),
};
const nightcall = {
  topic: youtubeTrack({ author: 'Kavinsky - Topic', title: 'Nightcall', length: 258_000 }),
  official: youtubeTrack({ author: 'Kavinsky', title: 'Kavinsky - Nightcall (Official Video)', length: 259_000 }),
};
const femme = youtubeTrack({ author: 'Air - Topic', title: "La Femme d'Argent", length: 431_000 });
const femmeReupload = youtubeTrack({
  author: 'Air',
  title: "Air - La Femme d'Argent (Official Audio)",
  length: 430_000,
});
// Names whose keys the key rules changed (v2 reads "$" and "!" in names as letters).
const dieYoung = youtubeTrack({ author: 'KeshaVEVO', title: 'Ke$ha - Die Young (Official)', length: 213_000 });
const soWhat = {
  official: youtubeTrack({ author: 'PinkVEVO', title: 'P!nk - So What (Official Video)', length: 216_000 }),
  topic: youtubeTrack({ author: 'P!nk - Topic', title: 'So What', length: 215_000 }),
};
const catalogue = [
  dieYoung,
  ...Object.values(soWhat),
  ...Object.values(oneMoreTime),
  ...Object.values(nightcall),
  femme,
  youtubeTrack({ author: 'Daft Punk - Topic', title: 'Digital Love', length: 301_373 }),
  youtubeTrack({ author: 'Daft Punk - Topic', title: 'Harder, Better, Faster, Stronger', length: 224_000 }),
  youtubeTrack({ author: 'Neon Harbour - Topic', title: 'Midnight Glass', length: 201_000 }),
  youtubeTrack({ author: 'Neon Harbour - Topic', title: 'Ocean Lights', length: 188_000 }),
  youtubeTrack({ author: 'Velvet Atlas - Topic', title: 'Winter Road (Live)', length: 245_000 }),
];
const ana = UserFactory.create({ username: 'ana' });
const SPOTIFY_ENV = {
  SPOTIFY_CLIENT_ID: 'fixture-client-id',
  SPOTIFY_CLIENT_SECRET: 'fixture-client-secret-000',
  TOKEN_ENCRYPTION_KEY: 'fixture-token-encryption-key-0000000000',
};

describe('Catalog (end to end on the fakes)', () => {
  let bot: TestBot;
  let node: FakeLavalinkNode;
  let spotify: RecordedSpotify;
  let deezer: RecordedDeezer;
  let voiceChannelId: string;
  let textChannelId: string;

  const catalog = (): TrackResolverService => bot.app.get(TrackResolverService);
  const trackDoc = async (filter: Record<string, unknown>): Promise<TrackDocument | null> =>
    bot.app.get<Connection>(getConnectionToken()).collection<TrackDocument>('tracks').findOne(filter);
  const resolveTrack = async (query: string) => {
    const outcome = await catalog().resolve(query, ana.id);
    if (!outcome.ok || outcome.value.kind !== 'track')
      throw new Error(`expected a track for ${query}: ${JSON.stringify(outcome)}`);
    return outcome.value;
  };

  beforeAll(async () => {
    spotify = recordedSpotify();
    deezer = recordedDeezer();
    const guild = GuildFactory.create({ members: [MemberFactory.create({ user: ana })] });
    voiceChannelId = GuildFactory.voiceChannel(guild).id;
    textChannelId = GuildFactory.textChannel(guild).id;
    // Ana is a bot owner: /fix re-pins for every server, so it needs an owner, Manage Server or the DJ role.
    bot = await startTestBot({
      guilds: [guild],
      lavalinkCatalogue: catalogue,
      env: { ...SPOTIFY_ENV, OWNER_IDS: ana.id },
    });
    node = bot.lavalink[0];
    await readyForCommands(bot, guild.id, 'fix');
  });
  afterAll(async () => {
    await bot?.close();
    spotify?.stop();
    deezer?.stop();
  });
  beforeEach(() => node.clearRecordings());

  it('resolves free text once through ytmsearch, then the same song (even typed differently) from its pin', async () => {
    const first = await resolveTrack('Daft Punk - One More Time');
    const searched = [...node.loadTrackCalls];
    const again = await resolveTrack('Daft Punk - One More Time');
    const nearly = await resolveTrack('daft punk – ONE MORE TIME (Official Video)');

    expect(searched).toEqual(['ytmsearch:Daft Punk - One More Time']);
    expect(node.loadTrackCalls).toEqual(searched);
    expect(first).toMatchObject({ fromPin: false, track: { identifier: oneMoreTime.topic.identifier } });
    expect(first.track.encoded).toBeTruthy();
    expect(again).toMatchObject({
      fromPin: true,
      track: { identifier: oneMoreTime.topic.identifier, encoded: first.track.encoded },
    });
    expect(nearly).toMatchObject({ fromPin: true, track: { trackKey: 'daftpunk|onemoretime|none' } });
    const doc = await trackDoc({ key: 'daftpunk|onemoretime|none' });
    expect(doc).toMatchObject({
      artist: 'Daft Punk',
      title: 'One More Time',
      youtubeId: oneMoreTime.topic.identifier,
      pin: { by: 'auto' },
      lavalink: { encoded: first.track.encoded, identifier: oneMoreTime.topic.identifier, sourceName: 'youtube' },
    });
    expect(doc?.aliases).toEqual(
      expect.arrayContaining([
        `yt:${oneMoreTime.topic.identifier}`,
        'q:daftpunkonemoretime',
        'q:daftpunkonemoretimeofficialvideo',
      ]),
    );
  });

  it('makes no loadtracks call for the second /play of a song', async () => {
    bot.discord.joinVoice(bot.guild.id, ana.id, voiceChannelId);
    const play = async (): Promise<void> => {
      const interaction = bot.discord.slashCommand({
        guildId: bot.guild.id,
        channelId: textChannelId,
        userId: ana.id,
        name: 'play',
        options: { query: 'Kavinsky - Nightcall' },
      });
      await bot.discord.waitForInteractionReply(interaction.id);
      await bot.discord.waitForOriginalEdit(interaction.token);
    };

    await play();
    await node.waitFor(() => node.player(bot.guild.id)?.track?.identifier === nightcall.topic.identifier);
    const afterFirst = [...node.loadTrackCalls];
    await play();

    expect(afterFirst).toEqual(['ytmsearch:Kavinsky - Nightcall']);
    expect(node.loadTrackCalls).toEqual(afterFirst);
  });

  it('re-pins a pinned video that fails to load to the next best one', async () => {
    const pinned = await resolveTrack('Kavinsky - Nightcall');

    const replacement = await catalog().reportLoadFailure(pinned.track, 'This video is unavailable');

    expect(replacement).toMatchObject({
      identifier: nightcall.official.identifier,
      encoded: expect.any(String) as string,
    });
    expect(node.loadTrackCalls).toEqual(['ytmsearch:Kavinsky - Nightcall']);
    expect(await trackDoc({ key: 'kavinsky|nightcall|none' })).toMatchObject({
      youtubeId: nightcall.official.identifier,
      failures: 1,
      failedVideoIds: [nightcall.topic.identifier],
    });
  });

  it('falls back to a search when the link of a known song is a deleted video', async () => {
    const pinned = await resolveTrack("Air - La Femme d'Argent");
    expect(await catalog().reportLoadFailure(pinned.track, 'This video is private')).toBeNull();
    node.catalogue.add(femmeReupload);
    const link = `https://youtu.be/${femme.identifier}`;
    node.failLoad(link, 'This video is private');
    node.clearRecordings();

    const outcome = await resolveTrack(link);

    expect(node.loadTrackCalls).toEqual([link, "ytmsearch:Air - La Femme d'Argent"]);
    expect(outcome).toMatchObject({ fromPin: false, track: { identifier: femmeReupload.identifier } });
    expect(await trackDoc({ key: 'air|lafemmedargent|none' })).toMatchObject({
      youtubeId: femmeReupload.identifier,
      unavailable: false,
    });
  });

  it('answers a deleted video it never saw with a clear message', async () => {
    const link = 'https://www.youtube.com/watch?v=deleted0001';
    node.failLoad(link, 'Video unavailable');

    const outcome = await catalog().resolve(link, ana.id);

    expect(outcome).toMatchObject({ ok: false, reason: 'VIDEO_UNAVAILABLE' });
    expect(words(outcome)).toContain('deleted, private or blocked');
  });

  it.each([
    ['a loopback address', 'http://127.0.0.1:8080/music/song.mp3'],
    ['cloud metadata (link-local)', 'http://169.254.169.254/latest/song.mp3'],
    ['localhost by name', 'http://localhost:9000/song.ogg'],
  ])('refuses a direct link to %s (DIRECT_LINKS=public) before Lavalink fetches it', async (_label, link) => {
    const outcome = await catalog().resolve(link, ana.id);

    expect(outcome).toMatchObject({ ok: false, reason: 'PRIVATE_LINK' });
    expect(words(outcome)).toContain('private, local or reserved address');
    expect(node.loadTrackCalls).toEqual([]);
  });

  it('resolves a Spotify track link through the recorded Spotify answer, pins it, and asks Spotify only once', async () => {
    const link = `https://open.spotify.com/track/${SPOTIFY_FIXTURES.digitalLove.id}?si=abc`;

    const first = await catalog().resolve(link, ana.id);
    const requests = [...spotify.requests];
    const again = await catalog().resolve(link, ana.id);

    expect(first).toMatchObject({ ok: true, value: { kind: 'track', source: 'spotify', fromPin: false } });
    expect(requests).toEqual(['POST /api/token', `GET /v1/tracks/${SPOTIFY_FIXTURES.digitalLove.id}`]);
    expect(spotify.requests).toEqual(requests);
    expect(again).toMatchObject({ ok: true, value: { source: 'spotify', fromPin: true } });
    expect(node.loadTrackCalls).toEqual(['ytmsearch:Daft Punk - Digital Love']);
    expect(await trackDoc({ spotifyId: SPOTIFY_FIXTURES.digitalLove.id })).toMatchObject({
      key: 'daftpunk|digitallove|none',
      isrc: SPOTIFY_FIXTURES.digitalLove.isrc,
      durationMs: 301_373,
    });
  });

  it('queues a Spotify playlist with its first songs matched and the rest ready to resolve', async () => {
    const outcome = await catalog().resolve(
      `https://open.spotify.com/playlist/${SPOTIFY_FIXTURES.fixtureMix.id}`,
      ana.id,
    );

    if (!outcome.ok || outcome.value.kind !== 'playlist') throw new Error(JSON.stringify(outcome));
    expect(outcome.value.name).toBe('Accord fixture mix');
    expect(outcome.value.tracks).toHaveLength(SPOTIFY_FIXTURES.fixtureMix.tracks.length);
    expect(outcome.value.tracks.slice(0, 3).every((track) => track.encoded && track.trackKey)).toBe(true);
    expect(outcome.value.tracks[2].trackKey).toBe('velvetatlas|winterroad|live');
    expect(outcome.value.tracks.slice(3)).toEqual([
      expect.objectContaining({ query: 'Velvet Atlas - Paper Comets', trackKey: 'velvetatlas|papercomets|none' }),
      expect.objectContaining({ sourceName: 'spotify', trackKey: 'silentorchard|stormparade|none' }),
    ]);
    expect(outcome.value.tracks.slice(3).some((track) => track.encoded)).toBe(false);
  });

  it('tells the user when Spotify is down', async () => {
    spotify.setDown(true);
    try {
      const outcome = await catalog().resolve(
        `https://open.spotify.com/playlist/${SPOTIFY_FIXTURES.fixtureMix.id}`,
        ana.id,
      );

      expect(outcome).toMatchObject({ ok: false, reason: 'SOURCE_DOWN' });
      expect(words(outcome)).toContain('Spotify is not answering');
    } finally {
      spotify.setDown(false);
    }
  });

  it('resolves a Deezer track link through the recorded Deezer answer', async () => {
    const outcome = await resolveTrack(`https://www.deezer.com/fr/track/${DEEZER_FIXTURES.harderBetter.id}`);

    expect(outcome).toMatchObject({
      source: 'deezer',
      track: { trackKey: 'daftpunk|harderbetterfasterstronger|none' },
    });
    expect(deezer.requests).toEqual([`/track/${DEEZER_FIXTURES.harderBetter.id}`]);
  });

  it('/fix shows the candidates with the current pin marked, and a click re-pins the song for everyone', async () => {
    const command = bot.discord.slashCommand({
      guildId: bot.guild.id,
      channelId: textChannelId,
      userId: ana.id,
      name: 'fix',
      options: { query: 'Daft Punk - One More Time' },
    });
    expect(await bot.discord.waitForInteractionReply(command.id)).toMatchObject({ type: 5, data: { flags: 64 } });
    const shown = await bot.discord.waitForOriginalEdit(command.token);
    const rows = (shown.components ?? []) as APIActionRowComponent<APIButtonComponentWithCustomId>[];
    const buttons = rows.flatMap((row) => (row.type === ComponentType.ActionRow ? row.components : []));
    const doc = await trackDoc({ key: 'daftpunk|onemoretime|none' });
    const trackId = doc!._id.toString();

    expect(shown.content).toContain('**Which video is Daft Punk - One More Time?**');
    expect(shown.content).toMatch(/One More Time.*← \*\*current pin\*\*/);
    expect(buttons.map((button) => button.custom_id)).toEqual(
      expect.arrayContaining([
        `fix:${trackId}:${oneMoreTime.topic.identifier}`,
        `fix:${trackId}:${oneMoreTime.official.identifier}`,
      ]),
    );
    expect(buttons.find((button) => button.custom_id.endsWith(oneMoreTime.topic.identifier))?.style).toBe(
      ButtonStyle.Success,
    );

    const message = bot.discord.originalMessage(command.id);
    const click = bot.discord.button({
      guildId: bot.guild.id,
      channelId: textChannelId,
      userId: ana.id,
      messageId: message!.id,
      customId: `fix:${trackId}:${oneMoreTime.official.identifier}`,
    });
    const update = await bot.discord.waitForInteractionReply(click.id);

    expect(update).toMatchObject({ type: 7, data: { components: [] } });
    expect(update.data?.content).toContain('for everyone');
    expect(await trackDoc({ key: 'daftpunk|onemoretime|none' })).toMatchObject({
      youtubeId: oneMoreTime.official.identifier,
      pin: { by: 'user' },
      pinHistory: [
        {
          fromYoutubeId: oneMoreTime.topic.identifier,
          youtubeId: oneMoreTime.official.identifier,
          by: 'user',
          actor: { userId: ana.id, guildId: bot.guild.id, via: 'discord' },
        },
      ],
    });
    node.clearRecordings();
    expect(await resolveTrack('Daft Punk - One More Time')).toMatchObject({
      fromPin: true,
      track: { identifier: oneMoreTime.official.identifier },
    });
    expect(node.loadTrackCalls).toEqual([]);
  });
});

describe('Catalog keys under new key rules (end to end on the fakes)', () => {
  let bot: TestBot;
  let node: FakeLavalinkNode;
  const tracks = () => bot.app.get<Connection>(getConnectionToken()).collection<TrackDocument>('tracks');
  const resolveTrack = async (query: string) => {
    const outcome = await bot.app.get(TrackResolverService).resolve(query, ana.id);
    if (!outcome.ok || outcome.value.kind !== 'track') throw new Error(`expected a track for ${query}`);
    return outcome.value;
  };
  /** Stores a song the way the rules before v2 keyed it, as an install upgraded from them has it. */
  const keyAsBefore = async (key: string, oldKey: string, set: Record<string, unknown> = {}): Promise<void> => {
    await tracks().updateOne({ key }, { $set: { key: oldKey, ...set } });
  };
  const playOf = (trackKey: string, artistKey: string, title: string): PlayRecord =>
    storedPlay({
      guildId: bot.guild.id,
      trackKey,
      artistKey,
      title,
      artist: 'Someone',
      startedAt: new Date(Date.now() - 3_600_000),
      listeners: [ana.id],
    });

  beforeAll(async () => {
    const guild = GuildFactory.create({ members: [MemberFactory.create({ user: ana })] });
    bot = await startTestBot({ guilds: [guild], lavalinkCatalogue: catalogue });
    node = bot.lavalink[0];
    await readyForCommands(bot, guild.id, 'play');
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('derives stored keys anew once: songs renamed or joined, history and dislikes follow, lookups find them', async () => {
    const keys = bot.app.get(TrackKeysService);
    // The first start recorded that every stored key follows the current rules.
    await eventually(async () => (await keys.storedVersion()) === TRACK_KEY_VERSION);
    // An install upgraded from v1: Ke$ha's song under its old key; P!nk's under its old key, pinned
    // by a person, and stored a second time (a newer song, by another video) under the new key.
    await resolveTrack(`https://youtu.be/${dieYoung.identifier}`);
    await keyAsBefore('kesha|dieyoung|none', 'keha|dieyoung|none');
    await resolveTrack(`https://youtu.be/${soWhat.official.identifier}`);
    await keyAsBefore('pink|sowhat|none', 'pnk|sowhat|none', { 'pin.by': 'user', createdAt: new Date(0) });
    await resolveTrack(`https://youtu.be/${soWhat.topic.identifier}`);
    expect(await tracks().countDocuments({ key: { $in: ['pnk|sowhat|none', 'pink|sowhat|none'] } })).toBe(2);
    const plays = bot.app.get(PlayRepository);
    await plays.insert(playOf('keha|dieyoung|none', 'keha', 'Die Young'));
    await plays.insert(playOf('pnk|sowhat|none', 'pnk', 'So What'));
    const profiles = bot.app.get(TasteProfileService);
    const heard = { trackKey: 'keha|dieyoung|none', artistKey: 'keha', artistName: 'Ke$ha', title: 'Die Young' };
    await profiles.apply(ana.id, [
      { kind: 'like', ...heard },
      { kind: 'dislike', ...heard },
    ]);
    await bot.app.get<Connection>(getConnectionToken()).collection('catalog_state').deleteMany({});

    const report = await keys.rekeyIfStale();
    await bot.app.get(HistoryWriter).idle();

    expect(report).toEqual({ scanned: expect.any(Number) as number, renamed: 1, joined: 1, complete: true });
    expect(await tracks().findOne({ key: 'kesha|dieyoung|none' })).toMatchObject({
      youtubeId: dieYoung.identifier,
      aliases: expect.arrayContaining(['key:keha|dieyoung|none']) as string[],
    });
    // The song a person pinned stays, with the other's video as an alias.
    const pink = await tracks()
      .find({ key: { $in: ['pnk|sowhat|none', 'pink|sowhat|none'] } })
      .toArray();
    expect(pink).toEqual([
      expect.objectContaining({
        key: 'pink|sowhat|none',
        youtubeId: soWhat.official.identifier,
        pin: expect.objectContaining({ by: 'user' }) as unknown,
        aliases: expect.arrayContaining([`yt:${soWhat.topic.identifier}`, 'key:pnk|sowhat|none']) as string[],
      }),
    ]);
    const stored = bot.app.get<Connection>(getConnectionToken()).collection('plays');
    expect(await stored.countDocuments({ trackKey: { $in: ['keha|dieyoung|none', 'pnk|sowhat|none'] } })).toBe(0);
    expect(await stored.findOne({ trackKey: 'kesha|dieyoung|none' })).toMatchObject({ artistKey: 'kesha' });
    expect(await stored.findOne({ trackKey: 'pink|sowhat|none' })).toMatchObject({ artistKey: 'pink' });
    const [listener] = await profiles.profilesOf([ana.id]);
    expect(listener.dislikedTrackKeys).toEqual(['kesha|dieyoung|none']);
    expect(listener.topArtists.map((artist) => artist.id)).toEqual(['kesha']);
    // Typed the other way, the song is found by its key: no search.
    node.clearRecordings();
    expect(await resolveTrack('Kesha - Die Young')).toMatchObject({
      fromPin: true,
      track: { identifier: dieYoung.identifier, trackKey: 'kesha|dieyoung|none' },
    });
    expect(await resolveTrack('Pink - So What')).toMatchObject({
      fromPin: true,
      track: { identifier: soWhat.official.identifier },
    });
    expect(node.loadTrackCalls).toEqual([]);
    // Done once: the next start reads the version and leaves the songs alone.
    expect(await keys.storedVersion()).toBe(TRACK_KEY_VERSION);
    expect(await keys.rekeyIfStale()).toBeNull();
  });
});

describe('Catalog without Spotify credentials (end to end on the fakes)', () => {
  let bot: TestBot;

  beforeAll(async () => {
    bot = await startTestBot({ lavalinkCatalogue: catalogue });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('answers a Spotify link with a message naming the settings the server owner must set', async () => {
    const outcome = await bot.app
      .get(TrackResolverService)
      .resolve(`https://open.spotify.com/track/${SPOTIFY_FIXTURES.digitalLove.id}`, 'u1');

    expect(outcome).toMatchObject({ ok: false, reason: 'SPOTIFY_UNCONFIGURED' });
    expect(words(outcome)).toMatch(/SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET/);
  });
});
