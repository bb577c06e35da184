import { parseTitle } from './parse-title';
import { pickBest } from './score-candidate';
import { trackKey } from './track-key';
import { artistLookupKey, createArtistLookup, findKnownArtist, isCommonWordName } from './known-artists';

describe(createArtistLookup.name, () => {
  it('skips empty lines, duplicates and values that are not text', () => {
    const sut = createArtistLookup(['Adele', '', '   ', 'adele', ' ADELE ', 42, null, 'The Beatles']);

    expect(sut.size).toBe(2);
    expect(sut.has(artistLookupKey('Beatles'))).toBe(true);
    expect(sut.spelling(artistLookupKey('ADELE'))).toBe('Adele');
  });

  it('holds 100,000 names and odd Unicode without trouble', () => {
    const names = Array.from({ length: 100_000 }, (_, i) => `Artist ${i}`);
    names.push('\u202eolleh\u202c', '🔥', '\ud800', 'Sigur Rós', 'x'.repeat(10_000), '\u0000');

    const sut = createArtistLookup(names);

    expect(sut.size).toBeGreaterThan(100_000);
    expect(parseTitle('Song Title - Artist 99999 (Lyrics)', { knownArtists: sut })).toMatchObject({
      artist: 'Artist 99999',
      title: 'Song Title',
    });
  });

  it.each([
    ['Ke$ha - Die Young (Lyrics)', 'Kesha', 'Kesha'],
    ['Kesha - Die Young (Lyrics)', 'Ke$ha', 'Ke$ha'],
    ['Die Young - P!nk', 'Pink', 'Pink'],
    ['Dog Days Are Over - Florence and the Machine', 'Florence + the Machine', 'Florence + the Machine'],
    ['Simon and Garfunkel - The Boxer', 'Simon & Garfunkel', 'Simon & Garfunkel'],
  ])('reads %j with %j known as the known spelling', (title, knownName, artist) => {
    const sut = parseTitle(title, { knownArtists: createArtistLookup([knownName]) });

    expect(sut.artist).toBe(artist);
  });

  it('accepts a plain set of lookup keys', () => {
    const sut = parseTitle('Hello - Adele (Lyrics)', { knownArtists: new Set(['adele']) });

    expect(sut).toMatchObject({ artist: 'Adele', title: 'Hello' });
  });
});

describe(findKnownArtist.name, () => {
  const known = createArtistLookup(['Adele', 'Flo Rida', 'Train', 'Yes', 'Muse', 'Air', 'Jay-Z']);

  it.each([
    ['Adele Hello Choreo', 'Adele'],
    ['Wild Ones Flo Rida ft. Sia Lyrics', 'Flo Rida'],
    ['Run This Town Jay Z lyrics', 'Jay-Z'],
    ['Love Train lyrics', null],
    ['Say Yes to the Air of Muse', null],
  ])('in %j finds %j', (text, name) => {
    expect(findKnownArtist(text, known)?.name ?? null).toBe(name);
  });
});

describe(isCommonWordName.name, () => {
  it.each([
    ['Yes', true],
    ['Train', true],
    ['Muse', true],
    ['Air', true],
    ['Adele', false],
    ['Flo Rida', false],
  ])('%s -> %s', (name, common) => {
    expect(isCommonWordName(name)).toBe(common);
  });
});

describe('parse with context on bad input', () => {
  const known = createArtistLookup(['Yes', 'Train', 'Queen', '', 'Queen', '日本語']);

  it.each([
    ['10,000 characters', 'Queen - Bohemian Rhapsody lyrics '.repeat(300)],
    ['10,000 separators', '- ~ | : '.repeat(1250)],
    ['10,000 quotes and brackets', `"'([{【`.repeat(1500)],
    ['10,000 markers', 'karaoke cover lyrics tutorial '.repeat(340)],
    ['odd Unicode', '\u202eTrain\u202c ~ \ud800 ｜ 日本語 ～ \u0000 by Yes'],
  ])('never throws on %s', (_name, title) => {
    const sut = parseTitle(title, { channel: title.slice(0, 300), durationMs: Number.NaN, knownArtists: known });

    expect(typeof trackKey(sut)).toBe('string');
    expect(() => pickBest({ artist: 'Queen', title }, [{ id: '1', title }], { knownArtists: known })).not.toThrow();
  });

  it('takes a common-word artist only where the context supports it', () => {
    expect(parseTitle('Drops of Jupiter - Train', { knownArtists: known }).artist).toBe('Train');
    expect(parseTitle('Drops of Jupiter', { channel: 'Train', knownArtists: known }).artist).toBe('Train');
    expect(parseTitle('Love Train lyrics', { knownArtists: known }).artist).toBe('');
  });
});
