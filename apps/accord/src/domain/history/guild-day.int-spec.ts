import { createConnection, type Connection, type Model } from 'mongoose';
import type { Clock } from '../../adapters/database/clock';
import { DAY_MS, dayOf, dayPlayOf } from './guild-day';
import { GuildDayRepository } from './guild-day.repository';
import {
  GUILD_DAY_INDEX_MODEL,
  GUILD_DAY_MODEL,
  GuildDayIndexSchema,
  GuildDaySchema,
  type GuildDayDocument,
  type GuildDayIndexDocument,
} from './guild-day.schema';
import { DAYS_VERSION, HistoryDaysService, MAX_DAYS_PER_PAGE } from './history-days.service';
import { HistoryWriter } from './history-writer.service';
import type { PlayRecord } from './history.types';
import { PlayRepository } from './play.repository';
import { PLAY_MODEL, PlaySchema, type PlayDocument } from './play.schema';
import { keyRenamesOf } from './played-song';

const NOW = new Date(Date.UTC(2025, 5, 10, 12));
const HOUR = 3_600_000;
const clock: Clock = { now: () => NOW };

function play(overrides: Partial<PlayRecord> & { guildId: string; trackKey: string; startedAt: Date }): PlayRecord {
  const [artistKey, title = ''] = overrides.trackKey.split('|');
  return {
    id: PlayRepository.newId(),
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

const ago = (ms: number): Date => new Date(NOW.getTime() - ms);

describe('history days on the test database', () => {
  let connection: Connection;
  let plays: PlayRepository;
  let days: GuildDayRepository;
  let writer: HistoryWriter;
  let sut: HistoryDaysService;
  let dayModel: Model<GuildDayDocument>;

  beforeAll(async () => {
    const uri = process.env.MONGODB_URI;
    if (!uri) throw new Error('MONGODB_URI is not set: run this spec through the root jest config');
    connection = await createConnection(uri, { serverSelectionTimeoutMS: 10_000 }).asPromise();
    const playModel = connection.model<PlayDocument>(PLAY_MODEL, PlaySchema);
    dayModel = connection.model<GuildDayDocument>(GUILD_DAY_MODEL, GuildDaySchema);
    const indexModel = connection.model<GuildDayIndexDocument>(GUILD_DAY_INDEX_MODEL, GuildDayIndexSchema);
    await Promise.all([playModel.init(), dayModel.init(), indexModel.init()]);
    plays = new PlayRepository(playModel);
    days = new GuildDayRepository(dayModel, indexModel);
    writer = new HistoryWriter(connection);
    sut = new HistoryDaysService(days, plays, writer, clock);
  });

  afterAll(async () => {
    await writer?.beforeApplicationShutdown();
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('builds the days of an install that only has the play log, once, and pages them by day', async () => {
    const open = play({ guildId: 'g1', trackKey: 'air|sexyboy|none', startedAt: ago(HOUR), endedAt: null });
    delete open.endReason;
    const seeded = [
      open,
      play({ guildId: 'g1', trackKey: 'daftpunk|onemoretime|none', startedAt: ago(2 * HOUR), listeners: ['ben'] }),
      play({ guildId: 'g1', trackKey: 'daftpunk|aerodynamic|none', startedAt: ago(3 * DAY_MS), source: 'request' }),
      play({ guildId: 'g1', trackKey: 'justice|dance|none', startedAt: ago(9 * DAY_MS), endReason: 'skipped' }),
      play({ guildId: 'g2', trackKey: 'justice|genesis|none', startedAt: ago(HOUR) }),
    ];
    for (const record of seeded) await plays.insert(record);
    expect(await days.builtVersion()).toBeNull();

    const report = await sut.rebuild();

    expect(report).toEqual({ plays: 5, days: 4, complete: true });
    expect(await days.builtVersion()).toBe(DAYS_VERSION);
    expect(await days.days('g1')).toEqual([dayOf(ago(HOUR)), dayOf(ago(3 * DAY_MS)), dayOf(ago(9 * DAY_MS))]);
    const first = await sut.page('g1', {}, 2);
    expect(first.plays).toEqual([dayPlayOf(seeded[0]), dayPlayOf(seeded[1])]);
    expect(first.plays[0].endedAt).toBeNull();
    expect(first.nextBefore).toBe(seeded[1].startedAt.getTime());
    // Today again, then the two older days with plays: the empty days between are never read.
    const rest = await sut.page('g1', { before: first.nextBefore ?? undefined }, 2);
    expect(rest.plays.map((each) => each.trackKey)).toEqual(['daftpunk|aerodynamic|none', 'justice|dance|none']);
    expect(rest.daysRead).toBe(3);
    expect((await sut.page('g1', { before: rest.nextBefore ?? undefined }, 2)).plays).toEqual([]);
    expect((await sut.page('g1', { userId: 'ben' }, 10)).plays.map((each) => each.playId)).toEqual([seeded[1].id]);
    expect((await sut.page('g1', { endReason: 'skipped' }, 10)).plays.map((each) => each.playId)).toEqual([
      seeded[3].id,
    ]);
    expect((await sut.page('g2', {}, 10)).plays.map((each) => each.playId)).toEqual([seeded[4].id]);
    expect((await sut.span('g1', dayOf(ago(6 * DAY_MS)), dayOf(NOW))).map((each) => each.playId)).toEqual([
      seeded[0].id,
      seeded[1].id,
      seeded[2].id,
    ]);

    // A second rebuild changes nothing: the days are already what the log says.
    expect(await sut.rebuild()).toEqual({ plays: 5, days: 4, complete: true });
    expect((await sut.page('g1', {}, 10)).plays).toHaveLength(4);
  });

  it('keeps a page to a bounded number of days and says where to go on', async () => {
    for (let day = 0; day < MAX_DAYS_PER_PAGE + 4; day += 1) {
      await days.upsert(
        'g3',
        dayPlayOf(play({ guildId: 'g3', trackKey: `artist${day}|song|none`, startedAt: ago(day * DAY_MS) })),
        NOW,
      );
    }

    const first = await sut.page('g3', { userId: 'nobody' }, 50);
    const second = await sut.page('g3', { userId: 'nobody', before: first.nextBefore ?? undefined }, 50);

    expect(first).toEqual({
      plays: [],
      daysRead: MAX_DAYS_PER_PAGE,
      nextBefore: Date.parse(`${dayOf(ago((MAX_DAYS_PER_PAGE - 1) * DAY_MS))}T00:00:00.000Z`),
    });
    expect(second).toEqual({ plays: [], daysRead: 4, nextBefore: null });
    const unfiltered = await sut.page('g3', {}, 50);
    expect(unfiltered.plays).toHaveLength(MAX_DAYS_PER_PAGE);
    expect(unfiltered.nextBefore).toBe(first.nextBefore);
    expect((await sut.page('g3', { before: unfiltered.nextBefore ?? undefined }, 50)).plays).toHaveLength(4);
  });

  it('forgets a user in every day and follows a merged song', async () => {
    const record = play({
      guildId: 'g4',
      trackKey: 'phoenix|1901|none',
      startedAt: ago(2 * DAY_MS),
      listeners: ['eve', 'fay'],
      requestedBy: 'eve',
      skippedBy: 'eve',
      source: 'discovery',
      fits: [
        { userId: 'eve', fit: 0.5 },
        { userId: 'fay', fit: 0.2 },
      ],
    });
    await days.upsert('g4', dayPlayOf(record), NOW);
    await days.upsert(
      'g4',
      dayPlayOf(play({ guildId: 'g4', trackKey: 'phoenix|lisztomania|none', startedAt: ago(HOUR) })),
      NOW,
    );

    expect(await days.forgetUser('eve', NOW)).toBe(1);
    const renames = keyRenamesOf([{ fromKey: 'phoenix|1901|none', toKey: 'phoenix|1901live|live' }]);
    expect(await days.renameTracks(renames, NOW)).toBe(1);

    const [forgotten] = await days.read('g4', dayOf(record.startedAt));
    expect(forgotten).toMatchObject({
      playId: record.id,
      trackKey: 'phoenix|1901live|live',
      listeners: ['fay'],
      fits: [{ userId: 'fay', fit: 0.2 }],
    });
    expect(forgotten.requestedBy).toBeUndefined();
    expect(forgotten.skippedBy).toBeUndefined();
    expect((await sut.page('g4', { userId: 'eve' }, 10)).plays).toEqual([]);
    const stored = await dayModel.find({ guildId: 'g4' }, { _id: 1 }).lean<Array<{ _id: string }>>().exec();
    expect(stored.map((doc) => doc._id).sort()).toEqual(
      [`g4:${dayOf(ago(2 * DAY_MS))}`, `g4:${dayOf(ago(HOUR))}`].sort(),
    );
  });
});
