import { Injectable } from '@nestjs/common';
import { CatalogError, CatalogErrorCode, ResolveError } from '@accord/core';
import { TrackPinningService } from '../../domain/catalog/track-pinning.service';
import { TrackResolverService } from '../../domain/catalog/track-resolver.service';
import type { CatalogTrack, TrackCandidates } from '../../domain/catalog/catalog.types';
import { PlaybackService } from '../../domain/playback/playback.service';

/** Correction of a song's video: what /fix and the panel call. */
@Injectable()
export class FixService {
  constructor(
    private readonly resolver: TrackResolverService,
    private readonly pinning: TrackPinningService,
    private readonly playback: PlaybackService,
  ) {}

  /** The best videos for the song named by `query`, or for the song playing now in the guild. */
  async candidatesFor(input: {
    guildId: string | null;
    requesterId: string;
    query?: string;
  }): Promise<TrackCandidates> {
    const query = input.query?.trim();
    if (query) {
      const outcome = await this.resolver.resolve(query, input.requesterId);
      if (!outcome.ok) throw new ResolveError(outcome);
      const found = outcome.value;
      if (found.kind === 'playlist') {
        throw new CatalogError(
          CatalogErrorCode.InvalidQuery,
          '/fix works on one song: give it a song name or a link to one video.',
        );
      }
      return this.pinning.candidates(requireKey(found.track.trackKey));
    }
    const current = input.guildId ? this.playback.current(input.guildId) : null;
    if (!current) {
      throw new CatalogError(
        CatalogErrorCode.NothingToFix,
        'Nothing is playing here. Name the song to fix: `/fix query: artist - title`.',
      );
    }
    return this.pinning.candidates(requireKey(current.trackKey));
  }

  /** Re-pins a song to the chosen video for everyone, and swaps it in if it is playing here now. */
  async choose(input: { guildId: string | null; trackId: string; youtubeId: string }): Promise<CatalogTrack> {
    const track = await this.pinning.repin(input.trackId, input.youtubeId, 'user');
    const current = input.guildId ? this.playback.current(input.guildId) : null;
    if (input.guildId && current?.trackKey === track.key && current.identifier !== track.youtubeId) {
      await this.playback.replaceCurrent(input.guildId, this.pinning.toPlayable(track));
    }
    return track;
  }
}

function requireKey(key: string | undefined): string {
  if (key) return key;
  throw new CatalogError(CatalogErrorCode.NothingToFix, 'This song was not identified, so there is nothing to fix.');
}
