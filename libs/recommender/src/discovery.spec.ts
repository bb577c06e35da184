import { adaptiveDiscoveryShare, receptionOf, wantsDiscovery } from './discovery';
import { resolveSettings } from './settings';
import { type HistoryEntry, type PlayOutcome, type PlaySource } from './types';

function plays(n: number, source: PlaySource, outcome: PlayOutcome, extra: Partial<HistoryEntry> = {}): HistoryEntry[] {
  return Array.from({ length: n }, (_, i) => ({
    trackKey: `${source}-${i}`,
    artistKey: `a-${i}`,
    startedAt: 1000 - i,
    listeners: ['ana'],
    source,
    outcome,
    ...extra,
  }));
}

describe(adaptiveDiscoveryShare.name, () => {
  const settings = resolveSettings({ discoveryShare: 0.25, discoveryShareMin: 0.1, discoveryShareMax: 0.4 });

  it.each([
    { name: 'no discoveries yet', history: [], expected: (s: number) => s === 0.25 },
    {
      name: 'discoveries finished like everything else',
      history: [...plays(10, 'discovery', 'finished'), ...plays(10, 'autoplay', 'finished')],
      expected: (s: number) => s === 0.25,
    },
    {
      name: 'discoveries liked',
      history: [...plays(10, 'discovery', 'finished', { likes: 2 }), ...plays(10, 'autoplay', 'finished')],
      expected: (s: number) => s > 0.25 && s <= 0.4,
    },
    {
      name: 'discoveries skipped',
      history: [...plays(10, 'discovery', 'skipped'), ...plays(10, 'autoplay', 'finished')],
      expected: (s: number) => s < 0.25 && s >= 0.1,
    },
    {
      name: 'discoveries disliked (held at the lower bound)',
      history: [
        ...plays(30, 'discovery', 'skipped', { dislikes: 3 }),
        ...plays(10, 'autoplay', 'finished', { likes: 1 }),
      ],
      expected: (s: number) => s === 0.1,
    },
    {
      name: 'a single skip barely counts',
      history: [...plays(1, 'discovery', 'skipped'), ...plays(10, 'autoplay', 'finished')],
      expected: (s: number) => s < 0.25 && s > 0.2,
    },
  ])('$name', ({ history, expected }) => {
    expect(expected(adaptiveDiscoveryShare(history, settings))).toBe(true);
  });

  it('returns the setting when adaptation is off', () => {
    const off = { ...settings, adaptDiscoveryShare: false };
    expect(adaptiveDiscoveryShare(plays(10, 'discovery', 'skipped'), off)).toBe(0.25);
  });
});

describe(wantsDiscovery.name, () => {
  it.each([
    { share: 0.25, autoplayBefore: 0, discoveriesBefore: 0, expected: false },
    { share: 0.25, autoplayBefore: 2, discoveriesBefore: 0, expected: true },
    { share: 0.25, autoplayBefore: 3, discoveriesBefore: 1, expected: false },
    { share: 0.5, autoplayBefore: 1, discoveriesBefore: 0, expected: true },
    { share: 0, autoplayBefore: 10, discoveriesBefore: 0, expected: false },
  ])('share $share after $autoplayBefore picks with $discoveriesBefore discoveries -> $expected', (row) => {
    const history = [
      ...plays(row.discoveriesBefore, 'discovery', 'finished'),
      ...plays(row.autoplayBefore - row.discoveriesBefore, 'autoplay', 'finished'),
      ...plays(5, 'request', 'finished'),
    ];
    expect(wantsDiscovery(history, row.share)).toBe(row.expected);
  });
});

describe(receptionOf.name, () => {
  it.each([
    { entry: { outcome: 'finished' as const }, expected: 0.5 },
    { entry: { outcome: 'skipped' as const }, expected: -0.6 },
    { entry: { outcome: 'skipped' as const, likes: 1 }, expected: 1 },
    { entry: { outcome: 'finished' as const, dislikes: 1 }, expected: -1 },
    { entry: { outcome: 'playing' as const }, expected: undefined },
  ])('$entry -> $expected', ({ entry, expected }) => {
    expect(receptionOf({ ...plays(1, 'discovery', 'finished')[0], ...entry })).toBe(expected);
  });
});
