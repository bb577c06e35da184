import type { Lyrics } from '../../../domain/lyrics/lyrics.types';
import {
  LYRICS_PAGE_MAX_CHARS,
  lyricsPages,
  parseLyricsPageId,
  renderLyricsLookup,
  renderLyricsPage,
} from './lyrics.presenter';

const ID = '0123456789abcdef01234567';

const lyricsOf = (plain: string | null, extra: Partial<Lyrics> = {}): Lyrics => ({
  id: ID,
  source: 'lrclib',
  sourceId: 1,
  artist: 'Marrow Lane',
  title: 'Glass Orchard',
  album: null,
  durationMs: 187_000,
  instrumental: false,
  synced: null,
  plain,
  ...extra,
});

describe('lyrics presenter', () => {
  it('pages whole lines, at most 40 a page', () => {
    const lines = Array.from({ length: 90 }, (_, index) => `line ${index + 1}`);

    const pages = lyricsPages('en', lyricsOf(lines.join('\n')));

    expect(pages.map((page) => page.split('\n').length)).toEqual([40, 40, 10]);
    expect(pages[1].split('\n')[0]).toBe('line 41');
  });

  it('keeps every page within the embed limit, breaking only between lines', () => {
    const line = 'x'.repeat(300);
    const pages = lyricsPages('en', lyricsOf(Array.from({ length: 30 }, () => line).join('\n')));

    expect(pages.every((page) => page.length <= LYRICS_PAGE_MAX_CHARS)).toBe(true);
    expect(pages.flatMap((page) => page.split('\n')).every((text) => text === line)).toBe(true);
    expect(pages.flatMap((page) => page.split('\n'))).toHaveLength(30);
  });

  it('cuts a single line longer than a page', () => {
    const [page] = lyricsPages('en', lyricsOf('y'.repeat(10_000)));

    expect(page).toHaveLength(LYRICS_PAGE_MAX_CHARS);
  });

  it('escapes Markdown in the words and trims blank lines at the page edges', () => {
    expect(lyricsPages('en', lyricsOf('\n\n*stars* and _dust_\n\n'))).toEqual(['\\*stars\\* and \\_dust\\_']);
  });

  it('notes an instrumental song, in the text and the footer', () => {
    const view = renderLyricsPage('en', lyricsOf(null, { instrumental: true }), 0);

    expect(view.embeds[0]).toMatchObject({
      description: '♪ Instrumental: this song has no words. ♪',
      footer: { text: 'Instrumental · Lyrics from LRCLIB' },
    });
  });

  it('clamps the page and names it in the buttons, which turn to the neighbours', () => {
    const plain = Array.from({ length: 50 }, (_, index) => `line ${index}`).join('\n');

    const view = renderLyricsPage('en', lyricsOf(plain), 7);

    expect(view.embeds[0].footer?.text).toBe('Lyrics from LRCLIB · Page 2/2');
    const ids = view.components[0].components.map((button) => ('custom_id' in button ? button.custom_id : ''));
    expect(ids).toEqual([`lyrics:${ID}:0`, `lyrics:${ID}:2`]);
    expect(ids.map(parseLyricsPageId)).toEqual([
      { lyricsId: ID, page: 0 },
      { lyricsId: ID, page: 2 },
    ]);
  });

  it('offers no page buttons for lyrics that could not be stored (no id to page by)', () => {
    const plain = Array.from({ length: 50 }, (_, index) => `line ${index}`).join('\n');

    expect(renderLyricsPage('en', lyricsOf(plain, { id: '' }), 0).components).toEqual([]);
  });

  it.each(['lyrics:nothex:1', `lyrics:${ID}:-1`, `queue:page:1`, `lyrics:${ID}`])('refuses the button id %s', (id) => {
    expect(parseLyricsPageId(id)).toBeNull();
  });

  it('says plainly when none were found, naming the song', () => {
    const view = renderLyricsLookup('en', { song: { artist: 'A', title: 'B', durationMs: 0 }, lyrics: null });

    expect(view.embeds[0]).toMatchObject({
      title: 'No lyrics found',
      description: 'LRCLIB has no lyrics for **A – B**.\nAnother song? Try `/lyrics query: artist - title`.',
    });
    expect(view.components).toEqual([]);
  });
});
