import type { PickReason } from '@accord/core';
import { describePickReason as inEnglish } from '@accord/recommender';
import { describePickReason } from './pick-reason.presenter';

const reasons: Array<[string, PickReason]> = [
  ['popular', { kind: 'popular' }],
  ['close to a request', { kind: 'request', ref: 'Daft Punk', requester: 'Ana' }],
  ['close to a request of someone gone', { kind: 'request', ref: 'Daft Punk', requester: null }],
  ['a new one from an artist', { kind: 'discovery-artist', artist: 'Air', fans: ['Ana'] }],
  ['a new one for two', { kind: 'discovery-artist', artist: 'Air', fans: ['Ana', 'Ben'] }],
  ['a new one for three', { kind: 'discovery-artist', artist: 'Air', fans: ['Ana', 'Ben', 'Cy'] }],
  ['close to two artists', { kind: 'discovery-close', refs: ['Air', 'Justice'], fans: ['Ana', 'Ben'] }],
  ['tags', { kind: 'discovery-tags', tags: ['french house', 'disco'] }],
  ['a popular discovery', { kind: 'discovery-popular' }],
  ['something new', { kind: 'discovery-new' }],
  ['a liked song, her turn', { kind: 'for', clauses: [{ reason: 'liked', ref: '', names: ['Ana'], turn: true }] }],
  [
    'an artist both play, and a tag for another',
    {
      kind: 'for',
      clauses: [
        { reason: 'artist', ref: 'Daft Punk', names: ['Ana', 'Ben'], turn: false },
        { reason: 'tags', ref: 'disco', names: ['Cy'], turn: false },
      ],
    },
  ],
  [
    'similar for a crowd, then similar for one',
    {
      kind: 'for',
      clauses: [
        { reason: 'similar', ref: 'Air', names: ['A', 'B', 'C', 'D'], turn: false },
        { reason: 'similar', ref: 'Justice', names: ['E'], turn: false },
      ],
    },
  ],
  [
    'a song all four play',
    { kind: 'for', clauses: [{ reason: 'track', ref: '', names: ['A', 'B', 'C', 'D'], turn: false }] },
  ],
  ['the guild', { kind: 'for', clauses: [{ reason: 'guild', ref: '', names: ['Ana', 'Ben', 'Cy'], turn: false }] }],
];

describe(describePickReason.name, () => {
  it.each(reasons)('says %s in English as the recommender does', (_, reason) => {
    expect(describePickReason('en', reason)).toBe(inEnglish(reason));
  });

  it.each<[PickReason, string]>([
    [
      { kind: 'for', clauses: [{ reason: 'artist', ref: 'Daft Punk', names: ['Ana', 'Ben'], turn: false }] },
      'Für Ana und Ben: beide hören Daft Punk',
    ],
    [
      { kind: 'for', clauses: [{ reason: 'liked', ref: '', names: ['Ana'], turn: true }] },
      'Für Ana (Ana ist dran): hat diesen Song gemocht',
    ],
    [
      { kind: 'discovery-close', refs: ['Air', 'Justice'], fans: ['Ana'] },
      'Entdeckung: ähnlich wie Air und Justice, was Ana hört',
    ],
    [
      {
        kind: 'for',
        clauses: [
          { reason: 'artist', ref: 'Air', names: ['Ana'], turn: false },
          { reason: 'similar', ref: 'Justice', names: ['Ben', 'Cy'], turn: false },
        ],
      },
      'Für Ana: hört Air; ähnlich wie Justice, was Ben und Cy hören',
    ],
  ])('says %p in German', (reason, text) => {
    expect(describePickReason('de', reason)).toBe(text);
  });
});
