import { Injectable } from '@nestjs/common';
import { searchResults, youtubeUrl } from './catalog-mapping';
import type { CatalogTrack } from './catalog.types';
import { foldSearchText } from './search-text';
import { TrackRepository } from './track.repository';
import { VideoSearchService } from './video-search.service';

const SUGGEST_BUDGET_MS = 1_500;
const SUGGEST_MIN_LENGTH = 3;
const SUGGEST_CACHE_SIZE = 200;
const SUGGEST_CACHE_TTL_MS = 10 * 60_000;

export interface Suggestion {
  name: string;
  value: string;
}

/** /play autocomplete and the panel's search: known songs by prefix, then YouTube Music answers, cached. */
@Injectable()
export class TrackSuggestionService {
  private readonly suggestCache = new Map<string, { at: number; items: Suggestion[] }>();
  private readonly suggestInFlight = new Map<string, Promise<Suggestion[]>>();

  constructor(
    private readonly tracks: TrackRepository,
    private readonly videos: VideoSearchService,
  ) {}

  /**
   * /play autocomplete: known songs by prefix (one indexed query), then, when fewer than `limit`,
   * a YouTube Music search that is cached, shared between identical prefixes in flight, and cut
   * off after a time budget. The caller debounces per user (PlayCommand answers only the latest
   * keystroke), so every call here is one a user waits for.
   */
  async suggest(prefix: string, limit: number): Promise<Suggestion[]> {
    const folded = foldSearchText(typeof prefix === 'string' ? prefix.slice(0, 200) : '');
    const max = Math.max(1, Math.min(25, Math.floor(limit) || 1));
    if (!folded) return [];
    const known = (await this.tracks.searchByPrefix(folded, max)).map((track) => ({
      name: clip(`${track.artist || track.lavalink.author} - ${track.title || track.lavalink.title}`, 100),
      value: `track:${track.id}`,
      youtubeId: track.youtubeId,
    }));
    if (known.length >= max || folded.length < SUGGEST_MIN_LENGTH)
      return known.map(({ name, value }) => ({ name, value }));
    const pinned = new Set(known.map((item) => item.youtubeId));
    const remote = (await this.remoteSuggestions(folded)).filter((item) => !pinned.has(item.value.slice(-11)));
    return [...known.map(({ name, value }) => ({ name, value })), ...remote].slice(0, max);
  }

  /** Known playable songs whose "artist title" or title starts with `prefix` (one indexed query; at most 100). */
  async searchKnown(prefix: string, limit: number): Promise<CatalogTrack[]> {
    const folded = foldSearchText(typeof prefix === 'string' ? prefix.slice(0, 200) : '');
    if (!folded) return [];
    return this.tracks.searchByPrefix(folded, Math.max(1, Math.min(100, Math.floor(limit) || 1)));
  }

  private async remoteSuggestions(folded: string): Promise<Suggestion[]> {
    const cached = this.suggestCache.get(folded);
    if (cached && Date.now() - cached.at < SUGGEST_CACHE_TTL_MS) return cached.items;
    let request = this.suggestInFlight.get(folded);
    if (!request) {
      request = this.fetchSuggestions(folded).finally(() => this.suggestInFlight.delete(folded));
      this.suggestInFlight.set(folded, request);
    }
    return request;
  }

  private async fetchSuggestions(folded: string): Promise<Suggestion[]> {
    const searched = this.videos.load(folded, 'ytmsearch').then(
      (result) =>
        searchResults(result)
          .filter((video) => !video.isStream)
          .map((video) => ({
            name: clip(`${video.author} - ${video.title}`, 100),
            value: youtubeUrl(video.identifier!),
          })),
      () => null,
    );
    const items = await Promise.race([searched, sleep(SUGGEST_BUDGET_MS).then(() => null)]);
    if (!items) return [];
    this.suggestCache.set(folded, { at: Date.now(), items });
    if (this.suggestCache.size > SUGGEST_CACHE_SIZE) this.suggestCache.delete(this.suggestCache.keys().next().value!);
    return items;
  }
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A timer that does not keep the process alive (shutdown, tests). */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
