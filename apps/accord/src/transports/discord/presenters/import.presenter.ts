import { t, type Language } from '@accord/i18n';
import { clip } from './message-view';
import type { ImportPhase, ImportProgress } from '../../../use-cases/import/import-progress';
import type { ImportResult } from '../../../use-cases/import/spotify-import.service';

export function renderSpotifyLink(language: Language, url: string, expiresAt: Date): string {
  return t(language, 'account:spotifyLink', { url, until: Math.floor(expiresAt.getTime() / 1000) });
}

/** What an import reads now, as its progress line says it. */
function describePhase(language: Language, phase: ImportPhase): string {
  switch (phase.step) {
    case 'youtube-playlist':
      return t(language, 'account:import.phase.youtubePlaylist');
    case 'top-tracks':
      return t(language, 'account:import.phase.topTracks');
    case 'saved-tracks':
      return t(language, 'account:import.phase.savedTracks');
    case 'playlist':
      return phase.index !== undefined && phase.of !== undefined
        ? t(language, 'account:import.phase.playlistOf', { index: phase.index, of: phase.of })
        : t(language, 'account:import.phase.playlist');
  }
}

/** Where an import reads from, as its progress line names it. */
export type ImportSource = 'playlist' | 'spotifyLibrary';

export function renderImportProgress(language: Language, source: ImportSource, progress: ImportProgress): string {
  const words = {
    source: t(language, `account:import.sources.${source}`),
    phase: describePhase(language, progress.phase),
  };
  return progress.total > 0
    ? t(language, 'account:import.progressAmount', { ...words, done: progress.done, total: progress.total })
    : t(language, 'account:import.progress', words);
}

export function renderImportDone(language: Language, result: ImportResult): string {
  return t(language, 'account:import.done', {
    label: clip(result.label, 120),
    tracks: result.tracks,
    artists: result.artists,
  });
}

export function renderImportFailed(language: Language, why: string): string {
  return t(language, 'account:import.failed', { why });
}

export function renderUnlinked(language: Language, service: string, wasLinked: boolean): string {
  return t(language, wasLinked ? 'account:unlinked' : 'account:notLinked', { service });
}
