import {
  decodeWindow,
  encodeWindow,
  heardInWindow,
  lastPlayedIn,
  recentCounts,
  upsertWindowEntry,
  WINDOW_MAX_ENTRIES,
  WINDOW_SPAN_MS,
  withoutUser,
} from './guild-window';
import type { WindowEntry } from './history.types';

const HOUR = 3_600_000;
const NOW = Date.UTC(2025, 5, 1, 12);

function entry(overrides: Partial<WindowEntry> & { playId: string; startedAt: number }): WindowEntry {
  return {
    trackKey: 'daftpunk|onemoretime|none',
    artistKey: 'daftpunk',
    artistName: 'Daft Punk',
    title: 'One More Time',
    listeners: ['ana'],
    source: 'request',
    outcome: 'finished',
    likes: 0,
    dislikes: 0,
    ...overrides,
  };
}

describe('guild window', () => {
  it('keeps entries newest first, replaces an entry of the same play and trims by age', () => {
    let entries: WindowEntry[] = [];
    entries = upsertWindowEntry(entries, entry({ playId: 'old', startedAt: NOW - WINDOW_SPAN_MS - 1 }), NOW);
    entries = upsertWindowEntry(entries, entry({ playId: 'p1', startedAt: NOW - 2 * HOUR, outcome: 'playing' }), NOW);
    entries = upsertWindowEntry(entries, entry({ playId: 'p2', startedAt: NOW - HOUR }), NOW);
    entries = upsertWindowEntry(entries, entry({ playId: 'p1', startedAt: NOW - 2 * HOUR, outcome: 'skipped' }), NOW);
    expect(entries.map((each) => [each.playId, each.outcome])).toEqual([
      ['p2', 'finished'],
      ['p1', 'skipped'],
    ]);
  });

  it(`holds at most ${WINDOW_MAX_ENTRIES} entries`, () => {
    let entries: WindowEntry[] = [];
    for (let n = 0; n < WINDOW_MAX_ENTRIES + 5; n++) {
      entries = upsertWindowEntry(entries, entry({ playId: `p${n}`, startedAt: NOW - HOUR + n }), NOW);
    }
    expect(entries).toHaveLength(WINDOW_MAX_ENTRIES);
    expect(entries[0].playId).toBe(`p${WINDOW_MAX_ENTRIES + 4}`);
  });

  it('round-trips through its stored form and reads anything else as empty', () => {
    const entries = [entry({ playId: 'p1', startedAt: NOW, fits: [{ userId: 'ana', fit: 0.8 }] })];
    expect(decodeWindow(encodeWindow(entries))).toEqual(entries);
    expect(decodeWindow('')).toEqual([]);
    expect(decodeWindow('{"v":99,"rows":[]}')).toEqual([]);
    expect(decodeWindow('not json')).toEqual([]);
  });

  const window = [
    entry({
      playId: 'p3',
      startedAt: NOW - HOUR,
      trackKey: 'justice|dance|none',
      artistKey: 'justice',
      listeners: ['ben'],
    }),
    entry({ playId: 'p2', startedAt: NOW - 3 * 24 * HOUR, listeners: ['ana', 'ben'] }),
    entry({ playId: 'p1', startedAt: NOW - 5 * 24 * HOUR, listeners: ['ana'] }),
  ];

  it('answers when a track last played', () => {
    const found = lastPlayedIn(window, ['daftpunk|onemoretime|none', 'air|sexyboy|none']);
    expect([...found.entries()]).toEqual([['daftpunk|onemoretime|none', new Date(NOW - 3 * 24 * HOUR)]]);
  });

  it.each([
    { key: 'daftpunk', lastDay: 0, lastWeek: 2 },
    { key: 'justice', lastDay: 1, lastWeek: 1 },
  ])('counts $key: $lastDay in the last day, $lastWeek in the week', ({ key, lastDay, lastWeek }) => {
    const counts = recentCounts(window, [key], (each) => each.artistKey, {
      day: NOW - 24 * HOUR,
      week: NOW - 7 * 24 * HOUR,
    });
    expect(counts.get(key)).toMatchObject({ lastDay, lastWeek });
  });

  it('tells which listener heard which track, and forgets a user everywhere', () => {
    const heard = heardInWindow(window, ['ana', 'cy'], ['daftpunk|onemoretime|none', 'justice|dance|none']);
    expect([...(heard.get('ana') ?? [])]).toEqual(['daftpunk|onemoretime|none']);
    expect([...(heard.get('cy') ?? [])]).toEqual([]);
    expect(withoutUser(window, 'ana').flatMap((each) => each.listeners)).toEqual(['ben', 'ben']);
  });
});
