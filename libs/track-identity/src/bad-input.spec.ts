import { parseTitle } from './parse-title';
import { pickBest } from './score-candidate';
import { trackKey } from './track-key';

const nasty: Array<[string, string]> = [
  ['empty', ''],
  ['spaces only', '   \t  '],
  ['10,000 characters', 'Queen - Bohemian Rhapsody '.repeat(400)],
  ['10,000 of one letter', 'x'.repeat(10000)],
  ['10,000 opening brackets', '('.repeat(10000)],
  ['10,000 quotes', '"'.repeat(10000)],
  ['repeated separators', '- '.repeat(5000)],
  ['repeated feat', 'feat. '.repeat(2000)],
  ['only emoji', '🔥🔥🔥 ❤️‍🔥'],
  ['only a URL', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
  ['mixed scripts', 'Ω - 日本語 – русский — ελληνικά'],
  ['right-to-left', 'عمرو دياب - تملي معاك'],
  ['bidi overrides', '\u202eolleh\u202c - \u202bdlrow\u202c'],
  ['zero-width characters', '\u200bQueen\u200d - \u2060Bohemian\ufeff Rhapsody\u200c'],
  ['control characters', '\u0000\u0007Queen - Bohemian Rhapsody\u001f'],
  ['lone surrogate', '\ud800 - song'],
  ['unbalanced brackets', 'Queen - Bohemian Rhapsody (Official Video [HD'],
];

describe('bad input', () => {
  it.each(nasty)('parses %s without throwing', (_name, title) => {
    const sut = parseTitle({ title, author: title.slice(0, 200) });

    expect(typeof sut.artist).toBe('string');
    expect(typeof sut.title).toBe('string');
    expect(Array.isArray(sut.featuring)).toBe(true);
    expect(typeof trackKey(sut)).toBe('string');
    expect(() => pickBest({ artist: title, title }, [{ id: '1', title, author: title }])).not.toThrow();
  });

  it.each([null, undefined, 42, {}, [], { title: 7 }])('treats %j as an empty title', (value) => {
    expect(parseTitle(value as never)).toEqual({ artist: '', title: '', featuring: [], variant: 'none' });
  });

  it('keeps an emoji-only title so that such uploads do not share a key', () => {
    expect(trackKey(parseTitle({ title: '🔥🔥🔥' }))).not.toBe(trackKey(parseTitle({ title: '🎵🎵' })));
  });

  it('reads through zero-width and direction marks', () => {
    expect(parseTitle({ title: '\u200bQueen\u200d - \u2060Bohemian\ufeff Rhapsody\u200c' })).toMatchObject({
      artist: 'Queen',
      title: 'Bohemian Rhapsody',
    });
  });

  it('parses the start of a 10,000-character title', () => {
    const sut = parseTitle({ title: 'Queen - Bohemian Rhapsody (Official Video) ' + 'x'.repeat(10000) });

    expect(sut.artist).toBe('Queen');
  });
});
