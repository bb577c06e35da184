import { loadParseCases, parseCase } from '../fixtures/load-fixtures';
import { cleanTitle, parseTitle } from './parse-title';

describe(parseTitle.name, () => {
  describe.each(loadParseCases())('$theme', ({ cases }) => {
    it.each(cases.map((c) => [c.title, c]))('parses %j', (_title, c) => {
      const want = c.expect;
      const sut = parseCase(c);

      expect(sut).toEqual({
        artist: want.artist,
        title: want.title,
        featuring: want.featuring ?? [],
        variant: want.variant ?? 'none',
      });
    });
  });

  it('uses the channel as the artist when the title names only the song', () => {
    expect(parseTitle({ title: 'Perfect (Official Music Video)', author: 'Ed Sheeran' }).artist).toBe('Ed Sheeran');
  });

  it('does not take a label or lyrics channel for the artist', () => {
    expect(parseTitle({ title: 'Perfect', author: 'Lyrical Vibes Records' }).artist).toBe('');
  });
});

describe(cleanTitle.name, () => {
  it.each([
    ['Track Title (Remastered 2009)', 'Track Title', 'none'],
    ['Track Title - 2011 - Remaster', 'Track Title', 'none'],
    ['Track Title (Album Version)', 'Track Title', 'none'],
    ['Track Title [Explicit]', 'Track Title', 'none'],
    ['Track Title (Live)', 'Track Title', 'live'],
    ['Track Title - Live @ Moon', 'Track Title', 'live'],
    ['Track Title Live', 'Track Title Live', 'none'],
    ['Fully Alive', 'Fully Alive', 'none'],
    ['Video Killed the Radio Star', 'Video Killed the Radio Star', 'none'],
    ['Eclipse', 'Eclipse', 'none'],
    ["Track 'n' Title", "Track 'n' Title", 'none'],
    ['Track Title - Artist Remix', 'Track Title', 'remix:artist'],
    ['Track Title (Whatever 2/12/18)', 'Track Title', 'none'],
  ])('cleans %j', (text, title, variant) => {
    const sut = cleanTitle(text);

    expect(sut.title).toBe(title);
    expect(sut.variant).toBe(variant);
  });

  it('names the artist as the performer of an unnamed cover', () => {
    expect(cleanTitle('Hallelujah (Leonard Cohen cover)', 'Pentatonix').variant).toBe('cover:pentatonix');
  });
});
