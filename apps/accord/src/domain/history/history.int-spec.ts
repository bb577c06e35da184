import { createConnection, type Connection, type Model } from 'mongoose';
import { ProfileRepository } from '../preferences/profiles/profile.repository';
import { PROFILE_MODEL, ProfileSchema, type ProfileDocument } from '../preferences/profiles/profile.schema';
import { applySignal, emptyProfile } from '../preferences/profiles/taste-profile';
import type { Clock } from '../../adapters/database/clock';
import { FeedbackRepository } from './feedback.repository';
import { FEEDBACK_MODEL, FeedbackSchema, type FeedbackDocument } from './feedback.schema';
import { upsertWindowEntry } from './guild-window';
import { GuildWindowRepository } from './guild-window.repository';
import { GUILD_WINDOW_MODEL, GuildWindowSchema, type GuildWindowDocument } from './guild-window.schema';
import { HistoryQueryService } from './history-query.service';
import type { PlayRecord, WindowEntry } from './history.types';
import { PlayRepository } from './play.repository';
import { PLAY_MODEL, PlaySchema, type PlayDocument } from './play.schema';
import { UnwrittenWindow } from './unwritten-window';

const NOW = new Date(Date.UTC(2025, 5, 1, 12));
const HOUR = 3_600_000;
const clock: Clock = { now: () => NOW };

function play(overrides: Partial<PlayRecord> & { trackKey: string; startedAt: Date }): PlayRecord {
  const [artistKey, title = ''] = overrides.trackKey.split('|');
  return {
    id: PlayRepository.newId(),
    guildId: 'g1',
    artistKey,
    title,
    artist: artistKey,
    durationMs: 200_000,
    endedAt: new Date(overrides.startedAt.getTime() + 200_000),
    lastKnownAt: new Date(overrides.startedAt.getTime() + 200_000),
    playedMs: 200_000,
    endReason: 'finished',
    source: 'autoplay',
    listeners: ['ana'],
    listened: [{ userId: 'ana', ms: 200_000 }],
    fits: [],
    likes: 0,
    dislikes: 0,
    ...overrides,
  };
}

describe('history on the test database', () => {
  let connection: Connection;
  let plays: PlayRepository;
  let windows: GuildWindowRepository;
  let profiles: ProfileRepository;
  let feedback: FeedbackRepository;
  let sut: HistoryQueryService;
  let playModel: Model<PlayDocument>;

  beforeAll(async () => {
    const uri = process.env.MONGODB_URI;
    if (!uri) throw new Error('MONGODB_URI is not set: run this spec through the root jest config');
    connection = await createConnection(uri, { serverSelectionTimeoutMS: 10_000 }).asPromise();
    playModel = connection.model<PlayDocument>(PLAY_MODEL, PlaySchema);
    const windowModel = connection.model<GuildWindowDocument>(GUILD_WINDOW_MODEL, GuildWindowSchema);
    const profileModel = connection.model<ProfileDocument>(PROFILE_MODEL, ProfileSchema);
    const feedbackModel = connection.model<FeedbackDocument>(FEEDBACK_MODEL, FeedbackSchema);
    await Promise.all([playModel.init(), windowModel.init(), profileModel.init(), feedbackModel.init()]);
    plays = new PlayRepository(playModel);
    windows = new GuildWindowRepository(windowModel);
    profiles = new ProfileRepository(profileModel);
    feedback = new FeedbackRepository(feedbackModel);
    sut = new HistoryQueryService(windows, plays, profiles, new UnwrittenWindow(), clock);
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('creates the indexes its queries use', async () => {
    const indexes = (await playModel.listIndexes()).map((index) =>
      Object.keys((index as { key: Record<string, unknown> }).key).join(','),
    );
    expect(indexes).toEqual(
      expect.arrayContaining([
        'guildId,startedAt',
        'guildId,trackKey,startedAt',
        'listeners,startedAt',
        'trackKey,startedAt',
        'endedAt',
      ]),
    );
  });

  it('opens, follows and closes a play, and finds plays left open', async () => {
    const open = play({ trackKey: 'air|sexyboy|none', startedAt: new Date(NOW.getTime() - HOUR), endedAt: null });
    await plays.insert(open);
    await plays.insert(open); // a retried write
    await plays.updateListeners(open.id, ['ana', 'ben'], [{ userId: 'ana', ms: 1000 }], NOW);
    expect((await plays.findOpen()).map((each) => each.id)).toEqual([open.id]);

    await plays.close(open.id, {
      endedAt: NOW,
      playedMs: 90_000,
      endReason: 'skipped',
      listeners: ['ana', 'ben'],
      listened: [{ userId: 'ana', ms: 90_000 }],
      skippedBy: 'ben',
      likes: 0,
      dislikes: 1,
    });
    expect(await plays.findOpen()).toEqual([]);
    expect(await plays.findById(open.id)).toMatchObject({
      endReason: 'skipped',
      skippedBy: 'ben',
      listeners: ['ana', 'ben'],
      playedMs: 90_000,
      dislikes: 1,
    });
  });

  it('answers when a track last played over the whole history, newest first', async () => {
    await plays.insert(
      play({ trackKey: 'daftpunk|onemoretime|none', startedAt: new Date(NOW.getTime() - 30 * 24 * HOUR) }),
    );
    await plays.insert(
      play({ trackKey: 'daftpunk|onemoretime|none', startedAt: new Date(NOW.getTime() - 20 * 24 * HOUR) }),
    );
    await plays.insert(play({ guildId: 'g2', trackKey: 'daftpunk|onemoretime|none', startedAt: NOW }));
    const found = await sut.lastPlayedEver('g1', ['daftpunk|onemoretime|none', 'nobody|nothing|none']);
    expect([...found.entries()]).toEqual([['daftpunk|onemoretime|none', new Date(NOW.getTime() - 20 * 24 * HOUR)]]);
  });

  it('counts what people who play a song also play, across guilds', async () => {
    const at = new Date(NOW.getTime() - 2 * HOUR);
    await plays.insert(play({ trackKey: 'kavinsky|nightcall|none', startedAt: at, listeners: ['cy', 'dee'] }));
    await plays.insert(
      play({
        guildId: 'g2',
        trackKey: 'justice|genesis|none',
        artist: 'Justice',
        title: 'Genesis',
        startedAt: at,
        listeners: ['cy', 'dee'],
      }),
    );
    await plays.insert(
      play({
        guildId: 'g2',
        trackKey: 'air|lavie|none',
        artist: 'Air',
        title: 'La Vie',
        startedAt: at,
        listeners: ['dee'],
      }),
    );
    const found = await sut.coListened(['kavinsky|nightcall|none'], 5);
    expect(found.map((track) => [track.trackKey, track.userIds?.length, track.artistName, track.title])).toEqual([
      ['justice|genesis|none', 2, 'Justice', 'Genesis'],
      ['air|lavie|none', 1, 'Air', 'La Vie'],
    ]);
  });

  it('answers repetition questions from the guild window and profiles', async () => {
    let entries: WindowEntry[] = [];
    const add = (playId: string, trackKey: string, hoursAgo: number, listeners: string[]): void => {
      entries = upsertWindowEntry(
        entries,
        {
          playId,
          trackKey,
          artistKey: trackKey.split('|')[0],
          artistName: trackKey.split('|')[0],
          title: trackKey.split('|')[1],
          startedAt: NOW.getTime() - hoursAgo * HOUR,
          listeners,
          source: 'autoplay',
          outcome: 'finished',
          likes: 0,
          dislikes: 0,
        },
        NOW.getTime(),
      );
    };
    add('p1', 'justice|dance|none', 30, ['ana']);
    add('p2', 'justice|genesis|none', 2, ['ana', 'ben']);
    add('p3', 'air|sexyboy|none', 1, ['ben']);
    await windows.save('g3', entries, NOW);
    await profiles.saveTaste(
      applySignal(
        emptyProfile('cy', NOW.getTime()),
        { kind: 'heard', trackKey: 'air|sexyboy|none', artistKey: 'air', artistName: 'Air', title: 'Sexy Boy' },
        NOW.getTime(),
      ),
    );

    expect((await sut.recentHistory('g3', 2)).map((entry) => entry.trackKey)).toEqual([
      'air|sexyboy|none',
      'justice|genesis|none',
    ]);
    expect((await sut.lastPlayed('g3', ['justice|dance|none'])).get('justice|dance|none')).toEqual(
      new Date(NOW.getTime() - 30 * HOUR),
    );
    expect(await sut.artistRecent('g3', ['justice'])).toEqual(
      new Map([['justice', { lastPlayedAt: new Date(NOW.getTime() - 2 * HOUR), lastDay: 1, lastWeek: 2 }]]),
    );
    expect(await sut.heardBy('g3', ['ana', 'cy'], ['air|sexyboy|none', 'justice|genesis|none'])).toEqual([
      { userId: 'ana', here: ['justice|genesis|none'], anywhere: ['justice|genesis|none'] },
      { userId: 'cy', here: [], anywhere: ['air|sexyboy|none'] },
    ]);
  });

  it('forgets a user: their id leaves every play and window, their feedback goes, the plays stay', async () => {
    const record = play({
      guildId: 'g4',
      trackKey: 'phoenix|1901|none',
      startedAt: NOW,
      listeners: ['eve', 'fay'],
      listened: [
        { userId: 'eve', ms: 1 },
        { userId: 'fay', ms: 2 },
      ],
      fits: [{ userId: 'eve', fit: 0.5 }],
      requestedBy: 'eve',
      skippedBy: 'eve',
    });
    await plays.insert(record);
    await feedback.insertMany([
      {
        id: FeedbackRepository.newId(),
        userId: 'eve',
        guildId: 'g4',
        trackKey: 'phoenix|1901|none',
        artistKey: 'phoenix',
        kind: 'like',
        weight: 1,
        at: NOW,
      },
    ]);
    await windows.save(
      'g4',
      upsertWindowEntry(
        [],
        {
          playId: record.id,
          trackKey: record.trackKey,
          artistKey: 'phoenix',
          artistName: 'Phoenix',
          title: '1901',
          startedAt: NOW.getTime(),
          listeners: ['eve', 'fay'],
          source: 'request',
          outcome: 'finished',
          likes: 1,
          dislikes: 0,
        },
        NOW.getTime(),
      ),
      NOW,
    );
    expect(await plays.countForUser('eve')).toBe(1);

    expect(await plays.forgetUser('eve')).toBe(1);
    await windows.forgetUser('eve', NOW);
    expect(await feedback.deleteForUser('eve')).toBe(1);

    const after = await plays.findById(record.id);
    expect(after).toMatchObject({ listeners: ['fay'], listened: [{ userId: 'fay', ms: 2 }], fits: [] });
    expect(after?.requestedBy).toBeUndefined();
    expect(after?.skippedBy).toBeUndefined();
    expect(await plays.countForUser('eve')).toBe(0);
    expect((await sut.recentHistory('g4', 5))[0].listeners).toEqual(['fay']);
    expect(await feedback.countForUser('eve')).toBe(0);
  });
});
