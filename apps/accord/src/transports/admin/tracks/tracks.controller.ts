import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CatalogTrackDto, TrackCandidatesDto } from '@accord/contracts';
import { ApiErrorResponseDto } from '../dto/api-error.dto';
import {
  CatalogTrackResponseDto,
  MergeTracksDto,
  PinTrackDto,
  TrackCandidatesResponseDto,
  TrackSearchQueryDto,
} from '../dto/tracks.dto';
import { CurrentSession } from '../auth/admin-request';
import type { ActiveSession } from '../auth/admin-session.types';
import { OwnerApi } from '../http/admin-api.decorators';
import { AdminTracksService } from './admin-tracks.service';

@ApiTags('tracks')
@Controller('tracks')
@OwnerApi()
@ApiNotFoundResponse({ type: ApiErrorResponseDto, description: 'TRACK_NOT_FOUND' })
export class TracksController {
  constructor(private readonly tracks: AdminTracksService) {}

  @Get()
  @ApiOperation({ summary: 'Search the shared song catalog by the start of "artist title" or title (owners)' })
  @ApiOkResponse({ type: [CatalogTrackResponseDto] })
  search(@Query() query: TrackSearchQueryDto): Promise<CatalogTrackDto[]> {
    return this.tracks.search(query.q, query.limit);
  }

  @Post('merge')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Merge two songs into one: the first is deleted, its plays follow (owners)' })
  @ApiOkResponse({ type: CatalogTrackResponseDto, description: 'The song that stays' })
  merge(@Body() body: MergeTracksDto): Promise<CatalogTrackDto> {
    return this.tracks.merge(body.fromTrackId, body.toTrackId);
  }

  @Get(':trackId/candidates')
  @ApiOperation({ summary: 'The best YouTube videos for a song, the current pin among them (owners)' })
  @ApiOkResponse({ type: TrackCandidatesResponseDto })
  candidates(@Param('trackId') trackId: string): Promise<TrackCandidatesDto> {
    return this.tracks.candidates(trackId);
  }

  @Post(':trackId/pin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Pin a song to another video, for every guild (owners)' })
  @ApiOkResponse({ type: CatalogTrackResponseDto })
  pin(
    @Param('trackId') trackId: string,
    @Body() body: PinTrackDto,
    @CurrentSession() session: ActiveSession,
  ): Promise<CatalogTrackDto> {
    return this.tracks.pin(trackId, body.youtubeId, session.userId);
  }
}
