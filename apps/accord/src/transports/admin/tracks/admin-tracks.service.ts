import { Injectable } from '@nestjs/common';
import type { CatalogTrackDto, TrackCandidatesDto } from '@accord/contracts';
import { TrackPinningService } from '../../../domain/catalog/track-pinning.service';
import { TrackSuggestionService } from '../../../domain/catalog/track-suggestion.service';
import type { CatalogTrack } from '../../../domain/catalog/catalog.types';
import { GuildDirectory } from '../../../adapters/discord-client/guild-directory.adapter';
import { MAX_TRACK_PAGE } from '../dto/tracks.dto';

const DEFAULT_PAGE = 25;

/** The shared song catalog for owners: search, candidates, re-pin and merge (the same as /fix). */
@Injectable()
export class AdminTracksService {
  constructor(
    private readonly pinning: TrackPinningService,
    private readonly suggestions: TrackSuggestionService,
    private readonly directory: GuildDirectory,
  ) {}

  async search(q: string, limit = DEFAULT_PAGE): Promise<CatalogTrackDto[]> {
    return (await this.suggestions.searchKnown(q, Math.min(limit, MAX_TRACK_PAGE))).map((track) =>
      this.toTrackDto(track),
    );
  }

  async candidates(trackId: string): Promise<TrackCandidatesDto> {
    const found = await this.pinning.candidates(trackId);
    return { track: this.toTrackDto(found.track), candidates: found.candidates };
  }

  async pin(trackId: string, youtubeId: string, userId: string): Promise<CatalogTrackDto> {
    return this.toTrackDto(
      await this.pinning.repin(trackId, youtubeId, 'user', { userId, guildId: null, via: 'panel' }),
    );
  }

  async merge(fromTrackId: string, toTrackId: string): Promise<CatalogTrackDto> {
    return this.toTrackDto(await this.pinning.merge(fromTrackId, toTrackId));
  }

  /** A song for the panel; the people and servers of its re-pins named as Discord shows them now. */
  private toTrackDto(track: CatalogTrack): CatalogTrackDto {
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
      pinHistory: track.pinHistory
        .map((record) => ({
          at: record.at.toISOString(),
          fromYoutubeId: record.fromYoutubeId,
          youtubeId: record.youtubeId,
          by: record.by,
          userId: record.actor?.userId ?? null,
          userName: record.actor ? this.directory.personName(record.actor.userId, record.actor.guildId) : null,
          guildId: record.actor?.guildId ?? null,
          guildName: record.actor?.guildId ? this.directory.guildName(record.actor.guildId) : null,
          via: record.actor?.via ?? null,
        }))
        .reverse(),
    };
  }
}
