import {
  dayDocId,
  dayInvolves,
  dayOf,
  dayPlayOf,
  dayStart,
  dayWithoutUser,
  decodeDay,
  encodeDay,
  filterDayPlays,
  mergeDayPlays,
  renameDayTracks,
  upsertDayPlay,
  type DayPlay,
} from './guild-day';
import { PlayRepository } from './play.repository';
import { keyRenamesOf } from './played-song';

const HOUR = 3_600_000;
const NOON = Date.UTC(2025, 5, 1, 12);

function play(overrides: Partial<DayPlay> & { playId: string; startedAt: number }): DayPlay {
  return {
    trackKey: 'daftpunk|onemoretime|none',
    artistKey: 'daftpunk',
    artist: 'Daft Punk',
    title: 'One More Time',
    durationMs: 320_000,
    endedAt: overrides.startedAt + 320_000,
    playedMs: 320_000,
    endReason: 'finished',
    source: 'autoplay',
    listeners: ['ana', 'ben'],
    likes: 0,
    dislikes: 0,
    ...overrides,
  };
}

describe('guild day', () => {
  it('names a day by its UTC date, whatever the hour', () => {
    expect(dayOf(Date.UTC(2025, 5, 1, 0, 0, 0))).toBe('2025-06-01');
    expect(dayOf(Date.UTC(2025, 5, 1, 23, 59, 59, 999))).toBe('2025-06-01');
    expect(dayDocId('123', '2025-06-01')).toBe('123:2025-06-01');
    expect(dayStart('2025-06-01')).toBe(Date.UTC(2025, 5, 1));
  });

  it('keeps plays newest first and replaces a play by its id (open, then ended)', () => {
    let plays: DayPlay[] = [];
    plays = upsertDayPlay(plays, play({ playId: 'p1', startedAt: NOON - HOUR }));
    plays = upsertDayPlay(plays, play({ playId: 'p2', startedAt: NOON, endedAt: null, endReason: undefined }));
    plays = upsertDayPlay(plays, play({ playId: 'p2', startedAt: NOON, endReason: 'skipped', skippedBy: 'ben' }));

    expect(plays.map((each) => [each.playId, each.endReason, each.skippedBy])).toEqual([
      ['p2', 'skipped', 'ben'],
      ['p1', 'finished', undefined],
    ]);
  });

  it("merges a rebuild's plays, but never brings an ended play back to open", () => {
    const ended = play({ playId: 'p1', startedAt: NOON, likes: 2 });
    const staleOpen = play({ playId: 'p1', startedAt: NOON, endedAt: null, endReason: undefined });
    const fromLog = play({ playId: 'p2', startedAt: NOON - HOUR, likes: 1 });

    const merged = mergeDayPlays([ended, play({ playId: 'p2', startedAt: NOON - HOUR })], [staleOpen, fromLog]);

    expect(merged).toEqual([ended, fromLog]);
  });

  it('round-trips through its stored form, users kept once, and reads anything else as empty', () => {
    const plays = [
      play({
        playId: 'p2',
        startedAt: NOON,
        youtubeId: 'aaaaaaaaaaa',
        requestedBy: 'ana',
        skippedBy: 'ben',
        endReason: 'skipped',
        source: 'request',
      }),
      play({ playId: 'p1', startedAt: NOON - HOUR, fits: [{ userId: 'ben', fit: 0.25 }], listeners: ['ben', 'cid'] }),
      play({ playId: 'p0', startedAt: NOON - 2 * HOUR, endedAt: null, endReason: undefined, listeners: [] }),
    ];

    const stored = encodeDay(plays);

    expect(decodeDay(stored)).toEqual(plays);
    expect(stored.startsWith('z1:')).toBe(true);
    expect(decodeDay('')).toEqual([]);
    expect(decodeDay(undefined)).toEqual([]);
    expect(decodeDay('{"v":1,"rows":[]}')).toEqual([]);
  });

  it('filters by time, listener, song, source and end', () => {
    const plays = [
      play({ playId: 'p3', startedAt: NOON, source: 'request', listeners: ['ana'] }),
      play({ playId: 'p2', startedAt: NOON - HOUR, endReason: 'skipped', trackKey: 'air|sexyboy|none' }),
      play({ playId: 'p1', startedAt: NOON - 2 * HOUR, source: 'discovery', listeners: ['ben'] }),
    ];
    const ids = (filter: Parameters<typeof filterDayPlays>[1]): string[] =>
      filterDayPlays(plays, filter).map((each) => each.playId);

    expect(ids({})).toEqual(['p3', 'p2', 'p1']);
    expect(ids({ before: NOON })).toEqual(['p2', 'p1']);
    expect(ids({ since: NOON - HOUR })).toEqual(['p3', 'p2']);
    expect(ids({ userId: 'ana' })).toEqual(['p3', 'p2']);
    expect(ids({ trackKey: 'air|sexyboy|none' })).toEqual(['p2']);
    expect(ids({ source: 'discovery' })).toEqual(['p1']);
    expect(ids({ endReason: 'skipped' })).toEqual(['p2']);
    expect(ids({ userId: 'ben', before: NOON - HOUR })).toEqual(['p1']);
  });

  it('forgets a user as listener, requester, skipper and in the fits', () => {
    const plays = [
      play({
        playId: 'p1',
        startedAt: NOON,
        requestedBy: 'ana',
        skippedBy: 'ana',
        fits: [
          { userId: 'ana', fit: 0.9 },
          { userId: 'ben', fit: 0.4 },
        ],
      }),
    ];

    const forgotten = dayWithoutUser(plays, 'ana');

    expect(dayInvolves(plays, 'ana')).toBe(true);
    expect(dayInvolves(forgotten, 'ana')).toBe(false);
    expect(forgotten[0]).toEqual({
      ...plays[0],
      requestedBy: undefined,
      skippedBy: undefined,
      listeners: ['ben'],
      fits: [{ userId: 'ben', fit: 0.4 }],
    });
    expect(Object.keys(forgotten[0])).not.toContain('requestedBy');
  });

  it('moves renamed songs to their new keys, artist key with them', () => {
    const plays = [
      play({ playId: 'p1', startedAt: NOON }),
      play({ playId: 'p2', startedAt: NOON - HOUR, trackKey: 'x|y|none' }),
      play({ playId: 'p3', startedAt: NOON - 2 * HOUR, trackKey: 'keha|dieyoung|none', artistKey: 'keha' }),
    ];

    const renamed = renameDayTracks(
      plays,
      keyRenamesOf([
        { fromKey: 'daftpunk|onemoretime|none', toKey: 'daftpunk|onemoretime|live' },
        { fromKey: 'keha|dieyoung|none', toKey: 'kesha|dieyoung|none' },
      ]),
    );

    expect(renamed.map((each) => [each.trackKey, each.artistKey])).toEqual([
      ['daftpunk|onemoretime|live', 'daftpunk'],
      ['x|y|none', 'daftpunk'],
      ['kesha|dieyoung|none', 'kesha'],
    ]);
  });

  it('holds what the play log stores', () => {
    const id = PlayRepository.newId();
    const startedAt = new Date(NOON);

    const converted = dayPlayOf({
      id,
      guildId: 'g1',
      trackKey: 'air|sexyboy|none',
      artistKey: 'air',
      title: 'Sexy Boy',
      artist: 'Air',
      durationMs: 298_000,
      startedAt,
      endedAt: null,
      lastKnownAt: startedAt,
      playedMs: 12_000,
      source: 'discovery',
      listeners: ['ana'],
      listened: [],
      fits: [{ userId: 'ana', fit: 0.5 }],
      likes: 1,
      dislikes: 0,
    });

    expect(converted).toEqual({
      playId: id,
      trackKey: 'air|sexyboy|none',
      artistKey: 'air',
      artist: 'Air',
      title: 'Sexy Boy',
      durationMs: 298_000,
      startedAt: NOON,
      endedAt: null,
      playedMs: 12_000,
      source: 'discovery',
      listeners: ['ana'],
      fits: [{ userId: 'ana', fit: 0.5 }],
      likes: 1,
      dislikes: 0,
    });
  });
});
