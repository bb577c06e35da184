import { rederivedKey } from './track-keys.service';

describe(rederivedKey.name, () => {
  it.each([
    [{ key: 'keha|dieyoung|none', artist: 'Ke$ha', title: 'Die Young', variant: 'none' }, 'kesha|dieyoung|none'],
    [{ key: 'pnk|sowhat|live', artist: 'P!nk', title: 'So What', variant: 'live' }, 'pink|sowhat|live'],
    [
      { key: 'daftpunk|onemoretime|none', artist: 'Daft Punk', title: 'One More Time', variant: 'none' },
      'daftpunk|onemoretime|none',
    ],
  ])('derives %j anew as %j', (track, key) => {
    expect(rederivedKey(track)).toBe(key);
  });

  it('leaves a key tied to its video alone: the song has no full name to derive it from', () => {
    expect(
      rederivedKey({ key: '|untitled|none|abcdefghijk', artist: '', title: 'Untitled', variant: 'none' }),
    ).toBeNull();
    expect(
      rederivedKey({ key: 'keha||none|abcdefghijk', artist: 'Ke$ha', title: 'Die Young', variant: 'none' }),
    ).toBeNull();
  });
});
