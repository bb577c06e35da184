import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import type {
  CatalogTrackDto,
  MergeTracksRequest,
  PinRecordDto,
  PinTrackRequest,
  TrackCandidateDto,
  TrackCandidatesDto,
  TrackSearchQuery,
} from '@accord/contracts';
import { QueryInt } from './transforms';

export const MAX_TRACK_PAGE = 100;
const TRACK_ID = /^[0-9a-f]{24}$/;

export class TrackSearchQueryDto implements TrackSearchQuery {
  @ApiProperty({ description: 'Start of "artist title" or of the title' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  q!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_TRACK_PAGE, default: 25, description: 'Above 100 is served as 100' })
  @IsOptional()
  @QueryInt(MAX_TRACK_PAGE)
  @IsInt()
  @Min(1)
  limit?: number;
}

export class PinTrackDto implements PinTrackRequest {
  @ApiProperty({ example: 'dQw4w9WgXcQ' })
  @Matches(/^[\w-]{11}$/, { message: 'youtubeId must be a YouTube video id (11 characters)' })
  youtubeId!: string;
}

export class MergeTracksDto implements MergeTracksRequest {
  @ApiProperty({ description: 'The track that is deleted' })
  @Matches(TRACK_ID, { message: 'fromTrackId must be a track id' })
  fromTrackId!: string;

  @ApiProperty({ description: 'The track that stays' })
  @Matches(TRACK_ID, { message: 'toTrackId must be a track id' })
  toTrackId!: string;
}

export class CatalogTrackResponseDto implements CatalogTrackDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ example: 'daft punk|one more time' })
  key!: string;

  @ApiProperty()
  artist!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  youtubeId!: string;

  @ApiProperty()
  durationMs!: number;

  @ApiProperty({ type: String, nullable: true })
  artworkUrl!: string | null;

  @ApiProperty({ enum: ['auto', 'user'] })
  pinnedBy!: 'auto' | 'user';

  @ApiProperty()
  unavailable!: boolean;

  @ApiProperty({ type: () => [PinRecordResponseDto], description: 'The last re-pins, newest first' })
  pinHistory!: PinRecordDto[];
}

export class PinRecordResponseDto implements PinRecordDto {
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty()
  fromYoutubeId!: string;

  @ApiProperty()
  youtubeId!: string;

  @ApiProperty({ enum: ['auto', 'user'] })
  by!: 'auto' | 'user';

  @ApiProperty({ type: String, nullable: true, description: 'Who chose the video; null for the catalog' })
  userId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Their name as Discord shows it now' })
  userName!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The server /fix was used in' })
  guildId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  guildName!: string | null;

  @ApiProperty({ enum: ['discord', 'panel'], nullable: true })
  via!: 'discord' | 'panel' | null;
}

export class TrackCandidateResponseDto implements TrackCandidateDto {
  @ApiProperty()
  youtubeId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  author!: string;

  @ApiProperty()
  durationMs!: number;

  @ApiProperty()
  uri!: string;

  @ApiProperty()
  score!: number;

  @ApiProperty({ type: [String] })
  reasons!: string[];

  @ApiProperty({ description: 'The video the song is pinned to now' })
  current!: boolean;
}

export class TrackCandidatesResponseDto implements TrackCandidatesDto {
  @ApiProperty({ type: CatalogTrackResponseDto })
  track!: CatalogTrackResponseDto;

  @ApiProperty({ type: [TrackCandidateResponseDto] })
  candidates!: TrackCandidateResponseDto[];
}
