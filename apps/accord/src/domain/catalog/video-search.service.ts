import { Injectable, Logger } from '@nestjs/common';
import type { ArtistLookup } from '@accord/track-identity';
import { PlaybackError, PlaybackErrorCode, CatalogError, CatalogErrorCode, type PlayableTrack } from '@accord/core';
import { LavalinkService } from '../../adapters/lavalink/lavalink.service';
import type { LoadResult, SearchEngine } from '../../adapters/lavalink/lavalink.types';
import { searchResults } from './catalog-mapping';
import { bestMatch, type SearchMatch, type Wanted } from './wanted-song';

/** YouTube Music first (clean "Topic" uploads of the song), then YouTube. */
export const SEARCH_ENGINES: readonly SearchEngine[] = ['ytmsearch', 'ytsearch'];

/** The catalog's way to Lavalink: loads and searches, with a Lavalink that is away turned into a catalog error. */
@Injectable()
export class VideoSearchService {
  private readonly logger = new Logger(VideoSearchService.name);

  constructor(private readonly lavalink: LavalinkService) {}

  /** `LavalinkService.load`, with a Lavalink that is away turned into the catalog's own error. */
  async load(identifier: string, engine?: SearchEngine): Promise<LoadResult> {
    try {
      return await this.lavalink.load(identifier, engine);
    } catch (error: unknown) {
      const noNode = error instanceof PlaybackError && error.code === PlaybackErrorCode.AudioUnavailable;
      if (!(error instanceof PlaybackError)) this.logger.warn(`Lavalink load failed: ${String(error)}`);
      throw new CatalogError(CatalogErrorCode.AudioUnavailable, { cause: noNode ? 'no-node' : 'no-answer' });
    }
  }

  /**
   * One search on YouTube Music, and on YouTube only when nothing there matches; candidates are
   * ranked with `pickBest`. Videos in `exclude` (failed before, or the pin being replaced) are skipped.
   */
  async search(wanted: Wanted, exclude: string[], knownArtists: ArtistLookup): Promise<SearchMatch | null> {
    const skip = new Set(exclude);
    const pool = new Map<string, PlayableTrack>();
    for (const engine of SEARCH_ENGINES) {
      for (const video of searchResults(await this.load(wanted.searchText, engine))) {
        if (!skip.has(video.identifier!) && !video.isStream) pool.set(video.identifier!, video);
      }
      const match = bestMatch(wanted, [...pool.values()], knownArtists);
      if (match) return match;
    }
    return null;
  }

  /** Every video both engines answer for `searchText`, by id, first answer first; `exclude` skipped. */
  async searchAll(searchText: string, exclude: string[]): Promise<Map<string, PlayableTrack>> {
    const found = new Map<string, PlayableTrack>();
    for (const engine of SEARCH_ENGINES) {
      for (const video of searchResults(await this.load(searchText, engine))) {
        if (!found.has(video.identifier!) && !exclude.includes(video.identifier!)) found.set(video.identifier!, video);
      }
    }
    return found;
  }
}
