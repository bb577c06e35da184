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

describe(deriveFairness.name, () => {
  const settings = resolveSettings();

  it.each([
    { name: 'an empty history weighs everyone alike', history: [], heaviest: undefined, alpha: 0 },
    {
      name: 'the listener served least weighs most',
      history: [play({ ana: 1, ben: 0.5, cy: 0 }, 3), play({ ana: 0.9, ben: 0.6, cy: 0.1 }, 2)],
      heaviest: 'cy',
      alpha: 0.5,
    },
    {
      name: 'recent picks count more than old ones',
      history: [play({ ana: 0, ben: 1, cy: 0.5 }, 3), play({ ana: 1, ben: 0, cy: 0.5 }, 2)],
      heaviest: 'ana',
      alpha: undefined,
    },
    {
      name: 'requests without fits are ignored',
      history: [{ ...play({ ana: 0, ben: 1, cy: 1 }, 3), fits: undefined }],
      heaviest: undefined,
      alpha: 0,
    },
  ])('$name', ({ history, heaviest, alpha }) => {
    const { weights, alpha: actualAlpha } = deriveFairness(history, ['ana', 'ben', 'cy'], settings);

    const sorted = [...weights].sort((a, b) => b.weight - a.weight);
    if (heaviest === undefined) expect(new Set(weights.map((w) => w.weight.toFixed(6))).size).toBe(1);
    else expect(sorted[0].userId).toBe(heaviest);
    expect(weights.reduce((sum, w) => sum + w.weight, 0) / weights.length).toBeCloseTo(1, 6);
    if (alpha !== undefined) expect(actualAlpha).toBeCloseTo(alpha, 6);
  });

  it('starts a listener who just joined at the room mean', () => {
    const { weights } = deriveFairness([play({ ana: 1, ben: 0 }, 1)], ['ana', 'ben', 'eve'], settings);
    expect(weights.find((w) => w.userId === 'eve')?.satisfaction).toBeCloseTo(0.5, 6);
  });
});
