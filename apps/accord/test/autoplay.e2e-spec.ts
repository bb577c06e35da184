import type { APIEmbed } from 'discord.js';
import { deezerApiStandIn, type DeezerApiStandIn, type DeezerWorldArtist } from '@accord/testkit/deezer-api';
import { GuildFactory, MemberFactory, UserFactory } from '@accord/testkit/factories';
import { youtubeTrack, type CatalogueTrack, type FakeLavalinkNode } from '@accord/testkit/lavalink';
import { artistKey, trackKey } from '@accord/track-identity';
import { lastfmApiStandIn, type LastfmApiStandIn, type LastfmWorld } from '@accord/testkit/lastfm-api';
import { LavalinkService } from '../src/adapters/lavalink/lavalink.service';
import { PlaybackService } from '../src/domain/playback/playback.service';
import type { QueueEntry } from '../src/domain/playback/playback.types';
import type { TasteSignal } from '../src/domain/preferences/profiles/taste-profile';
import { TasteProfileService } from '../src/domain/preferences/profiles/taste-profile.service';
import { eventually, lavalinkConnected, startTestBot, type TestBot } from './support/test-bot';

/** Short songs: the next pick is due at once (they end before playback's 30 s look-ahead). */
const SONG_MS = 20_000;

const deezerWorld: DeezerWorldArtist[] = [
  {
    id: 27,
    name: 'Daft Punk',
    related: [6404, 1560, 2111],
    top: [
      { id: 101, title: 'Around the World' },
      { id: 102, title: 'Digital Love' },
    ],
  },
  {
    id: 6404,
    name: 'Justice',
    related: [27, 1560],
    top: [
      { id: 201, title: 'Genesis' },
      { id: 202, title: 'Phantom' },
    ],
  },
  {
    id: 1560,
    name: 'Kavinsky',
    related: [27, 6404],
    top: [
      { id: 301, title: 'Nightcall' },
      { id: 302, title: 'Odd Look' },
    ],
  },
  {
    id: 2111,
    name: 'Air',
    related: [27],
    top: [
      { id: 401, title: 'Sexy Boy' },
      { id: 402, title: 'Kelly Watch the Stars' },
    ],
  },
  {
    id: 1179,
    name: 'Miles Davis',
    related: [1174, 2980, 1197],
    top: [
      { id: 501, title: 'So What' },
      { id: 502, title: 'Blue in Green' },
    ],
  },
  {
    id: 1174,
    name: 'John Coltrane',
    related: [1179, 2980],
    top: [
      { id: 601, title: 'Naima' },
      { id: 602, title: 'Giant Steps' },
    ],
  },
  {
    id: 2980,
    name: 'Herbie Hancock',
    related: [1179],
    top: [
      { id: 701, title: 'Cantaloupe Island' },
      { id: 702, title: 'Maiden Voyage' },
    ],
  },
  {
    id: 1197,
    name: 'Chet Baker',
    related: [1179],
    top: [
      { id: 801, title: 'Almost Blue' },
      { id: 802, title: 'My Funny Valentine' },
    ],
  },
];

const lastfmWorld: LastfmWorld = {
  similarTracks: {
    'Daft Punk - Around the World': [
      { artist: 'Cassius', title: 'Feeling for You', match: 0.9 },
      { artist: 'Justice', title: 'Genesis', match: 0.7 },
    ],
  },
  similarArtists: { 'Miles Davis': [{ name: 'Bill Evans', match: 0.85 }] },
  topTracks: { 'Bill Evans': ['Peace Piece', 'Waltz for Debby'] },
};

/** Every song a source can name, so that playback finds a video for each pick. */
const catalogue: CatalogueTrack[] = [
  ...deezerWorld.flatMap((artist) =>
    (artist.top ?? []).map((track) => youtubeTrack({ author: artist.name, title: track.title, length: SONG_MS })),
  ),
  youtubeTrack({ author: 'Daft Punk', title: 'One More Time', length: SONG_MS }),
  youtubeTrack({ author: 'Cassius', title: 'Feeling for You', length: SONG_MS }),
  youtubeTrack({ author: 'Bill Evans', title: 'Peace Piece', length: SONG_MS }),
  youtubeTrack({ author: 'Bill Evans', title: 'Waltz for Debby', length: SONG_MS }),
];

const ana = UserFactory.create({ username: 'ana' });
const ben = UserFactory.create({ username: 'ben' });
const cy = UserFactory.create({ username: 'cy' });

/** What each listener has been hearing: their taste profile is built from these through the preferences module. */
const tastes: Array<{ user: typeof ana; name: string; songs: Array<[string, string, number]> }> = [
  {
    user: ana,
    name: 'Ana',
    songs: [
      ['Daft Punk', 'One More Time', 8],
      ['Daft Punk', 'Digital Love', 6],
      ['Justice', 'Phantom', 4],
    ],
  },
  {
    user: ben,
    name: 'Ben',
    songs: [
      ['Daft Punk', 'Digital Love', 7],
      ['Kavinsky', 'Nightcall', 6],
      ['Kavinsky', 'Odd Look', 4],
    ],
  },
  {
    user: cy,
    name: 'Cy',
    songs: [
      ['Miles Davis', 'So What', 14],
      ['Miles Davis', 'Blue in Green', 10],
      ['John Coltrane', 'Giant Steps', 10],
    ],
  },
];

function signals(songs: Array<[string, string, number]>): TasteSignal[] {
  return songs.flatMap(([artist, title, times]) =>
    Array.from({ length: times }, () => ({
      kind: 'heard' as const,
      trackKey: trackKey({ artist, title }),
      artistKey: artistKey(artist),
      artistName: artist,
      title,
    })),
  );
}

describe('Autoplay (end to end on the fakes)', () => {
  let bot: TestBot;
  let node: FakeLavalinkNode;
  let deezer: DeezerApiStandIn;
  let lastfm: LastfmApiStandIn;
  let voiceChannelId: string;
  let textChannelId: string;

  const playback = (): PlaybackService => bot.app.get(PlaybackService);
  const upcomingPick = (): QueueEntry | undefined =>
    playback()
      .snapshot(bot.guild.id)
      ?.queue.find((entry) => entry.source === 'autoplay' || entry.source === 'discovery');
  const nextPick = (after?: string): Promise<QueueEntry> =>
    eventually(() => {
      const pick = upcomingPick();
      return pick && pick.id !== after ? pick : undefined;
    }, 15_000);
  /** Plays the upcoming pick (the song before it ends) and waits for the pick after it. */
  const playOn = async (pick: QueueEntry): Promise<QueueEntry> => {
    node.finishTrack(bot.guild.id);
    await node.waitFor(() => node.player(bot.guild.id)?.track?.title === pick.track.title, { timeoutMs: 10_000 });
    return nextPick(pick.id);
  };

  beforeAll(async () => {
    deezer = deezerApiStandIn(deezerWorld);
    lastfm = lastfmApiStandIn(lastfmWorld);
    const guild = GuildFactory.create({
      members: [ana, ben, cy].map((user) => MemberFactory.create({ user })),
    });
    voiceChannelId = GuildFactory.voiceChannel(guild).id;
    textChannelId = GuildFactory.textChannel(guild).id;
    bot = await startTestBot({
      guilds: [guild],
      lavalinkCatalogue: catalogue,
      env: { LASTFM_API_KEY: 'test-lastfm-key-0001' },
    });
    node = bot.lavalink[0];
    await eventually(() => node.sessionList().length === 1);
    await lavalinkConnected(bot);

    // The listening memory is the real one: profiles built through the preferences module, plays
    // recorded by the history module as this test plays them.
    const profiles = bot.app.get(TasteProfileService);
    for (const taste of tastes) await profiles.apply(taste.user.id, signals(taste.songs), taste.name);

    for (const user of [ana, ben, cy]) bot.discord.joinVoice(guild.id, user.id, voiceChannelId);
  });
  afterAll(async () => {
    await bot?.close();
    deezer?.stop();
    lastfm?.stop();
  });

  it('fills the queue with picks whose explanations name the listeners, asking Deezer and Last.fm', async () => {
    const lavalink = bot.app.get(LavalinkService);
    const found = await lavalink.load('Daft Punk Around the World', 'ytsearch');
    if (found.type !== 'search') throw new Error('the fake catalogue has no Around the World');
    await playback().enqueue({ guildId: bot.guild.id, userId: ana.id, voiceChannelId, textChannelId }, [
      found.tracks[0],
    ]);
    await eventually(() => playback().snapshot(bot.guild.id)?.listeners.length === 3);

    const reasons: string[] = [];
    let pick = await nextPick();
    reasons.push(pick.reason ?? '');
    expect(pick.requestedBy).toBeUndefined();
    expect(pick.track.encoded ?? pick.track.query).toBeTruthy();
    for (let round = 0; round < 5 && !['Ana', 'Ben', 'Cy'].every((name) => reasons.join(' ').includes(name)); round++) {
      pick = await playOn(pick);
      reasons.push(pick.reason ?? '');
    }

    expect(reasons.every((reason) => reason.length > 0)).toBe(true);
    for (const name of ['Ana', 'Ben', 'Cy']) expect(reasons.join('\n')).toContain(name);
    expect(deezer.requests.some((path) => path.startsWith('/artist/27/related'))).toBe(true);
    expect(lastfm.apiKeys.every((key) => key === 'test-lastfm-key-0001')).toBe(true);
    expect(lastfm.requests.length).toBeGreaterThan(0);
  });

  it('explains the song playing now with /why', async () => {
    const pick = upcomingPick()!;
    node.finishTrack(bot.guild.id);
    await node.waitFor(() => node.player(bot.guild.id)?.track?.title === pick.track.title, { timeoutMs: 10_000 });
    await nextPick(pick.id);

    const handle = bot.discord.slashCommand({
      guildId: bot.guild.id,
      channelId: textChannelId,
      userId: ben.id,
      name: 'why',
    });
    const reply = await bot.discord.waitForInteractionReply(handle.id);
    const embed = (reply.data as { embeds?: APIEmbed[] } | undefined)?.embeds?.[0];
    expect(embed?.title).toBe('Why this song?');
    expect(embed?.description).toContain(pick.reason);
    expect(embed?.description).toContain('Fit for each listener');
  });

  it('re-makes the upcoming pick when a listener leaves before it plays', async () => {
    // Play on until the upcoming pick is for Cy alone (fairness gives everyone a turn), then Cy leaves.
    const forCyAlone = (entry: QueueEntry): boolean =>
      !!entry.reason?.includes('Cy') && !entry.reason.includes('Ana') && !entry.reason.includes('Ben');
    let pick = upcomingPick()!;
    const seen = [pick.reason];
    for (let round = 0; round < 10 && !forCyAlone(pick); round++) {
      pick = await playOn(pick);
      seen.push(pick.reason);
    }
    expect({ reason: pick.reason, seen }).toMatchObject({ reason: expect.stringContaining('Cy') as string });

    bot.discord.leaveVoice(bot.guild.id, cy.id);
    const replaced = await nextPick(pick.id);

    // A new entry chosen for Ana and Ben (it may be the same song when it is also their best one).
    expect(replaced.id).not.toBe(pick.id);
    expect(replaced.reason).not.toContain('Cy');
    expect(
      playback()
        .snapshot(bot.guild.id)
        ?.queue.filter((entry) => entry.source !== 'request'),
    ).toHaveLength(1);
  });
});
