import type { DayPlay } from '../../../domain/history/guild-day';
import { summarizeStats } from './guild-stats';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 5, 7, 15);

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
    source: 'request',
    listeners: ['ana'],
    likes: 0,
    dislikes: 0,
    ...overrides,
  };
}

describe(summarizeStats.name, () => {
  const plays: DayPlay[] = [
    play({ playId: 'open', startedAt: NOW - 60_000, endedAt: null, endReason: undefined, listeners: ['ana', 'ben'] }),
    play({
      playId: 'a1',
      startedAt: NOW - 2 * 3_600_000,
      source: 'autoplay',
      listeners: ['ana', 'ben'],
      fits: [
        { userId: 'ana', fit: 0.9 },
        { userId: 'ben', fit: 0.3 },
      ],
    }),
    play({
      playId: 'd1',
      startedAt: NOW - DAY,
      source: 'discovery',
      endReason: 'skipped',
      trackKey: 'air|sexyboy|none',
      artistKey: 'air',
      artist: 'Air',
      title: 'Sexy Boy',
      listeners: ['ana', 'ben'],
      fits: [
        { userId: 'ana', fit: 0.1 },
        { userId: 'ben', fit: 0.29 },
      ],
    }),
    play({
      playId: 'd2',
      startedAt: NOW - 2 * DAY,
      source: 'discovery',
      endReason: 'stopped',
      likes: 1,
      listeners: ['ben'],
      fits: [{ userId: 'ben', fit: 0.5 }],
    }),
    // A request carries no fits; one recorded anyway is not a pick.
    play({ playId: 'r1', startedAt: NOW - 3 * DAY, listeners: ['cid'], fits: [{ userId: 'cid', fit: 1 }] }),
    play({ playId: 'old', startedAt: NOW - 7 * DAY, listeners: ['ana'] }),
  ];

  it('counts plays per day over the span, top songs and artists, skips and discoveries', () => {
    const stats = summarizeStats(plays, 7, NOW);

    expect(stats.since).toBe('2025-06-01T00:00:00.000Z');
    expect(stats.totalPlays).toBe(5);
    expect(stats.truncated).toBe(false);
    expect(stats.playsPerDay.map((day) => day.day)).toEqual([
      '2025-06-01',
      '2025-06-02',
      '2025-06-03',
      '2025-06-04',
      '2025-06-05',
      '2025-06-06',
      '2025-06-07',
    ]);
    expect(stats.playsPerDay.map((day) => day.plays)).toEqual([0, 0, 0, 1, 1, 1, 2]);
    expect(stats.topTracks[0]).toEqual({
      trackKey: 'daftpunk|onemoretime|none',
      title: 'One More Time',
      artist: 'Daft Punk',
      plays: 4,
    });
    expect(stats.topArtists.map((artist) => [artist.artistKey, artist.plays])).toEqual([
      ['daftpunk', 4],
      ['air', 1],
    ]);
    expect(stats.skipRate).toBe(0.25);
    expect(stats.discovery).toEqual({ played: 2, accepted: 1, skipped: 1, acceptanceRate: 0.5 });
  });

  it("gives each listener the plays they heard and the share of autoplay's picks that fitted them", () => {
    const stats = summarizeStats(plays, 7, NOW);

    expect(stats.listeners).toEqual([
      { userId: 'ben', plays: 4, picks: 3, fittingPicks: 2, fittingShare: 0.667 },
      { userId: 'ana', plays: 3, picks: 2, fittingPicks: 1, fittingShare: 0.5 },
      { userId: 'cid', plays: 1, picks: 0, fittingPicks: 0, fittingShare: null },
    ]);
  });

  it('answers zeros and nulls for a quiet span', () => {
    const stats = summarizeStats([], 1, NOW);

    expect(stats).toMatchObject({
      totalPlays: 0,
      playsPerDay: [{ day: '2025-06-07', plays: 0 }],
      skipRate: null,
      listeners: [],
      discovery: { played: 0, acceptanceRate: null },
    });
  });
});
