import {
  applyImport,
  applySignal,
  bumpEntry,
  decayedWeight,
  DEFAULT_TASTE_SETTINGS,
  emptyProfile,
  renameProfileIds,
  toListenerProfile,
  type TasteProfile,
  type TasteSignal,
} from './taste-profile';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);
const HALF_LIFE = 90 * DAY;
const settings = { ...DEFAULT_TASTE_SETTINGS, halfLifeMs: HALF_LIFE };

function signal(kind: TasteSignal['kind'], overrides: Partial<TasteSignal> = {}): TasteSignal {
  return {
    kind,
    trackKey: 'daftpunk|onemoretime|none',
    artistKey: 'daftpunk',
    artistName: 'Daft Punk',
    title: 'One More Time',
    ...overrides,
  };
}

function applyAll(
  steps: Array<{ at: number; signal: TasteSignal }>,
  start: TasteProfile = emptyProfile('u1', T0),
): TasteProfile {
  return steps.reduce((profile, step) => applySignal(profile, step.signal, step.at, settings), start);
}

const weightAt = (list: TasteProfile['artists'], id: string, now: number): number => {
  const entry = list.find((candidate) => candidate.id === id);
  return entry ? Math.round(decayedWeight(entry, now, HALF_LIFE) * 1000) / 1000 : 0;
};

describe('taste profile', () => {
  describe(decayedWeight.name, () => {
    it.each([
      { age: 0, expected: 4 },
      { age: 90 * DAY, expected: 2 },
      { age: 180 * DAY, expected: 1 },
      { age: 45 * DAY, expected: 4 / Math.SQRT2 },
      { age: -DAY, expected: 4 }, // a clock that went back never makes weights grow
    ])('weighs 4 as $expected after $age ms', ({ age, expected }) => {
      expect(decayedWeight({ weight: 4, at: T0 }, T0 + age, HALF_LIFE)).toBeCloseTo(expected, 6);
    });
  });

  describe(applySignal.name, () => {
    it.each([
      { kind: 'heard' as const, track: 1, artist: 1 },
      { kind: 'complete' as const, track: 0.5, artist: 0.5 },
      { kind: 'request' as const, track: 2, artist: 2 },
      { kind: 'like' as const, track: 3, artist: 3 },
      { kind: 'skip' as const, track: 0, artist: 0 },
      { kind: 'dislike' as const, track: 0, artist: 0 },
    ])('a $kind on an empty profile gives the track $track and the artist $artist', ({ kind, track, artist }) => {
      const profile = applyAll([{ at: T0, signal: signal(kind) }]);
      expect(weightAt(profile.tracks, 'daftpunk|onemoretime|none', T0)).toBe(track);
      expect(weightAt(profile.artists, 'daftpunk', T0)).toBe(artist);
    });

    it.each([
      {
        name: 'a play heard half-way counts half',
        steps: [{ at: T0, signal: signal('heard', { share: 0.5 }) }],
        now: T0,
        artist: 0.5,
      },
      {
        name: 'weights decay between updates',
        steps: [
          { at: T0, signal: signal('like') },
          { at: T0 + 90 * DAY, signal: signal('heard') },
        ],
        now: T0 + 90 * DAY,
        artist: 1.5 + 1,
      },
      {
        name: 'a skip is a weak negative on what was there',
        steps: [
          { at: T0, signal: signal('request') },
          { at: T0, signal: signal('skip') },
        ],
        now: T0,
        artist: 1.5,
      },
      {
        name: 'liking twice is not twice as strong',
        steps: [
          { at: T0, signal: signal('like') },
          { at: T0 + DAY, signal: signal('like') },
        ],
        now: T0,
        artist: 3,
      },
      {
        name: 'a dislike takes weight away and never below zero',
        steps: [
          { at: T0, signal: signal('heard') },
          { at: T0, signal: signal('dislike') },
        ],
        now: T0,
        artist: 0,
      },
    ])('$name', ({ steps, now, artist }) => {
      expect(weightAt(applyAll(steps).artists, 'daftpunk', now)).toBe(artist);
    });

    it('keeps likes and dislikes apart, newest first, and counts liked discoveries once', () => {
      const other = {
        trackKey: 'justice|dance|none',
        artistKey: 'justice',
        artistName: 'Justice',
        title: 'D.A.N.C.E.',
      };
      const profile = applyAll([
        { at: T0, signal: signal('dislike') },
        { at: T0 + 1, signal: signal('like', { ...other, discovery: true }) },
        { at: T0 + 2, signal: signal('like', { discovery: true }) },
        { at: T0 + 3, signal: signal('like', { discovery: true }) },
      ]);
      expect(profile.liked.map((mark) => mark.id)).toEqual(['daftpunk|onemoretime|none', 'justice|dance|none']);
      expect(profile.liked[1].name).toBe('Justice - D.A.N.C.E.');
      expect(profile.disliked).toEqual([]);
      expect(profile.discoveriesLiked).toBe(2);
    });

    it('counts plays heard and shares tag weight among the track tags', () => {
      const profile = applyAll([{ at: T0, signal: signal('heard', { tags: ['french house', 'electronic'] }) }]);
      expect(profile.playCount).toBe(1);
      expect(profile.tags.map((tag) => [tag.id, tag.weight])).toEqual([
        ['electronic', 0.5],
        ['french house', 0.5],
      ]);
    });
  });

  describe(bumpEntry.name, () => {
    it('keeps the strongest entries up to the bound and drops what has faded', () => {
      const list = [
        { id: 'old', name: 'Old', weight: 0.02, at: T0 - 360 * DAY },
        { id: 'a', name: 'A', weight: 3, at: T0 },
        { id: 'b', name: 'B', weight: 2, at: T0 },
      ];
      const next = bumpEntry(list, { id: 'c', name: 'C', delta: 2.5 }, T0, { halfLifeMs: HALF_LIFE, max: 2 });
      expect(next.map((entry) => entry.id)).toEqual(['a', 'c']);
    });
  });

  it('merges imports as a snapshot (the stronger reading wins) and reads them back decayed', () => {
    const summary = { kind: 'lastfm' as const, label: 'top artists', tracks: 0, artists: 2, at: T0 };
    const once = applyImport(
      emptyProfile('u1', T0),
      { summary, artists: [{ id: 'air', name: 'Air', weight: 2 }], tags: [], tracks: [] },
      T0,
      settings,
    );
    const twice = applyImport(
      once,
      { summary: { ...summary, at: T0 + DAY }, artists: [{ id: 'air', name: 'Air', weight: 1 }], tags: [], tracks: [] },
      T0 + DAY,
      settings,
    );
    expect(twice.imported.sources).toHaveLength(1);
    const listener = toListenerProfile(twice, T0 + 91 * DAY, HALF_LIFE);
    expect(listener.imported?.artists[0].weight).toBeCloseTo(2 * 2 ** (-91 / 90), 3);
    expect(listener.topArtists).toEqual([]);
  });

  it('gives the recommender decayed weights, liked and disliked keys and the play count', () => {
    const profile = applyAll([
      { at: T0, signal: signal('heard') },
      { at: T0, signal: signal('like') },
    ]);
    expect(toListenerProfile({ ...profile, displayName: 'Ana' }, T0 + 90 * DAY, HALF_LIFE)).toEqual({
      userId: 'u1',
      displayName: 'Ana',
      topArtists: [{ id: 'daftpunk', name: 'Daft Punk', weight: 2 }],
      topTags: [],
      tracks: [{ id: 'daftpunk|onemoretime|none', name: 'Daft Punk - One More Time', weight: 2 }],
      likedTrackKeys: ['daftpunk|onemoretime|none'],
      dislikedTrackKeys: [],
      playCount: 1,
    });
  });

  describe(renameProfileIds.name, () => {
    const keha = signal('heard', {
      trackKey: 'keha|dieyoung|none',
      artistKey: 'keha',
      artistName: 'Ke$ha',
      title: 'Die Young',
    });
    const renames = {
      tracks: new Map([['keha|dieyoung|none', 'kesha|dieyoung|none']]),
      artists: new Map([['keha', 'kesha']]),
    };

    it('moves songs, artists, likes and dislikes to their new ids', () => {
      const profile = applyAll([
        { at: T0, signal: { ...keha, kind: 'request' } },
        { at: T0, signal: { ...keha, kind: 'request' } },
        { at: T0, signal: { ...keha, kind: 'like' } },
        { at: T0, signal: { ...keha, kind: 'dislike' } },
        { at: T0, signal: signal('like') },
      ]);

      const renamed = renameProfileIds(profile, renames, HALF_LIFE)!;

      expect(renamed.disliked.map((mark) => mark.id)).toEqual(['kesha|dieyoung|none']);
      expect(renamed.liked.map((mark) => mark.id)).toEqual(['daftpunk|onemoretime|none']);
      expect(renamed.tracks.map((entry) => entry.id).sort()).toEqual([
        'daftpunk|onemoretime|none',
        'kesha|dieyoung|none',
      ]);
      expect(renamed.artists.map((entry) => entry.id).sort()).toEqual(['daftpunk', 'kesha']);
      expect(toListenerProfile(renamed, T0, HALF_LIFE).dislikedTrackKeys).toEqual(['kesha|dieyoung|none']);
    });

    it('adds an entry to the one already under the new id, each decayed to the later time', () => {
      const profile = applyAll([
        { at: T0, signal: keha },
        { at: T0 + 90 * DAY, signal: { ...keha, trackKey: 'kesha|dieyoung|none', artistKey: 'kesha' } },
        { at: T0 + 90 * DAY, signal: { ...keha, kind: 'like' } },
        { at: T0 + 90 * DAY, signal: { ...keha, kind: 'like', trackKey: 'kesha|dieyoung|none', artistKey: 'kesha' } },
      ]);
      const before =
        weightAt(profile.tracks, 'kesha|dieyoung|none', T0 + 90 * DAY) +
        weightAt(profile.tracks, 'keha|dieyoung|none', T0 + 90 * DAY);

      const renamed = renameProfileIds(profile, renames, HALF_LIFE)!;

      expect(renamed.tracks.filter((entry) => entry.id === 'kesha|dieyoung|none')).toHaveLength(1);
      expect(weightAt(renamed.tracks, 'kesha|dieyoung|none', T0 + 90 * DAY)).toBeCloseTo(before, 2);
      expect(renamed.liked.map((mark) => mark.id)).toEqual(['kesha|dieyoung|none']);
    });

    it('answers null for a profile that holds none of the old ids', () => {
      expect(renameProfileIds(applyAll([{ at: T0, signal: signal('like') }]), renames, HALF_LIFE)).toBeNull();
    });
  });
});
