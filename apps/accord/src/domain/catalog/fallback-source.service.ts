import { Inject, Injectable, Logger } from '@nestjs/common';
import { pickAlternate } from '@accord/track-identity';
import type { PlayableTrack } from '@accord/core';
import { LavalinkService } from '../../adapters/lavalink/lavalink.service';
import type { SearchEngine } from '../../adapters/lavalink/lavalink.types';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { FallbackSourceName } from '../../config/env.schema';
import { CatalogArtists } from './catalog-artists';
import { playableFromData, searchResults, toCandidate, toLavalinkData } from './catalog-mapping';
import type { CatalogTrack, TrackAlternate } from './catalog.types';
import { TrackRepository } from './track.repository';
import { wantedFromTrack } from './wanted-song';

const ENGINES: Record<FallbackSourceName, SearchEngine> = { soundcloud: 'scsearch', bandcamp: 'bcsearch' };

/** How long all fallback searches of one song may take together: the gap before the song plays is bounded. */
export const FALLBACK_BUDGET_MS = 5_000;
/** How long one source may take to answer before it is skipped for the next. */
export const FALLBACK_SOURCE_TIMEOUT_MS = 3_000;
/** An alternate found this recently is played again without searching (one that fails is forgotten). */
export const STORED_ALTERNATE_MAX_AGE_MS = 7 * 86_400_000;

/**
 * The same song on another source (FALLBACK_SOURCES: SoundCloud, Bandcamp) when its YouTube video
 * will not play. A match has the song's key, its length and no preview (`pickAlternate`); it is
 * recorded on the track as an alternate, and the YouTube pin stays as it is.
 */
@Injectable()
export class FallbackSourceService {
  private readonly logger = new Logger(FallbackSourceService.name);

  constructor(
    private readonly lavalink: LavalinkService,
    private readonly tracks: TrackRepository,
    private readonly artists: CatalogArtists,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'fallback'>,
  ) {}

  get enabled(): boolean {
    return this.config.fallback.sources.length > 0;
  }

  /**
   * The song on the first source that has it, in FALLBACK_SOURCES order, recorded as the track's
   * alternate for that source; null when no source has an acceptable upload within the budget.
   */
  async find(
    track: CatalogTrack,
    limits: { budgetMs: number; sourceTimeoutMs: number } = {
      budgetMs: FALLBACK_BUDGET_MS,
      sourceTimeoutMs: FALLBACK_SOURCE_TIMEOUT_MS,
    },
  ): Promise<PlayableTrack | null> {
    if (!this.enabled) return null;
    const deadline = Date.now() + limits.budgetMs;
    const wanted = wantedFromTrack(track);
    const knownArtists = await this.artists.lookup();
    const stored = this.storedAlternate(track);
    if (stored) {
      this.logger.log(`${track.key} plays from its ${stored.source} alternate (${stored.lavalink.identifier})`);
      return playableFromData(stored.lavalink, track.key);
    }
    for (const source of this.config.fallback.sources) {
      const timeoutMs = Math.min(limits.sourceTimeoutMs, deadline - Date.now());
      const uploads = await this.search(source, wanted.searchText, timeoutMs);
      const result = pickAlternate(
        {
          artist: wanted.query.artist,
          title: wanted.query.title,
          variant: track.variant,
          durationMs: track.durationMs,
        },
        uploads.map(toCandidate),
        { knownArtists },
      );
      if (!result.ok) continue;
      const upload = uploads.find((candidate) => candidate.identifier === result.best.id)!;
      const alternate: TrackAlternate = {
        source: upload.sourceName ?? source,
        lavalink: toLavalinkData(upload),
        at: new Date(),
      };
      await this.tracks.setAlternate(track.id, alternate, track.alternates ?? []);
      this.logger.log(`${track.key} plays from ${alternate.source} (${upload.uri ?? upload.identifier})`);
      return { ...playableFromData(alternate.lavalink, track.key), artworkUrl: upload.artworkUrl ?? track.artworkUrl };
    }
    return null;
  }

  /** The alternate recorded lately for the first configured source that has one. */
  private storedAlternate(track: CatalogTrack): TrackAlternate | undefined {
    const fresh = (track.alternates ?? []).filter(
      (alternate) => Date.now() - new Date(alternate.at).getTime() <= STORED_ALTERNATE_MAX_AGE_MS,
    );
    for (const source of this.config.fallback.sources) {
      const found = fresh.find((alternate) => alternate.source === source);
      if (found) return found;
    }
    return undefined;
  }

  /** One source's uploads for the song; none when it fails or does not answer in `timeoutMs`. */
  private async search(source: FallbackSourceName, text: string, timeoutMs: number): Promise<PlayableTrack[]> {
    if (timeoutMs <= 0) {
      this.logger.warn(`Fallback ${source} skipped: no time left to search it`);
      return [];
    }
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      const answer = await Promise.race([this.lavalink.load(text, ENGINES[source]), timedOut]);
      if (answer === 'timeout') {
        this.logger.warn(`Fallback ${source} skipped: no answer in ${timeoutMs} ms`);
        return [];
      }
      if (answer.type === 'error') this.logger.warn(`Fallback ${source} search failed: ${answer.message}`);
      return searchResults(answer).filter((upload) => !upload.isStream);
    } catch (error: unknown) {
      this.logger.warn(`Fallback ${source} search failed: ${String(error)}`);
      return [];
    } finally {
      clearTimeout(timer);
    }
  }
}
