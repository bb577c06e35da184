import { deriveFairness } from './fairness';
import { resolveSettings } from './settings';
import { type HistoryEntry } from './types';

function play(fits: Record<string, number>, at: number): HistoryEntry {
  return {
    trackKey: `t${at}`,
    artistKey: `a${at}`,
    startedAt: at,
    listeners: Object.keys(fits),
    fits: Object.entries(fits).map(([userId, fit]) => ({ userId, fit })),
    source: 'autoplay',
  };
}

const ROOM = ['ana', 'ben', 'cy'];

describe(deriveFairness.name, () => {
  const settings = resolveSettings();

  it.each([
    { name: 'an empty history gives nobody the turn', history: [], turn: undefined },
    {
      name: 'the listener served least gets the turn',
      history: [play({ ana: 1, ben: 0.5, cy: 0 }, 3), play({ ana: 0.9, ben: 0.6, cy: 0.1 }, 2)],
      turn: 'cy',
    },
    {
      name: 'recent picks count more than old ones',
      history: [play({ ana: 0, ben: 1, cy: 1 }, 3), play({ ana: 1, ben: 0, cy: 1 }, 2)],
      turn: 'ana',
    },
    {
      // Two middling fits are not a song from the top of Cy's list: Cy is owed more than Ana, who had one.
      name: 'middling compromises do not count as being served',
      history: [play({ ana: 0, ben: 1, cy: 0.6 }, 3), play({ ana: 1, ben: 1, cy: 0.6 }, 2)],
      turn: 'cy',
    },
    {
      name: 'requests without fits are ignored',
      history: [{ ...play({ ana: 0, ben: 1, cy: 1 }, 3), fits: undefined }],
      turn: undefined,
    },
  ])('$name', ({ history, turn }) => {
    const { weights, turn: actual } = deriveFairness(history, ROOM, settings);

    if (turn === undefined) {
      expect(actual).toBe(-1);
      expect(weights.map((w) => w.weight)).toEqual([1, 1, 1]);
    } else {
      expect(ROOM[actual]).toBe(turn);
      const heaviest = [...weights].sort((a, b) => b.weight - a.weight)[0];
      expect(heaviest.userId).toBe(turn);
      // The turn holds turnShare of the pick plus its part of the rest: 0.6 + 0.4 / 3 of the total.
      expect(heaviest.weight / 3).toBeCloseTo(settings.turnShare + (1 - settings.turnShare) / 3, 6);
    }
    expect(weights.reduce((sum, w) => sum + w.weight, 0) / weights.length).toBeCloseTo(1, 6);
  });

  it.each([
    { turnShare: 0, expected: [1, 1, 1] },
    { turnShare: 0.6, expected: [0.4, 0.4, 2.2] },
    { turnShare: 1, expected: [0, 0, 3] },
  ])('gives the turn $turnShare of the pick', ({ turnShare, expected }) => {
    const history = [play({ ana: 1, ben: 1, cy: 0 }, 1)];

    const { weights } = deriveFairness(history, ROOM, resolveSettings({ turnShare }));

    weights.forEach((w, i) => expect(w.weight).toBeCloseTo(expected[i], 6));
  });

  it('gives listeners without any signal neither the turn nor a weight', () => {
    const history = [play({ ana: 1, ben: 0.5, cy: 0 }, 1)];

    const { turn, weights } = deriveFairness(history, ROOM, settings, [1, 1, 0]);

    expect(ROOM[turn]).toBe('ben');
    expect(weights.map((w) => w.weight)).toEqual([expect.closeTo(0.4, 6), expect.closeTo(1.6, 6), 0]);
  });

  it('starts a listener who just joined at the room mean', () => {
    const { weights, turn } = deriveFairness([play({ ana: 1, ben: 0 }, 1)], ['ana', 'ben', 'eve'], settings);

    expect(weights.find((w) => w.userId === 'eve')?.satisfaction).toBeCloseTo(0.5, 6);
    expect(turn).toBe(1);
  });

  it.each([
    { name: 'an empty history', history: [], expected: [0, 0, 0] },
    {
      name: 'a run of songs below the threshold, newest first',
      history: [
        play({ ana: 1, ben: 0.1, cy: 0.05 }, 4),
        play({ ana: 0.1, ben: 0.1, cy: 0.9 }, 3),
        play({ ana: 0.1, ben: 0.1, cy: 0 }, 2),
      ],
      expected: [0, 3, 1],
    },
    {
      name: 'a request in between (no fits) neither breaks nor extends a run',
      history: [play({ ana: 1, ben: 0, cy: 1 }, 3), { ...play({ ana: 1, ben: 1, cy: 1 }, 2), fits: undefined }],
      expected: [0, 1, 0],
    },
  ])('counts misery streaks: $name', ({ history, expected }) => {
    expect(deriveFairness(history, ROOM, settings).miseryStreaks).toEqual(expected);
  });
});
