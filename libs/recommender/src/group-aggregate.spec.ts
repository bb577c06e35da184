import {
  aggregate,
  type AggregationStrategy,
  fairAggregate,
  proportionalAggregate,
  rankUtility,
} from './group-aggregate';

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
    { weights: [1, 1, 1], utilities: [0.9, 0.3, 0.3], expected: 0.5 },
    // The listener whose turn it is (weight 2.2 of 3) decides most of the pick.
    { weights: [0.4, 0.4, 2.2], utilities: [0.9, 0.3, 0.3], expected: (0.36 + 0.12 + 0.66) / 3 },
    // A listener without any signal (weight 0) neither helps nor hurts.
    { weights: [1, 1, 0], utilities: [0.8, 0.6, 0], expected: 0.7 },
    { weights: [0, 0, 0], utilities: [0.8, 0.6, 0], expected: 0 },
  ])('fair: weights $weights, utilities $utilities -> $expected', ({ weights, utilities, expected }) => {
    expect(fairAggregate(utilities, { weights })).toBeCloseTo(expected, 6);
  });
});

describe(rankUtility.name, () => {
  it.each([
    { rank: 1, expected: 1 },
    { rank: 2, expected: 2 ** -0.6 },
    { rank: 10, expected: 10 ** -0.6 },
    { rank: 0, expected: 1 },
  ])('is $expected at rank $rank', ({ rank, expected }) => {
    expect(rankUtility(rank)).toBeCloseTo(expected, 9);
  });

  it("values both listeners' second choice above one listener's first choice that is nothing to the other", () => {
    const shared = fairAggregate([rankUtility(2), rankUtility(2)], { weights: [1, 1] });
    const single = fairAggregate([rankUtility(1), rankUtility(2000)], { weights: [1, 1] });
    expect(shared).toBeGreaterThan(single);
  });
});

describe(proportionalAggregate.name, () => {
  it.each([
    // Nobody served yet: the plain weighted mean.
    { weights: [1, 1], given: [0, 0], utilities: [1, 0], expected: 0.5 },
    // The first listener already got one full song: their next one counts half.
    { weights: [1, 1], given: [1, 0], utilities: [1, 0], expected: 0.25 },
    { weights: [1, 1], given: [1, 0], utilities: [0, 1], expected: 0.5 },
    // A song for both beats a song for the one not yet served only when it is worth more to both.
    { weights: [1, 1], given: [1, 0], utilities: [0.6, 0.6], expected: (0.3 + 0.6) / 2 },
    // Turn weights still apply; weight 0 ignores a listener.
    { weights: [2, 1, 0], given: [0, 1, 0], utilities: [0.5, 1, 1], expected: (1 + 0.5) / 3 },
    { weights: [0, 0], given: [0, 0], utilities: [1, 1], expected: 0 },
  ])('weights $weights, given $given, utilities $utilities -> $expected', ({ weights, given, utilities, expected }) => {
    expect(proportionalAggregate(utilities, { weights, given })).toBeCloseTo(expected, 9);
  });
});
