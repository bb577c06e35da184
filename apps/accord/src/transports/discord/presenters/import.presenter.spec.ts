import type { ImportProgress } from '../../../use-cases/import/import-progress';
import { renderImportProgress } from './import.presenter';

describe(renderImportProgress.name, () => {
  it.each<[ImportProgress, string]>([
    [{ phase: { step: 'top-tracks' }, done: 0, total: 0 }, '⏳ Importing your Spotify library… top tracks'],
    [
      { phase: { step: 'saved-tracks' }, done: 100, total: 1_250 },
      '⏳ Importing your Spotify library… saved tracks: 100 / 1,250',
    ],
    [
      { phase: { step: 'playlist', index: 2, of: 3 }, done: 50, total: 80 },
      '⏳ Importing your Spotify library… playlist 2 of 3: 50 / 80',
    ],
    [{ phase: { step: 'playlist' }, done: 0, total: 0 }, '⏳ Importing your Spotify library… playlist'],
    [
      { phase: { step: 'youtube-playlist' }, done: 20, total: 20 },
      '⏳ Importing your Spotify library… YouTube playlist: 20 / 20',
    ],
  ])('words %p', (progress, line) => {
    expect(renderImportProgress('en', 'spotifyLibrary', progress)).toBe(line);
  });

  it('words progress in German, with German numbers', () => {
    expect(renderImportProgress('de', 'playlist', { phase: { step: 'saved-tracks' }, done: 100, total: 1_250 })).toBe(
      '⏳ Importiere die Playlist… gespeicherte Titel: 100 / 1.250',
    );
  });
});
