import { clip } from './message-view';
import type { ImportProgress } from '../../../use-cases/import/import-progress';
import type { ImportResult } from '../../../use-cases/import/spotify-import.service';

const count = (value: number): string => value.toLocaleString('en-US');

export function renderSpotifyLink(url: string, expiresAt: Date): string {
  return (
    `**[Open Spotify to link your account](${url})** (the link is yours alone and works once, until <t:${Math.floor(expiresAt.getTime() / 1000)}:t>).\n` +
    'I will read your top tracks, saved tracks and the playlists you import, and nothing else. Your library import shows its progress here.'
  );
}

export function renderImportProgress(source: string, progress: ImportProgress): string {
  const amount = progress.total > 0 ? `: ${count(progress.done)} / ${count(progress.total)}` : '';
  return `⏳ Importing ${source}… ${progress.phase}${amount}`;
}

export function renderImportDone(result: ImportResult): string {
  return `✅ Imported ${clip(result.label, 120)}: ${count(result.tracks)} songs by ${count(result.artists)} artists. Autoplay takes them into account now; see \`/profile\`.`;
}

export function renderImportFailed(message: string): string {
  return `❌ ${message}`;
}

export function renderUnlinked(service: string, wasLinked: boolean): string {
  return wasLinked
    ? `Unlinked ${service}: its tokens and what it imported are deleted.`
    : `${service} was not linked; nothing to do.`;
}

const page = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
  '<meta name="viewport" content="width=device-width,initial-scale=1"></head>' +
  `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem"><h1>${title}</h1><p>${body}</p></body></html>`;

export const CALLBACK_PAGES = {
  linked: (displayName?: string): string =>
    page(
      'Spotify is linked',
      `${displayName ? `Linked as ${escapeHtml(displayName)}. ` : ''}Accord is importing your library now; you can close this page and go back to Discord.`,
    ),
  badState: page(
    'This link is no longer valid',
    'It has expired or was already used. Run <code>/link spotify</code> in Discord for a new one. Nothing was stored.',
  ),
  denied: page(
    'Not linked',
    'Spotify did not give access, so nothing was stored. Run <code>/link spotify</code> again if you change your mind.',
  ),
  failed: page('Spotify did not answer', 'Nothing was stored. Try <code>/link spotify</code> again in a moment.'),
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
