import { buildGuildModel, buildListenerModel, listenerFit } from './listener-score';
import { resolveSettings } from './settings';
import { type Candidate, type ListenerProfile } from './types';

const settings = resolveSettings();
const ana: ListenerProfile = {
  userId: 'ana',
  displayName: 'Ana',
  topArtists: [
    { id: 'daft-punk', name: 'Daft Punk', weight: 10 },
    { id: 'justice', name: 'Justice', weight: 5 },
  ],
  topTags: [{ id: 'electro', name: 'electro', weight: 3 }],
  tracks: [{ id: 'daft-punk::one-more-time', name: 'One More Time', weight: 4 }],
  likedTrackKeys: ['air::la-femme-d-argent'],
  dislikedTrackKeys: [],
  playCount: 100,
};

function candidate(overrides: Partial<Candidate>): Candidate {
  return {
    trackKey: 'x::y',
    artistKey: 'x',
    artistName: 'X',
    tags: [],
    guildPopularity: 0,
    evidence: [],
    ...overrides,
  };
}

describe(listenerFit.name, () => {
  const guild = buildGuildModel({ topArtists: [{ id: 'muse', name: 'Muse', weight: 1 }], topTags: [] });
  const model = buildListenerModel(ana, settings);

  it.each([
    { name: 'a liked track', c: candidate({ trackKey: 'air::la-femme-d-argent', artistKey: 'air' }), min: 1, max: 1 },
    {
      name: 'a played track of the top artist',
      c: candidate({ trackKey: 'daft-punk::one-more-time', artistKey: 'daft-punk' }),
      min: 0.95,
      max: 1,
    },
    { name: 'another track of the top artist', c: candidate({ artistKey: 'daft-punk' }), min: 0.9, max: 0.9 },
    { name: 'a track of the second artist', c: candidate({ artistKey: 'justice' }), min: 0.45, max: 0.45 },
    { name: 'a tag match only', c: candidate({ tags: ['electro', 'french'] }), min: 0.05, max: 0.05 },
    {
      name: 'strong similarity to the top artist',
      c: candidate({
        evidence: [
          { source: 'lastfm', similarTo: { kind: 'artist', id: 'daft-punk', name: 'Daft Punk' }, strength: 0.8 },
        ],
      }),
      min: 0.68,
      max: 0.68,
    },
    {
      name: 'a source naming Ana as a fan of an artist she has not in her profile',
      c: candidate({
        evidence: [
          {
            source: 'co-listening',
            similarTo: { kind: 'artist', id: 'm83', name: 'M83' },
            strength: 1,
            userIds: ['ana'],
          },
        ],
      }),
      min: 0.425,
      max: 0.425,
    },
    { name: 'nothing in common', c: candidate({ artistKey: 'muse', tags: ['rock'] }), min: 0, max: 0 },
  ])('$name fits in [$min, $max]', ({ c, min, max }) => {
    const fit = listenerFit(model, c, guild);
    expect(fit).toBeGreaterThanOrEqual(min - 1e-9);
    expect(fit).toBeLessThanOrEqual(max + 1e-9);
  });

  it.each([
    { playCount: 0, imported: false, expected: 0.5 * 0.9 },
    { playCount: 0, imported: true, expected: 0.25 * 0.9 },
    { playCount: 1000, imported: false, expected: 0 },
  ])(
    'lets the guild taste stand in for a thin history (plays $playCount, import $imported)',
    ({ playCount, imported, expected }) => {
      const profile: ListenerProfile = {
        ...ana,
        playCount,
        imported: imported
          ? { artists: [{ id: 'kavinsky', name: 'Kavinsky', weight: 1 }], tags: [], tracks: [] }
          : undefined,
      };
      expect(listenerFit(buildListenerModel(profile, settings), candidate({ artistKey: 'muse' }), guild)).toBeCloseTo(
        expected,
        6,
      );
    },
  );
});
