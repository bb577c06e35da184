import { choleskyInPlace, choleskySolveInPlace, inverseSpd } from './linear-algebra';

describe(inverseSpd.name, () => {
  it.each([
    { name: '1 x 1', n: 1, a: [4], expected: [0.25] },
    { name: 'diagonal', n: 2, a: [2, 0, 0, 5], expected: [0.5, 0, 0, 0.2] },
    { name: 'full 2 x 2', n: 2, a: [4, 2, 2, 3], expected: [3 / 8, -2 / 8, -2 / 8, 4 / 8] },
    {
      name: 'full 3 x 3',
      n: 3,
      a: [2, -1, 0, -1, 2, -1, 0, -1, 2],
      expected: [0.75, 0.5, 0.25, 0.5, 1, 0.5, 0.25, 0.5, 0.75],
    },
  ])('inverts a $name matrix', ({ n, a, expected }) => {
    const inverse = inverseSpd(Float64Array.from(a), n);
    expect(inverse).toBeDefined();
    expected.forEach((value, i) => expect(inverse?.[i]).toBeCloseTo(value, 12));
  });

  it.each([
    { name: 'singular', n: 2, a: [1, 1, 1, 1] },
    { name: 'indefinite', n: 2, a: [1, 2, 2, 1] },
    { name: 'negative', n: 1, a: [-1] },
  ])('returns undefined for a $name matrix', ({ n, a }) => {
    expect(inverseSpd(Float64Array.from(a), n)).toBeUndefined();
  });
});

describe(choleskySolveInPlace.name, () => {
  it.each([
    { a: [4, 2, 2, 3], b: [2, 1], expected: [0.5, 0] },
    { a: [2, -1, 0, -1, 2, -1, 0, -1, 2], b: [1, 0, 1], expected: [1, 1, 1] },
  ])('solves a x = $b', ({ a, b, expected }) => {
    const n = b.length;
    const l = Float64Array.from(a);
    expect(choleskyInPlace(l, n)).toBe(true);
    const x = Float64Array.from(b);
    choleskySolveInPlace(l, n, x);
    expected.forEach((value, i) => expect(x[i]).toBeCloseTo(value, 12));
  });
});
