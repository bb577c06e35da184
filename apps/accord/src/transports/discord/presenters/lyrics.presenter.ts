import { t, type Language } from '@accord/i18n';
import { ButtonStyle, escapeMarkdown } from 'discord.js';
import type { Lyrics, LyricsLookup } from '../../../domain/lyrics/lyrics.types';
import { ACCORD_COLOR, button, clip, row, type MessageView } from './message-view';

export const LYRICS_BUTTON_PREFIX = 'lyrics';
/** Discord allows 4096 characters in an embed's description; a little is kept spare. */
export const LYRICS_PAGE_MAX_CHARS = 4_000;
/** Lines a page shows at most, so a page reads at a glance. */
export const LYRICS_PAGE_MAX_LINES = 40;

const SOURCE_NAME: Record<Lyrics['source'], string> = { lrclib: 'LRCLIB' };

/** `lyrics:<cache id>:<n>` (0-based page) for the prev/next buttons. */
export const lyricsPageId = (lyricsId: string, page: number): string => `${LYRICS_BUTTON_PREFIX}:${lyricsId}:${page}`;

/** The lyrics and page a `lyrics:<id>:<n>` button asks for, or null when the id is not one. */
export function parseLyricsPageId(customId: string): { lyricsId: string; page: number } | null {
  const match = /^lyrics:([0-9a-f]{24}):(\d{1,4})$/.exec(customId);
  return match ? { lyricsId: match[1], page: Number(match[2]) } : null;
}

/** The lyrics' pages: whole lines, each page at most 40 lines and 4,000 characters (a longer line is cut). */
export function lyricsPages(language: Language, lyrics: Lyrics): string[] {
  if (lyrics.instrumental && !lyrics.plain) return [t(language, 'lyrics:instrumentalText')];
  const text = lyrics.plain ?? '';
  const pages: string[] = [];
  let lines: string[] = [];
  let size = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = escapeMarkdown(raw.trimEnd()).slice(0, LYRICS_PAGE_MAX_CHARS);
    const added = line.length + (lines.length > 0 ? 1 : 0);
    if (lines.length > 0 && (lines.length >= LYRICS_PAGE_MAX_LINES || size + added > LYRICS_PAGE_MAX_CHARS)) {
      pages.push(lines.join('\n'));
      lines = [];
      size = 0;
    }
    size += line.length + (lines.length > 0 ? 1 : 0);
    lines.push(line);
  }
  if (lines.length > 0) pages.push(lines.join('\n'));
  const shown = pages.map((page) => page.replace(/^\n+|\n+$/g, '')).filter((page) => page.trim() !== '');
  return shown.length > 0 ? shown : [t(language, 'lyrics:noWords')];
}

/** One page of the lyrics (0-based, clamped into range), credited to their source, with prev/next buttons. */
export function renderLyricsPage(language: Language, lyrics: Lyrics, requestedPage: number): MessageView {
  const pages = lyricsPages(language, lyrics);
  const page = Math.min(Math.max(0, Math.trunc(requestedPage)), pages.length - 1);
  const source = SOURCE_NAME[lyrics.source];
  const credit =
    pages.length > 1
      ? t(language, 'lyrics:creditWithPage', { source, page: page + 1, pages: pages.length })
      : t(language, 'lyrics:credit', { source });
  return {
    embeds: [
      {
        color: ACCORD_COLOR,
        title: clip(`${lyrics.artist} – ${lyrics.title}`, 256),
        description: pages[page],
        footer: { text: lyrics.instrumental ? t(language, 'lyrics:instrumental', { credit }) : credit },
      },
    ],
    // Lyrics MongoDB could not keep have no id to page by: their first page only.
    components:
      pages.length > 1 && lyrics.id
        ? [
            row(
              button(lyricsPageId(lyrics.id, page - 1), t(language, 'lyrics:previous'), {
                emoji: '◀️',
                disabled: page === 0,
              }),
              button(lyricsPageId(lyrics.id, page + 1), t(language, 'lyrics:next'), {
                emoji: '▶️',
                style: ButtonStyle.Primary,
                disabled: page === pages.length - 1,
              }),
            ),
          ]
        : [],
  };
}

/** What /lyrics answers: the first page, or that none were found (a normal answer, said plainly). */
export function renderLyricsLookup(language: Language, lookup: LyricsLookup): MessageView {
  if (lookup.lyrics) return renderLyricsPage(language, lookup.lyrics, 0);
  const { artist, title } = lookup.song;
  const song = artist ? `${artist} – ${title}` : title;
  return {
    embeds: [
      {
        color: ACCORD_COLOR,
        title: t(language, 'lyrics:none.title'),
        description: [
          t(language, 'lyrics:none.description', { source: SOURCE_NAME.lrclib, song: clip(song, 200) }),
          t(language, 'lyrics:none.hint'),
        ].join('\n'),
        footer: { text: t(language, 'lyrics:none.footer', { source: SOURCE_NAME.lrclib }) },
      },
    ],
    components: [],
  };
}
