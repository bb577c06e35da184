import type { TrackSegment } from '@accord/core';
import { nextSkip, skippableSegments, type SegmentSkip } from './segment-plan';

const offtopic = (startMs: number, endMs: number): TrackSegment => ({ category: 'music_offtopic', startMs, endMs });

describe(skippableSegments.name, () => {
  it.each<[string, TrackSegment[], TrackSegment[]]>([
    [
      'keeps only the chosen categories',
      [offtopic(0, 5_000), { category: 'sponsor', startMs: 9_000, endMs: 20_000 }],
      [offtopic(0, 5_000)],
    ],
    ['drops segments shorter than a second', [offtopic(0, 999), offtopic(10_000, 11_000)], [offtopic(10_000, 11_000)]],
    [
      'merges overlapping and touching segments',
      [offtopic(10_000, 20_000), offtopic(0, 5_000), offtopic(5_000, 8_000), offtopic(15_000, 30_000)],
      [offtopic(0, 8_000), offtopic(10_000, 30_000)],
    ],
    [
      'cuts a segment at the end of the track and drops one past it',
      [offtopic(170_000, 190_000), offtopic(185_000, 200_000)],
      [offtopic(170_000, 180_000)],
    ],
  ])('%s', (_name, segments, expected) => {
    expect(skippableSegments(segments, ['music_offtopic'], 180_000)).toEqual(expected);
  });

  it('skips nothing when no category is chosen', () => {
    expect(skippableSegments([offtopic(0, 5_000)], [], 180_000)).toEqual([]);
  });
});

describe(nextSkip.name, () => {
  const segments = [offtopic(0, 5_000), offtopic(60_000, 70_000), offtopic(170_000, 180_000)];

  it.each<[number, SegmentSkip | null]>([
    [0, { inMs: 0, action: 'seek', segment: offtopic(0, 5_000) }],
    // Inside a segment: the rest of it goes at once.
    [2_000, { inMs: 0, action: 'seek', segment: offtopic(0, 5_000) }],
    // A timer a few ms late still skips its segment.
    [4_500, { inMs: 0, action: 'seek', segment: offtopic(0, 5_000) }],
    [60_005, { inMs: 0, action: 'seek', segment: offtopic(60_000, 70_000) }],
    // Less than a quarter of a second left of it: not worth a seek; the next one is planned.
    [4_800, { inMs: 55_200, action: 'seek', segment: offtopic(60_000, 70_000) }],
    [5_000, { inMs: 55_000, action: 'seek', segment: offtopic(60_000, 70_000) }],
    // A segment that runs to the end of the track ends it.
    [100_000, { inMs: 70_000, action: 'end', segment: offtopic(170_000, 180_000) }],
    [179_800, null],
  ])('from %p ms: %p', (positionMs, expected) => {
    expect(nextSkip(segments, positionMs, 180_000)).toEqual(expected);
  });

  it('never plans a seek backwards', () => {
    expect(nextSkip([offtopic(0, 5_000)], 8_000, 180_000)).toBeNull();
  });
});
