import { Injectable, Logger } from '@nestjs/common';
import { CatalogError, CatalogErrorCode, ResolveError } from '@accord/core';
import { TrackPinningService } from '../../domain/catalog/track-pinning.service';
import { TrackResolverService } from '../../domain/catalog/track-resolver.service';
import type { CatalogTrack, TrackCandidates } from '../../domain/catalog/catalog.types';
import { PlaybackService } from '../../domain/playback/playback.service';
import { FixOfferStore } from './fix-offer.store';

/** Who picked a video, and where: every re-pin is logged with both. */
export interface FixChooser {
  userId: string;
  guildId: string | null;
}

/** Correction of a song's video: what /fix and the panel call. */
@Injectable()
export class FixService {
  private readonly logger = new Logger(FixService.name);

  constructor(
    private readonly resolver: TrackResolverService,
    private readonly pinning: TrackPinningService,
    private readonly playback: PlaybackService,
    private readonly offers: FixOfferStore,
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
        throw new CatalogError(CatalogErrorCode.InvalidQuery, { reason: 'playlist' });
      }
      return this.pinning.candidates(requireKey(found.track.trackKey));
    }
    const current = input.guildId ? this.playback.current(input.guildId) : null;
    if (!current) {
      throw new CatalogError(CatalogErrorCode.NothingToFix, { reason: 'nothing-playing' });
    }
    return this.pinning.candidates(requireKey(current.trackKey));
  }

  /** Remembers what a /fix showed (under the /fix interaction's id): only those videos can be chosen. */
  offer(interactionId: string, by: FixChooser, shown: TrackCandidates): void {
    this.offers.remember(interactionId, {
      ...by,
      trackId: shown.track.id,
      youtubeIds: shown.candidates.map((candidate) => candidate.youtubeId),
    });
  }

  /**
   * Re-pins a song for everyone to a video the /fix `interactionId` offered to this user, and swaps it
   * in if it plays here now. A video that was not offered (a forged or stale button) changes nothing.
   */
  async choose(input: {
    interactionId: string | null;
    trackId: string;
    youtubeId: string;
    by: FixChooser;
  }): Promise<CatalogTrack> {
    const { trackId, youtubeId, by } = input;
    const offer = input.interactionId ? this.offers.find(input.interactionId) : null;
    if (!offer || offer.userId !== by.userId || offer.trackId !== trackId || !offer.youtubeIds.includes(youtubeId)) {
      this.logger.warn(
        `Refused a /fix choice that was not offered: track ${trackId}, video ${youtubeId}, by user ${by.userId} in guild ${by.guildId ?? 'none'}`,
      );
      throw new CatalogError(CatalogErrorCode.InvalidQuery, { reason: 'not-offered' });
    }
    // Logged with who and from where by the catalog's re-pin listener.
    const track = await this.pinning.repin(trackId, youtubeId, 'user', {
      userId: by.userId,
      guildId: by.guildId,
      via: 'discord',
    });
    const current = by.guildId ? this.playback.current(by.guildId) : null;
    if (by.guildId && current?.trackKey === track.key && current.identifier !== track.youtubeId) {
      await this.playback.replaceCurrent(by.guildId, this.pinning.toPlayable(track));
    }
    return track;
  }
}

function requireKey(key: string | undefined): string {
  if (key) return key;
  throw new CatalogError(CatalogErrorCode.NothingToFix, { reason: 'unidentified' });
}
