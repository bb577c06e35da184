import { FILTER_PRESETS } from './playback.types';
import { filtersFor, isTranscoding, toLavalinkVolume } from './audio-settings';

describe(toLavalinkVolume.name, () => {
  it.each([
    [100, 100],
    [0, 0],
    [50, 25],
    [150, 225],
    [10, 1],
    [-5, 0],
    [400, 225],
  ])('maps %p to %p', (user, lavalink) => {
    expect(toLavalinkVolume(user)).toBe(lavalink);
  });

  it('never decreases as the user turns it up', () => {
    const mapped = Array.from({ length: 151 }, (_, v) => toLavalinkVolume(v));
    expect(mapped.every((value, i) => i === 0 || value >= mapped[i - 1])).toBe(true);
  });
});

describe(filtersFor.name, () => {
  it('clears every filter for off', () => {
    expect(filtersFor(null)).toEqual({});
  });

  it.each(FILTER_PRESETS)('gives %s a non-empty chain', (preset) => {
    expect(Object.keys(filtersFor(preset)).length).toBeGreaterThan(0);
  });

  it('speeds up and raises the pitch for nightcore', () => {
    expect(filtersFor('nightcore').timescale).toMatchObject({ speed: expect.any(Number) as number });
    expect(filtersFor('nightcore').timescale!.speed).toBeGreaterThan(1);
    expect(filtersFor('nightcore').timescale!.pitch).toBeGreaterThan(1);
  });
});

describe(isTranscoding.name, () => {
  it.each([
    [100, null, false],
    [99, null, true],
    [100, 'bassboost' as const, true],
    [150, null, true],
  ])('volume %p with filter %p -> %p', (volume, filter, expected) => {
    expect(isTranscoding(volume, filter)).toBe(expected);
  });
});
