import { Injectable, Logger } from '@nestjs/common';
import { artistLookupKey, type ArtistLookup } from '@accord/track-identity';
import { TrackRepository } from './track.repository';

/** Most artist names kept in memory (a few MB at most); past it the least recently seen go. */
export const MAX_KNOWN_ARTISTS = 20_000;
/** How often the artists of pinned songs are read again (other instances and the panel pin too). */
export const KNOWN_ARTISTS_REFRESH_MS = 30 * 60_000;
/** After a failed read, the next try waits this long rather than a whole refresh period. */
const RETRY_AFTER_MS = 60_000;
const MAX_NAME_LENGTH = 200;

/**
 * The artists the catalog knows, for parsing titles in context ("Song - Artist" from a fan upload
 * is turned round when Artist is known): read from pinned songs every half hour, and added to as
 * songs are pinned, sources answer and libraries are imported. Bounded, oldest seen dropped first.
 */
@Injectable()
export class CatalogArtists implements ArtistLookup {
  private readonly logger = new Logger(CatalogArtists.name);
  /** Lookup key -> spelling, least recently seen first. */
  private readonly names = new Map<string, string>();
  private nextRefreshAt = 0;
  private refreshing: Promise<void> | null = null;

  constructor(private readonly tracks: TrackRepository) {}

  get size(): number {
    return this.names.size;
  }

  has(key: string): boolean {
    return this.names.has(key);
  }

  spelling(key: string): string | undefined {
    return this.names.get(key);
  }

  /** Adds names (blank, overlong and non-text entries are skipped); the first spelling of a name is kept. */
  remember(names: Iterable<unknown>): void {
    for (const raw of names) {
      if (typeof raw !== 'string') continue;
      const name = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
      if (name.length === 0 || name.length > MAX_NAME_LENGTH) continue;
      const key = artistLookupKey(name);
      if (key.length === 0) continue;
      const spelling = this.names.get(key) ?? name;
      this.names.delete(key);
      this.names.set(key, spelling);
      if (this.names.size > MAX_KNOWN_ARTISTS) this.names.delete(this.names.keys().next().value!);
    }
  }

  /**
   * The lookup to parse with. Reads the artists of pinned songs first when the last read is older
   * than the refresh period (concurrent callers share one read). Never throws: with MongoDB away
   * the names already known are used.
   */
  async lookup(): Promise<ArtistLookup> {
    if (Date.now() >= this.nextRefreshAt) {
      this.refreshing ??= this.refresh().finally(() => (this.refreshing = null));
      await this.refreshing;
    }
    return this;
  }

  private async refresh(): Promise<void> {
    try {
      const artists = await this.tracks.recentArtists(MAX_KNOWN_ARTISTS);
      // Oldest first, so that the songs pinned last are the last to be dropped.
      this.remember(artists.reverse());
      this.nextRefreshAt = Date.now() + KNOWN_ARTISTS_REFRESH_MS;
    } catch (error: unknown) {
      this.logger.warn(`Could not read the known artists (${String(error)}); parsing with ${this.size} names`);
      this.nextRefreshAt = Date.now() + RETRY_AFTER_MS;
    }
  }
}
