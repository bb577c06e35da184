import { loadParseCases, loadSongGroups, parseCase } from '../fixtures/load-fixtures';
import { parseTitle } from './parse-title';
import { artistKey, formatTrackKey, parseTrackKey, titleKey, trackKey, TRACK_KEY_VERSION } from './track-key';

const keyOf = (upload: { title: string; author?: string }): string => trackKey(parseTitle(upload));

describe(trackKey.name, () => {
  const { same, allDifferent } = loadSongGroups();

  it.each(same.map((group) => [group.song, group]))('gives every upload of %s one key', (_song, group) => {
    const keys = new Set(group.uploads.map(keyOf));

    expect([...keys]).toHaveLength(1);
  });

  it('gives different songs different keys', () => {
    const keys = same.map((group) => keyOf(group.uploads[0]));

    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(allDifferent.map((group) => [group.song, group]))('gives each version of %s its own key', (_song, group) => {
    const keys = group.uploads.map(keyOf);

    expect(new Set(keys).size).toBe(keys.length);
  });

  it('never lets two different variants share a key across the parse fixtures', () => {
    const variantsByKey = new Map<string, Set<string>>();
    for (const { cases } of loadParseCases()) {
      for (const c of cases) {
        const parsed = parseCase(c);
        const key = trackKey(parsed);
        const variants = variantsByKey.get(key) ?? new Set<string>();
        variants.add(parsed.variant).add(c.expect.variant ?? 'none');
        variantsByKey.set(key, variants);
      }
    }
    const shared = [...variantsByKey].filter(([, variants]) => variants.size > 1);

    expect(shared).toEqual([]);
  });

  it('reads the format artist|title|variant', () => {
    expect(trackKey({ artist: 'The Beatles', title: 'Hey Jude', variant: 'none' })).toBe('beatles|heyjude|none');
    expect(trackKey({ artist: 'Queen', title: 'Bohemian Rhapsody' })).toBe('queen|bohemianrhapsody|none');
    expect(trackKey({ artist: 'Avicii', title: 'Levels', variant: 'remix:skrillex' })).toBe(
      'avicii|levels|remix:skrillex',
    );
  });

  it('puts the performer of a cover in the artist slot', () => {
    expect(trackKey({ artist: 'Ed Sheeran', title: 'Shape of You', variant: 'cover:jasminethompson' })).toBe(
      'jasminethompson|shapeofyou|cover:jasminethompson',
    );
  });
});

describe(artistKey.name, () => {
  it.each([
    ['The Beatles', 'beatles'],
    ['Beatles, The', 'beatles'],
    ['Queen & David Bowie', 'queen'],
    ['Queen, David Bowie', 'queen'],
    ['Queen x David Bowie', 'queen'],
    ['Queen and David Bowie', 'queen'],
    ['Queen feat. David Bowie', 'queen'],
    ['Mötley Crüe', 'motleycrue'],
    ['Sigur Rós', 'sigurros'],
    ['AC/DC', 'acdc'],
    ['Brand X', 'brandx'],
    ['X Ambassadors', 'xambassadors'],
    ['TWICE(트와이스)', 'twice'],
    ['(G)I-DLE', 'gidle'],
    ['!!!', '!!!'],
    ['ＹＯＡＳＯＢＩ', 'yoasobi'],
    ['Ke$ha', 'kesha'],
    ['A$AP Rocky', 'asaprocky'],
    ['Ty Dolla $ign', 'tydollasign'],
    ['P!nk', 'pink'],
    ['Panic! At The Disco', 'panicatthedisco'],
    ['Wham!', 'wham'],
  ])('folds %j to %j', (artist, key) => {
    expect(artistKey(artist)).toBe(key);
  });
});

describe('TRACK_KEY_VERSION', () => {
  // Keys these rules gave at this version. When one changes, stored keys no longer match what a
  // lookup computes: bump TRACK_KEY_VERSION (the app re-derives stored keys at its next start)
  // and write the new keys here.
  const KEYS_AT_VERSION: Record<number, Array<[{ artist: string; title: string; variant?: string }, string]>> = {
    2: [
      [{ artist: 'The Beatles', title: 'Hey Jude' }, 'beatles|heyjude|none'],
      [{ artist: 'Beyoncé feat. JAY-Z', title: 'Crazy in Love' }, 'beyonce|crazyinlove|none'],
      [{ artist: 'Ke$ha', title: 'Die Young' }, 'kesha|dieyoung|none'],
      [{ artist: 'P!nk', title: 'So What' }, 'pink|sowhat|none'],
      [{ artist: 'Simon & Garfunkel', title: 'The Boxer' }, 'simon|theboxer|none'],
      [{ artist: 'Sigur Rós', title: 'Hoppípolla', variant: 'live' }, 'sigurros|hoppipolla|live'],
      [{ artist: 'Avicii', title: 'Levels', variant: 'remix:skrillex' }, 'avicii|levels|remix:skrillex'],
      [{ artist: 'Queen', title: 'Bohemian Rhapsody (Pt. 2)' }, 'queen|bohemianrhapsodypart2|none'],
      [{ artist: 'IU', title: 'Blueming (블루밍)' }, 'iu|blueming|none'],
      [{ artist: 'YOASOBI', title: '夜に駆ける' }, 'yoasobi|夜に駆ける|none'],
      [
        { artist: 'Ed Sheeran', title: 'Perfect', variant: 'cover:boyceavenue' },
        'boyceavenue|perfect|cover:boyceavenue',
      ],
    ],
  };

  it('has its keys written down, so a change of rules is a change of version', () => {
    expect(Object.keys(KEYS_AT_VERSION).map(Number)).toContain(TRACK_KEY_VERSION);
  });

  it.each(KEYS_AT_VERSION[TRACK_KEY_VERSION] ?? [])('keys %j as %j', (song, key) => {
    expect(trackKey(song)).toBe(key);
  });
});

describe(titleKey.name, () => {
  it.each([
    ['Body & Blood', 'bodyandblood'],
    ['Nostalgia (노스텔지아)', 'nostalgia'],
    ['Super Freak (Part 1)', 'superfreakpart1'],
    ['Super Freak (Pt. 1)', 'superfreakpart1'],
    ["Don't Stop Me Now", 'dontstopmenow'],
    ['Mr.Chu', 'mrchu'],
    ['Mr. Chu', 'mrchu'],
    ['Hoppípolla', 'hoppipolla'],
    ['夜に駆ける', '夜に駆ける'],
  ])('folds %j to %j', (title, key) => {
    expect(titleKey(title)).toBe(key);
  });
});

describe(parseTrackKey.name, () => {
  it.each([
    ['daftpunk|onemoretime|none', { artist: 'daftpunk', title: 'onemoretime', variant: 'none' }],
    ['justice|dance|remix:bostonbun', { artist: 'justice', title: 'dance', variant: 'remix:bostonbun' }],
    ['daftpunk|onemoretime', null],
    ['daftpunk', null],
    ['|onemoretime|none', null],
    ['daftpunk||none', null],
    ['', null],
  ] as const)('%p -> %p', (key, parts) => {
    expect(parseTrackKey(key)).toEqual(parts);
  });

  it('gives back what formatTrackKey wrote, for keys made from real titles', () => {
    for (const title of [
      'Daft Punk - One More Time',
      'Justice - D.A.N.C.E. (Boston Bun Remix)',
      'Air - Sexy Boy (Live)',
    ]) {
      const key = keyOf({ title });
      const parts = parseTrackKey(key);

      expect(parts).not.toBeNull();
      expect(formatTrackKey(parts!)).toBe(key);
    }
  });
});
