import { Inject, Injectable } from '@nestjs/common';
import { CatalogArtists } from '../../domain/catalog/catalog-artists';
import { parseTitle } from '@accord/track-identity';
import { TrackResolverService } from '../../domain/catalog/track-resolver.service';
import { parseQuery } from '../../domain/catalog/link-parser';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import { DEFAULT_TASTE_SETTINGS } from '../../domain/preferences/profiles/taste-profile';
import { TasteProfileService } from '../../domain/preferences/profiles/taste-profile.service';
import { PreferencesError, PreferencesErrorCode, ResolveError } from '@accord/core';
import { SpotifyImportService, type ImportResult } from './spotify-import.service';
import type { ProgressListener } from './import-progress';
import { LibraryAccumulator } from './library-accumulator';

/**
 * `/import <playlist link>`: a public Spotify playlist (or any of a linked user's own) through
 * Spotify, a YouTube or YouTube Music playlist through the catalog (one Lavalink load; songs are
 * keyed, not searched one by one).
 */
@Injectable()
export class PlaylistImportService {
  constructor(
    private readonly spotify: SpotifyImportService,
    private readonly catalog: TrackResolverService,
    private readonly taste: TasteProfileService,
    private readonly knownArtists: CatalogArtists,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Checks the link before anything runs, so a bad one is answered at once. */
  check(link: string): { kind: 'spotify'; id: string } | { kind: 'youtube'; url: string } {
    const parsed = parseQuery(link);
    if (parsed.kind === 'spotify' && parsed.type === 'playlist') return { kind: 'spotify', id: parsed.id };
    if (parsed.kind === 'youtube-playlist' && !parsed.mix) return { kind: 'youtube', url: parsed.url };
    throw new PreferencesError(PreferencesErrorCode.UnsupportedLink, { link: 'not-a-playlist' });
  }

  async importLink(userId: string, link: string, progress: ProgressListener = () => undefined): Promise<ImportResult> {
    const target = this.check(link);
    if (target.kind === 'spotify') return this.spotify.importPlaylist(userId, target.id, progress);
    progress({ phase: { step: 'youtube-playlist' }, done: 0, total: 0 });
    const outcome = await this.catalog.resolve(target.url, userId);
    if (!outcome.ok) throw new ResolveError(outcome);
    const playlist = outcome.value;
    if (playlist.kind !== 'playlist') {
      throw new PreferencesError(PreferencesErrorCode.UnsupportedLink, { link: 'single-video' });
    }
    const library = new LibraryAccumulator();
    for (const track of playlist.tracks) {
      const parsed = parseTitle({ title: track.title, author: track.author });
      if (track.trackKey)
        library.addKeyed(track.trackKey, { artist: parsed.artist, title: parsed.title || track.title }, 1);
    }
    progress({ phase: { step: 'youtube-playlist' }, done: playlist.tracks.length, total: playlist.tracks.length });
    const { artists, tracks } = library.result({
      artists: DEFAULT_TASTE_SETTINGS.maxArtists,
      tracks: DEFAULT_TASTE_SETTINGS.maxTracks * 2,
    });
    this.knownArtists.remember(artists.map((artist) => artist.name));
    const label = `YouTube: ${playlist.name}`;
    await this.taste.applyImport(userId, {
      summary: {
        kind: 'playlist',
        label,
        tracks: library.songCount,
        artists: artists.length,
        at: this.clock.now().getTime(),
      },
      artists,
      tags: [],
      tracks,
    });
    return { label, tracks: library.songCount, artists: artists.length };
  }
}
