import { aggregate, type AggregationStrategy, fairAggregate } from './group-aggregate';

describe(aggregate.name, () => {
  // Three listeners; the second candidate pleases two a lot and makes the third miserable.
  it.each([
    { strategy: 'average', fits: [0.6, 0.6, 0.6], expected: 0.6 },
    { strategy: 'average', fits: [1, 1, 0], expected: 2 / 3 },
    { strategy: 'least-misery', fits: [1, 1, 0.1], expected: 0.1 },
    { strategy: 'multiplicative', fits: [0.5, 0.5, 1], expected: 0.25 },
    { strategy: 'average-without-misery', fits: [0.6, 0.6, 0.6], expected: 0.6 },
    { strategy: 'average-without-misery', fits: [1, 1, 0], expected: (2 / 3) * 0.25 },
    { strategy: 'fair', fits: [0.6, 0.6, 0.6], expected: 0.6 },
    { strategy: 'fair', fits: [], expected: 0 },
  ] as Array<{ strategy: AggregationStrategy; fits: number[]; expected: number }>)(
    '$strategy of $fits is $expected',
    ({ strategy, fits, expected }) => {
      expect(aggregate(strategy, fits)).toBeCloseTo(expected, 6);
    },
  );

  it.each([
    { weights: [1, 1, 1], alpha: 0, fits: [0.9, 0.3, 0.3], expected: 0.5 },
    { weights: [1, 1, 4], alpha: 0, fits: [0.9, 0.3, 0.3], expected: (0.9 + 0.3 + 1.2) / 6 },
    { weights: [1, 1, 1], alpha: 0.5, fits: [0.9, 0.3, 0.3], expected: 0.5 * 0.5 + 0.5 * 0.3 },
    // A listener without any signal (weight 0) neither helps nor makes the pick miserable.
    { weights: [1, 1, 0], alpha: 0.5, fits: [0.8, 0.6, 0], expected: 0.5 * 0.7 + 0.5 * 0.6 },
  ])('fair: weights $weights, alpha $alpha, fits $fits -> $expected', ({ weights, alpha, fits, expected }) => {
    expect(fairAggregate(fits, { weights, alpha, miseryThreshold: 0.15 })).toBeCloseTo(expected, 6);
  });

  it('prefers a compromise over a pick that makes one listener miserable', () => {
    const params = { weights: [1, 1, 1], alpha: 0, miseryThreshold: 0.15 };
    expect(fairAggregate([0.5, 0.5, 0.4], params)).toBeGreaterThan(fairAggregate([1, 1, 0.05], params));
  });
});
