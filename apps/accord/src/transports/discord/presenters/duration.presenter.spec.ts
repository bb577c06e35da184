import { formatDuration, renderProgressBar } from './duration.presenter';

describe(formatDuration.name, () => {
  it.each([
    [0, '0:00'],
    [999, '0:00'],
    [5_000, '0:05'],
    [83_000, '1:23'],
    [225_000, '3:45'],
    [3_600_000, '1:00:00'],
    [3_723_000, '1:02:03'],
    [-5_000, '0:00'],
    [Number.NaN, '0:00'],
    [Number.POSITIVE_INFINITY, '0:00'],
  ])('formats %p ms as %p', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});

describe(renderProgressBar.name, () => {
  it.each([
    { position: 0, duration: 225_000, expected: '🔘▬▬▬▬▬▬▬▬▬▬▬ 0:00 / 3:45' },
    { position: 83_000, duration: 225_000, expected: '▬▬▬▬🔘▬▬▬▬▬▬▬ 1:23 / 3:45' },
    { position: 112_500, duration: 225_000, expected: '▬▬▬▬▬▬🔘▬▬▬▬▬ 1:52 / 3:45' },
    { position: 225_000, duration: 225_000, expected: '▬▬▬▬▬▬▬▬▬▬▬🔘 3:45 / 3:45' },
    { position: 400_000, duration: 225_000, expected: '▬▬▬▬▬▬▬▬▬▬▬🔘 3:45 / 3:45' },
    { position: -10, duration: 225_000, expected: '🔘▬▬▬▬▬▬▬▬▬▬▬ 0:00 / 3:45' },
  ])('draws $position of $duration as $expected', ({ position, duration, expected }) => {
    expect(renderProgressBar('en', { positionMs: position, durationMs: duration })).toBe(expected);
  });

  it('shows a stream as live with the time since it started', () => {
    expect(renderProgressBar('en', { positionMs: 724_000, durationMs: 0, isStream: true })).toBe('🔴 LIVE 12:04');
    expect(renderProgressBar('de', { positionMs: 724_000, durationMs: 0, isStream: true })).toBe('🔴 LIVE 12:04');
  });

  it('always draws one knob on a bar of twelve', () => {
    for (let position = 0; position <= 300_000; position += 7_000) {
      const bar = renderProgressBar('en', { positionMs: position, durationMs: 300_000 }).split(' ')[0];
      expect([...bar].filter((c) => c === '🔘')).toHaveLength(1);
      expect([...bar].filter((c) => c === '▬')).toHaveLength(11);
    }
  });
});
