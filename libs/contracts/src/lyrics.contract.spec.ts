import { lineAt } from './lyrics.contract';

describe(lineAt.name, () => {
  const lines = [
    { timeMs: 1_000, text: 'a' },
    { timeMs: 3_000, text: 'b' },
    { timeMs: 5_000, text: 'c' },
  ];

  it.each([
    [0, -1],
    [999, -1],
    [1_000, 0],
    [2_999, 0],
    [3_000, 1],
    [60_000, 2],
  ])('at %i ms is line %i', (positionMs, expected) => {
    expect(lineAt(lines, positionMs)).toBe(expected);
  });
});
