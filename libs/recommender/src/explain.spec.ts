import { buildCandidates, buildListener, type ListenerId } from '../fixtures/factories';
import { joinNames } from './explain';
import { pick } from './pick';
import { type Candidate } from './types';

const NOW = Date.UTC(2025, 0, 10);

describe('explanations', () => {
  const candidates = buildCandidates();
  const only = (keys: string[]): Candidate[] => candidates.filter((c) => keys.includes(c.trackKey));

  it.each([
    { room: ['ana', 'dee'], tracks: ['daft-punk::t0'], expected: 'For Ana and Dee: both play Daft Punk' },
    { room: ['ana', 'ben'], tracks: ['muse::t1'], expected: 'For Ben: plays Muse' },
    {
      room: ['ana', 'dee', 'ben'],
      tracks: ['sebastian::t0'],
      expected: 'Discovery: close to Justice and Kavinsky, which Ana and Dee play',
    },
    {
      room: ['ben'],
      tracks: ['wolfmother::t0'],
      expected: 'Discovery: close to Foo Fighters and Queens of the Stone Age, which Ben plays',
    },
    { room: ['ana'], tracks: ['justice::t5'], expected: 'Discovery: a new one from Justice, which Ana plays' },
    { room: ['ana', 'dee'], tracks: ['air::t0'], expected: 'Close to Daft Punk, which Ana and Dee play' },
  ] as Array<{ room: ListenerId[]; tracks: string[]; expected: string }>)(
    '$room hearing $tracks: "$expected"',
    ({ room, tracks, expected }) => {
      const result = pick({
        listeners: room.map((id) => buildListener(id)),
        candidates: only(tracks),
        history: [],
        now: NOW,
        seed: 1,
      });

      expect(result.ok && result.value.picks[0].explanation).toBe(expected);
    },
  );

  it('counts the fans instead of naming them when three or more like the evidence', () => {
    const listeners = [
      buildListener('ana'),
      buildListener('dee'),
      { ...buildListener('ana'), userId: 'eli', displayName: 'Eli' },
    ];

    const result = pick({ listeners, candidates: only(['sebastian::t2']), history: [], now: NOW, seed: 1 });

    expect(result.ok && result.value.picks[0].explanation).toBe(
      'Discovery: close to Justice and Kavinsky, which 3 of you like',
    );
  });

  it.each([
    { names: [], expected: '' },
    { names: ['Ana'], expected: 'Ana' },
    { names: ['Ana', 'Ben'], expected: 'Ana and Ben' },
    { names: ['Ana', 'Ben', 'Cy'], expected: 'Ana, Ben and Cy' },
  ])('joins $names as "$expected"', ({ names, expected }) => {
    expect(joinNames(names)).toBe(expected);
  });
});
