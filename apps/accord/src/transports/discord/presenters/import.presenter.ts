import { clip } from './message-view';
import type { ImportPhase, ImportProgress } from '../../../use-cases/import/import-progress';
import type { ImportResult } from '../../../use-cases/import/spotify-import.service';

const count = (value: number): string => value.toLocaleString('en-US');

export function renderSpotifyLink(url: string, expiresAt: Date): string {
  return (
    `**[Open Spotify to link your account](${url})** (the link is yours alone and works once, until <t:${Math.floor(expiresAt.getTime() / 1000)}:t>).\n` +
    'I will read your top tracks, saved tracks and the playlists you import, and nothing else. Your library import shows its progress here.'
  );
}

/** What an import reads now, as its progress line says it. */
function describePhase(phase: ImportPhase): string {
  switch (phase.step) {
    case 'youtube-playlist':
      return 'YouTube playlist';
    case 'top-tracks':
      return 'top tracks';
    case 'saved-tracks':
      return 'saved tracks';
    case 'playlist':
      return phase.index !== undefined && phase.of !== undefined
        ? `playlist ${phase.index} of ${phase.of}`
        : 'playlist';
  }
}

export function renderImportProgress(source: string, progress: ImportProgress): string {
  const amount = progress.total > 0 ? `: ${count(progress.done)} / ${count(progress.total)}` : '';
  return `⏳ Importing ${source}… ${describePhase(progress.phase)}${amount}`;
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
