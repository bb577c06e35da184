import { GuildFactory, MemberFactory, UserFactory } from '@accord/testkit/factories';
import { youtubeTrack, type FakeLavalinkNode } from '@accord/testkit/lavalink';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { GuildSettingsService } from '../src/domain/guilds/guild-settings.service';
import { HistoryQueryService } from '../src/domain/history/history-query.service';
import { HistoryWriter } from '../src/domain/history/history-writer.service';
import { PlayRecorderService } from '../src/domain/history/play-recorder.service';
import { LavalinkService } from '../src/adapters/lavalink/lavalink.service';
import { PlaybackService } from '../src/domain/playback/playback.service';
import type { PlayableTrack } from '../src/domain/playback/playback.types';
import { TasteProfileService } from '../src/domain/preferences/profiles/taste-profile.service';
import { eventually, lavalinkConnected, startTestBot, type TestBot } from './support/test-bot';

const catalogue = [
  youtubeTrack({ author: 'Daft Punk', title: 'One More Time', length: 320_000 }),
  youtubeTrack({ author: 'Justice', title: 'D.A.N.C.E.', length: 242_000 }),
  youtubeTrack({ author: 'Kavinsky', title: 'Nightcall', length: 258_000 }),
  youtubeTrack({ author: 'Air', title: 'Sexy Boy', length: 298_000 }),
  youtubeTrack({ author: 'Phoenix', title: '1901', length: 193_000 }),
];
const KEYS = {
  a: 'daftpunk|onemoretime|none',
  b: 'justice|dance|none',
  c: 'kavinsky|nightcall|none',
  d: 'air|sexyboy|none',
  e: 'phoenix|1901|none',
};
const ana = UserFactory.create({ username: 'ana' });
const ben = UserFactory.create({ username: 'ben' });
const cy = UserFactory.create({ username: 'cy' });

interface StoredPlay {
  trackKey: string;
  source: string;
  requestedBy?: string;
  endReason?: string;
  endedAt: Date | null;
  playedMs: number;
  listeners: string[];
  listened: Array<{ userId: string; ms: number }>;
  skippedBy?: string;
  reason?: string;
  likes: number;
  dislikes: number;
}

interface StoredProfile {
  artists: Array<{ id: string; weight: number }>;
  tracks: Array<{ id: string; weight: number }>;
  liked: Array<{ id: string; name: string }>;
  disliked: Array<{ id: string }>;
  playCount: number;
  discoveriesLiked: number;
}

describe('History: a session of five plays (end to end on the fakes)', () => {
  let bot: TestBot;
  let voiceChannelId: string;
  let textChannelId: string;
  let db: Connection;

  const playback = (): PlaybackService => bot.app.get(PlaybackService);
  const fake = (): FakeLavalinkNode => bot.lavalink[0];
  const guildId = (): string => bot.guild.id;
  const tracks = async (...titles: string[]): Promise<PlayableTrack[]> => {
    const lavalink = bot.app.get(LavalinkService);
    const found: PlayableTrack[] = [];
    for (const title of titles) {
      const result = await lavalink.load(title, 'ytsearch');
      if (result.type !== 'search') throw new Error(`no result for ${title}`);
      found.push(result.tracks[0]);
    }
    return found;
  };
  const playing = (title: string): Promise<unknown> =>
    fake().waitFor(() => fake().player(guildId())?.track?.title === title && playback().snapshot(guildId())?.current);
  const slash = async (userId: string, name: string): Promise<string> => {
    const { id } = bot.discord.slashCommand({ guildId: guildId(), channelId: textChannelId, userId, name });
    const reply = await bot.discord.waitForInteractionReply(id);
    return String((reply.data as { content?: string } | undefined)?.content ?? '');
  };
  const written = async (): Promise<void> => {
    expect(await bot.app.get(HistoryWriter).idle(10_000)).toBe(true);
  };
  const plays = async (): Promise<StoredPlay[]> =>
    (await db.collection('plays').find({}).sort({ startedAt: 1 }).toArray()) as unknown as StoredPlay[];
  const feedbackOf = async (userId: string): Promise<string[]> => {
    const docs = await db.collection('feedback').find({ userId }).toArray();
    return docs.map((doc) => `${String(doc.kind)}:${String(doc.trackKey)}`).sort();
  };
  const profile = async (userId: string): Promise<StoredProfile> => {
    const found = await bot.app.get(TasteProfileService).profile(userId);
    if (!found) throw new Error(`no profile for ${userId}`);
    return found;
  };

  beforeAll(async () => {
    const guild = GuildFactory.create({
      members: [ana, ben, cy].map((user) => MemberFactory.create({ user })),
    });
    voiceChannelId = GuildFactory.voiceChannel(guild).id;
    textChannelId = GuildFactory.textChannel(guild).id;
    bot = await startTestBot({ guilds: [guild], lavalinkCatalogue: catalogue });
    db = bot.app.get<Connection>(getConnectionToken());
    await bot.app.get(GuildSettingsService).update(guild.id, { autoplay: false });
    await eventually(() => bot.lavalink[0].sessionList().length === 1);
    await lavalinkConnected(bot);
    for (const user of [ana, ben, cy]) bot.discord.joinVoice(guild.id, user.id, voiceChannelId);
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('records five plays with their listeners, feedback and the profile changes they bring', async () => {
    const requester = { guildId: guildId(), userId: ana.id, voiceChannelId, textChannelId };
    await playback().enqueue(requester, await tracks('One More Time', 'D.A.N.C.E.'));
    await playback().enqueue(requester, await tracks('Nightcall', 'Sexy Boy'), {
      source: 'autoplay',
      reason: 'For Ana and Ben: both play Daft Punk',
    });
    await playback().enqueue(requester, await tracks('1901'), {
      source: 'discovery',
      reason: 'Discovery: close to Air',
    });
    await eventually(() => playback().snapshot(guildId())?.listeners.length === 3);

    // 1. Requested by Ana, heard to the end by all three.
    await playing('One More Time');
    fake().advance(guildId(), 300_000);
    fake().finishTrack(guildId());

    // 2. Ben likes it; heard to the end.
    await playing('D.A.N.C.E.');
    expect(await slash(ben.id, 'like')).toContain('Liked **Justice - D.A.N.C.E.**');
    fake().advance(guildId(), 230_000);
    fake().finishTrack(guildId());

    // 3. Cy leaves half-way.
    await playing('Nightcall');
    fake().advance(guildId(), 120_000);
    bot.discord.leaveVoice(guildId(), cy.id);
    await eventually(() => playback().snapshot(guildId())?.listeners.length === 2);
    fake().advance(guildId(), 130_000);
    fake().finishTrack(guildId());

    // 4. Ana dislikes it and skips it after a minute.
    await playing('Sexy Boy');
    expect(await slash(ana.id, 'dislike')).toContain('Disliked **Air - Sexy Boy**');
    fake().advance(guildId(), 60_000);
    await eventually(() => (playback().snapshot(guildId())?.current?.positionMs ?? 0) >= 60_000);
    await playback().skip(guildId(), ana.id);

    // 5. A discovery Ben likes.
    await playing('1901');
    expect(await slash(ben.id, 'like')).toContain('Liked **Phoenix - 1901**');
    fake().advance(guildId(), 190_000);
    fake().finishTrack(guildId());
    await eventually(() => playback().snapshot(guildId())?.current === null);
    await written();

    const stored = await plays();
    expect(stored.map((play) => [play.trackKey, play.source, play.endReason])).toEqual([
      [KEYS.a, 'request', 'finished'],
      [KEYS.b, 'request', 'finished'],
      [KEYS.c, 'autoplay', 'finished'],
      [KEYS.d, 'autoplay', 'skipped'],
      [KEYS.e, 'discovery', 'finished'],
    ]);
    expect(stored.every((play) => play.endedAt instanceof Date)).toBe(true);
    expect(stored[0]).toMatchObject({ requestedBy: ana.id });
    expect(stored[0].playedMs).toBeGreaterThanOrEqual(300_000);
    expect(stored[2].reason).toBe('For Ana and Ben: both play Daft Punk');
    expect(stored.map((play) => [...play.listeners].sort())).toEqual([
      [ana.id, ben.id, cy.id].sort(),
      [ana.id, ben.id, cy.id].sort(),
      [ana.id, ben.id, cy.id].sort(),
      [ana.id, ben.id].sort(),
      [ana.id, ben.id].sort(),
    ]);
    const heard = (play: StoredPlay, userId: string): number =>
      play.listened.find((entry) => entry.userId === userId)?.ms ?? -1;
    expect(heard(stored[2], cy.id)).toBeGreaterThanOrEqual(120_000);
    expect(heard(stored[2], cy.id)).toBeLessThan(130_000);
    expect(heard(stored[2], ana.id)).toBeGreaterThanOrEqual(250_000);
    expect(stored[3]).toMatchObject({ skippedBy: ana.id, dislikes: 1 });
    expect(stored[1].likes).toBe(1);
    expect(stored[4].likes).toBe(1);

    expect(await feedbackOf(ana.id)).toEqual(
      [
        `request:${KEYS.a}`,
        `request:${KEYS.b}`,
        `complete:${KEYS.a}`,
        `complete:${KEYS.b}`,
        `complete:${KEYS.c}`,
        `dislike:${KEYS.d}`,
        `skip:${KEYS.d}`,
        `complete:${KEYS.e}`,
      ].sort(),
    );
    expect(await feedbackOf(ben.id)).toEqual(
      [
        `complete:${KEYS.a}`,
        `like:${KEYS.b}`,
        `complete:${KEYS.b}`,
        `complete:${KEYS.c}`,
        `like:${KEYS.e}`,
        `complete:${KEYS.e}`,
      ].sort(),
    );
    // Cy left during the third song: no finish counted for it, nor for the songs after.
    expect(await feedbackOf(cy.id)).toEqual([`complete:${KEYS.a}`, `complete:${KEYS.b}`].sort());

    const anaProfile = await profile(ana.id);
    expect(anaProfile.playCount).toBe(5);
    expect(anaProfile.disliked.map((mark) => mark.id)).toEqual([KEYS.d]);
    // Requested, heard and finished first; disliked and skipped not at all.
    expect(
      anaProfile.artists
        .slice(0, 2)
        .map((artist) => artist.id)
        .sort(),
    ).toEqual(['daftpunk', 'justice']);
    expect(anaProfile.artists.map((artist) => artist.id)).not.toContain('air');
    expect(anaProfile.tracks.map((track) => track.id)).not.toContain(KEYS.d);

    const benProfile = await profile(ben.id);
    expect(benProfile.liked.map((mark) => mark.id)).toEqual([KEYS.e, KEYS.b]);
    expect(benProfile.liked[1].name).toBe('Justice - D.A.N.C.E.');
    expect(benProfile.discoveriesLiked).toBe(1);
    expect(
      benProfile.artists
        .slice(0, 2)
        .map((artist) => artist.id)
        .sort(),
    ).toEqual(['justice', 'phoenix']);

    const cyProfile = await profile(cy.id);
    expect(cyProfile.playCount).toBe(3);
    expect(cyProfile.artists.map((artist) => artist.id).sort()).toEqual(['daftpunk', 'justice', 'kavinsky']);
    const weightOf = (id: string): number => cyProfile.artists.find((artist) => artist.id === id)?.weight ?? 0;
    // Heard to the end (and finished) outweighs heard half-way.
    expect(weightOf('justice')).toBeGreaterThan(weightOf('kavinsky'));
  });

  it('answers autoplay from the recorded history', async () => {
    const history = bot.app.get(HistoryQueryService);
    const recent = await history.recentHistory(guildId(), 10);
    expect(recent.map((entry) => [entry.trackKey, entry.outcome])).toEqual([
      [KEYS.e, 'finished'],
      [KEYS.d, 'skipped'],
      [KEYS.c, 'finished'],
      [KEYS.b, 'finished'],
      [KEYS.a, 'finished'],
    ]);
    expect(recent[0]).toMatchObject({ source: 'discovery', likes: 1, artistName: 'Phoenix', title: '1901' });
    const lastPlayed = await history.lastPlayed(guildId(), [KEYS.a, 'nobody|nothing|none']);
    expect([...lastPlayed.keys()]).toEqual([KEYS.a]);
    const heard = await history.heardBy(guildId(), [cy.id], [KEYS.a, KEYS.d]);
    expect(heard).toEqual([{ userId: cy.id, here: [KEYS.a], anywhere: [KEYS.a] }]);
    const counts = await history.playCounts(guildId());
    expect(counts.totalDay).toBe(5);
    expect(counts.artists.get('daftpunk')).toMatchObject({ lastDay: 1, lastWeek: 1 });
  });

  it('lists likes with /liked and queues them with its button', async () => {
    const { id } = bot.discord.slashCommand({
      guildId: guildId(),
      channelId: textChannelId,
      userId: ben.id,
      name: 'liked',
    });
    const reply = await bot.discord.waitForInteractionReply(id);
    const data = reply.data as { embeds?: Array<{ title?: string; description?: string }>; flags?: number };
    expect(data.embeds?.[0].title).toBe('Your liked songs (2)');
    expect(data.embeds?.[0].description).toContain('Phoenix - 1901');
    const message = bot.discord.originalMessage(id);
    expect(message).toBeDefined();
    const press = bot.discord.button({
      guildId: guildId(),
      channelId: textChannelId,
      userId: ben.id,
      customId: 'liked:queue',
      messageId: message!.id,
    });
    const queued = await bot.discord.waitForInteractionReply(press.id);
    expect(String((queued.data as { content?: string }).content)).toContain('Queued 2 of your liked songs');
    await playing('1901');
  });

  it('closes a play left open by a crash at startup, with what was known, and marks it interrupted', async () => {
    // A play the previous process opened and never closed (written behind its back, as a crash leaves it).
    const startedAt = new Date(Date.now() - 10 * 60_000);
    const lastKnownAt = new Date(startedAt.getTime() + 90_000);
    const crashedGuild = '100000000000000999';
    await db.collection('plays').insertOne({
      guildId: crashedGuild,
      trackKey: KEYS.c,
      artistKey: 'kavinsky',
      title: 'Nightcall',
      artist: 'Kavinsky',
      durationMs: 258_000,
      startedAt,
      endedAt: null,
      lastKnownAt,
      playedMs: 90_000,
      source: 'autoplay',
      listeners: [ana.id],
      listened: [],
      fits: [],
      likes: 0,
      dislikes: 0,
    });
    await bot.restartApp();
    db = bot.app.get<Connection>(getConnectionToken());
    await written();
    bot.app.get(PlayRecorderService).sweepRestored();
    await written();

    const closed = await db.collection('plays').findOne({ guildId: crashedGuild });
    expect(closed).toMatchObject({ endReason: 'stopped', interrupted: true, playedMs: 90_000, endedAt: lastKnownAt });
    const history = await bot.app.get(HistoryQueryService).recentHistory(crashedGuild, 5);
    expect(history.map((entry) => [entry.trackKey, entry.outcome])).toEqual([[KEYS.c, 'stopped']]);
  });
});
