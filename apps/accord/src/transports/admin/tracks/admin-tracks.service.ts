import { Injectable } from '@nestjs/common';
import type { CatalogTrackDto, TrackCandidatesDto } from '@accord/contracts';
import { TrackPinningService } from '../../../domain/catalog/track-pinning.service';
import { TrackSuggestionService } from '../../../domain/catalog/track-suggestion.service';
import type { CatalogTrack } from '../../../domain/catalog/catalog.types';
import { MAX_TRACK_PAGE } from '../dto/tracks.dto';

const DEFAULT_PAGE = 25;

/** The shared song catalog for owners: search, candidates, re-pin and merge (the same as /fix). */
@Injectable()
export class AdminTracksService {
  constructor(
    private readonly pinning: TrackPinningService,
    private readonly suggestions: TrackSuggestionService,
  ) {}

  async search(q: string, limit = DEFAULT_PAGE): Promise<CatalogTrackDto[]> {
    return (await this.suggestions.searchKnown(q, Math.min(limit, MAX_TRACK_PAGE))).map(toTrackDto);
  }

  async candidates(trackId: string): Promise<TrackCandidatesDto> {
    const found = await this.pinning.candidates(trackId);
    return { track: toTrackDto(found.track), candidates: found.candidates };
  }

  async pin(trackId: string, youtubeId: string): Promise<CatalogTrackDto> {
    return toTrackDto(await this.pinning.repin(trackId, youtubeId, 'user'));
  }

  async merge(fromTrackId: string, toTrackId: string): Promise<CatalogTrackDto> {
    return toTrackDto(await this.pinning.merge(fromTrackId, toTrackId));
  }
}

function toTrackDto(track: CatalogTrack): CatalogTrackDto {
  return {
    id: track.id,
    key: track.key,
    artist: track.artist,
    title: track.title,
    youtubeId: track.youtubeId,
    durationMs: track.durationMs,
    artworkUrl: track.artworkUrl ?? null,
    pinnedBy: track.pin.by,
    unavailable: track.unavailable,
  };
}
