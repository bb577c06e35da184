import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CatalogError, CatalogErrorCode } from '../../domain/catalog/catalog.errors';
import { CatalogService } from '../../domain/catalog/catalog.service';
import type { CatalogTrack, TrackCandidates } from '../../domain/catalog/catalog.types';
import { NOW_PLAYING_LOOKUP, type NowPlayingLookup } from '../../domain/catalog/now-playing.port';

/** Correction of a song's video: what /fix and the panel call. */
@Injectable()
export class FixService {
  private readonly logger = new Logger(FixService.name);

  constructor(
    private readonly catalog: CatalogService,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** The best videos for the song named by `query`, or for the song playing now in the guild. */
  async candidatesFor(input: {
    guildId: string | null;
    requesterId: string;
    query?: string;
  }): Promise<TrackCandidates> {
    const query = input.query?.trim();
    if (query) {
      const outcome = await this.catalog.resolve(query, input.requesterId);
      if (!outcome.ok) throw new CatalogError(CatalogErrorCode.InvalidQuery, outcome.message);
      if (outcome.kind === 'playlist') {
        throw new CatalogError(
          CatalogErrorCode.InvalidQuery,
          '/fix works on one song: give it a song name or a link to one video.',
        );
      }
      return this.catalog.candidates(requireKey(outcome.track.trackKey));
    }
    const current = input.guildId ? this.nowPlaying()?.current(input.guildId) : null;
    if (!current) {
      throw new CatalogError(
        CatalogErrorCode.NothingToFix,
        'Nothing is playing here. Name the song to fix: `/fix query: artist - title`.',
      );
    }
    return this.catalog.candidates(requireKey(current.trackKey));
  }

  /** Re-pins a song to the chosen video for everyone, and swaps it in if it is playing here now. */
  async choose(input: { guildId: string | null; trackId: string; youtubeId: string }): Promise<CatalogTrack> {
    const track = await this.catalog.repin(input.trackId, input.youtubeId, 'user');
    const lookup = this.nowPlaying();
    const current = input.guildId ? lookup?.current(input.guildId) : null;
    if (lookup && input.guildId && current?.trackKey === track.key && current.identifier !== track.youtubeId) {
      await lookup.replaceCurrent(input.guildId, this.catalog.toPlayable(track));
    }
    return track;
  }

  /** Playback provides the port once it exists; until then /fix works on a named song only. */
  private nowPlaying(): NowPlayingLookup | undefined {
    try {
      return this.moduleRef.get<NowPlayingLookup>(NOW_PLAYING_LOOKUP, { strict: false });
    } catch {
      this.logger.debug('No NOW_PLAYING_LOOKUP provider: /fix cannot see the song playing now');
      return undefined;
    }
  }
}

function requireKey(key: string | undefined): string {
  if (key) return key;
  throw new CatalogError(CatalogErrorCode.NothingToFix, 'This song was not identified, so there is nothing to fix.');
}
