import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  FILTER_PRESET_NAMES,
  LOOP_MODE_NAMES,
  SEGMENT_CATEGORY_NAMES,
  type EnqueuedPlaylistDto,
  type EnqueueRequest,
  type EnqueueResultDto,
  type FilterPresetName,
  type FilterRequest,
  type LoopModeName,
  type LoopRequest,
  type MoveRequest,
  type NowPlayingDto,
  type PlayerStateDto,
  type QueueChangeResultDto,
  type QueueEntryDto,
  type QueuePageDto,
  type QueueQuery,
  type SeekRequest,
  type SegmentCategoryName,
  type SkippedSegmentDto,
  type SkipResultDto,
  type TrackDto,
  type TrackSourceName,
  type VolumeRequest,
} from '@accord/contracts';
import { MAX_USER_VOLUME } from '../../../domain/playback/audio-settings';
import { MAX_QUERY_LENGTH } from '../../../domain/catalog/link-parser';
import { MAX_QUEUE_LENGTH } from '../../../domain/playback/playback.types';
import { QueryInt } from './transforms';

export const MAX_PAGE_SIZE = 100;
const TWELVE_HOURS_MS = 12 * 60 * 60 * 1000;

// --- requests ------------------------------------------------------------------------------

export class SeekDto implements SeekRequest {
  @ApiProperty({ description: 'Where to jump to, in ms from the start', minimum: 0, maximum: TWELVE_HOURS_MS })
  @IsInt()
  @Min(0)
  @Max(TWELVE_HOURS_MS)
  positionMs!: number;
}

export class VolumeDto implements VolumeRequest {
  @ApiProperty({ description: '0-150; 100 keeps Opus passthrough', minimum: 0, maximum: MAX_USER_VOLUME })
  @IsInt()
  @Min(0)
  @Max(MAX_USER_VOLUME)
  volume!: number;
}

export class FilterDto implements FilterRequest {
  @ApiProperty({ enum: FILTER_PRESET_NAMES, nullable: true, description: 'null switches filters off' })
  @ValidateIf((dto: FilterDto) => dto.filter !== null)
  @IsDefined({ message: 'filter must be one of the presets or null' })
  @IsIn(FILTER_PRESET_NAMES)
  filter!: FilterPresetName | null;
}

export class LoopDto implements LoopRequest {
  @ApiProperty({ enum: LOOP_MODE_NAMES })
  @IsIn(LOOP_MODE_NAMES)
  mode!: LoopModeName;
}

export class MoveDto implements MoveRequest {
  @ApiProperty({ description: '1-based queue position of the entry', minimum: 1, maximum: MAX_QUEUE_LENGTH })
  @IsInt()
  @Min(1)
  @Max(MAX_QUEUE_LENGTH)
  from!: number;

  @ApiProperty({ description: '1-based position to move it to', minimum: 1, maximum: MAX_QUEUE_LENGTH })
  @IsInt()
  @Min(1)
  @Max(MAX_QUEUE_LENGTH)
  to!: number;
}

export class EnqueueDto implements EnqueueRequest {
  @ApiProperty({
    description: 'A song ("artist - title") or a YouTube, Spotify, Deezer or SoundCloud link; trimmed',
    minLength: 1,
    maxLength: MAX_QUERY_LENGTH,
    example: 'Daft Punk - One More Time',
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, MAX_QUERY_LENGTH, { message: `query must be 1-${MAX_QUERY_LENGTH} characters once trimmed` })
  query!: string;

  @ApiPropertyOptional({ default: false, description: 'Right after the current track instead of at the end' })
  @IsOptional()
  @IsBoolean()
  next?: boolean;
}

export class QueueItemParamsDto {
  @ApiProperty({ example: '123456789012345678' })
  @Matches(/^\d{17,20}$/, { message: 'guildId must be a Discord id (17-20 digits)' })
  guildId!: string;

  @ApiProperty({ description: '1-based queue position', minimum: 1, maximum: MAX_QUEUE_LENGTH })
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(MAX_QUEUE_LENGTH)
  position!: number;
}

export class QueueQueryDto implements QueueQuery {
  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(0)
  @Max(MAX_QUEUE_LENGTH)
  offset?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 25, description: 'Above 100 is served as 100' })
  @IsOptional()
  @QueryInt(MAX_PAGE_SIZE)
  @IsInt()
  @Min(1)
  limit?: number;
}

// --- responses -----------------------------------------------------------------------------

export class TrackResponseDto implements TrackDto {
  @ApiProperty()
  title!: string;

  @ApiProperty()
  author!: string;

  @ApiProperty({ type: String, nullable: true })
  uri!: string | null;

  @ApiProperty({ type: String, nullable: true })
  artworkUrl!: string | null;

  @ApiProperty()
  durationMs!: number;

  @ApiProperty()
  isStream!: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'YouTube video id' })
  identifier!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Canonical catalog key' })
  trackKey!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Where the audio comes from (youtube, soundcloud, bandcamp, http)',
  })
  sourceName!: string | null;
}

export class QueueItemResponseDto implements Omit<QueueEntryDto, 'position'> {
  @ApiProperty({ description: 'Stable while the entry moves' })
  id!: string;

  @ApiProperty({ type: TrackResponseDto })
  track!: TrackResponseDto;

  @ApiProperty({ type: String, nullable: true })
  requestedBy!: string | null;

  @ApiProperty({ enum: ['request', 'autoplay', 'discovery', 'import'] })
  source!: TrackSourceName;

  @ApiProperty({ type: String, nullable: true, description: 'Why autoplay picked it' })
  reason!: string | null;

  @ApiProperty({ format: 'date-time' })
  addedAt!: string;
}

export class QueueEntryResponseDto extends QueueItemResponseDto implements QueueEntryDto {
  @ApiProperty({ description: '1-based queue position' })
  position!: number;
}

export class SkippedSegmentResponseDto implements SkippedSegmentDto {
  @ApiProperty({ enum: SEGMENT_CATEGORY_NAMES })
  category!: SegmentCategoryName;

  @ApiProperty()
  startMs!: number;

  @ApiProperty()
  endMs!: number;
}

export class NowPlayingResponseDto implements NowPlayingDto {
  @ApiProperty({ type: QueueItemResponseDto })
  entry!: QueueItemResponseDto;

  @ApiProperty()
  positionMs!: number;

  @ApiProperty()
  paused!: boolean;

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiProperty({ type: SkippedSegmentResponseDto, isArray: true })
  skippedSegments!: SkippedSegmentResponseDto[];
}

export class PlayerStateResponseDto implements PlayerStateDto {
  @ApiProperty()
  guildId!: string;

  @ApiProperty({ description: 'False when the bot is not in voice there' })
  active!: boolean;

  @ApiProperty({ type: String, nullable: true })
  voiceChannelId!: string | null;

  @ApiProperty({ type: NowPlayingResponseDto, nullable: true })
  current!: NowPlayingResponseDto | null;

  @ApiProperty()
  queueLength!: number;

  @ApiProperty({ enum: LOOP_MODE_NAMES })
  loop!: LoopModeName;

  @ApiProperty({ minimum: 0, maximum: MAX_USER_VOLUME })
  volume!: number;

  @ApiProperty({ enum: FILTER_PRESET_NAMES, nullable: true })
  filter!: FilterPresetName | null;

  @ApiProperty()
  twentyFourSeven!: boolean;

  @ApiProperty()
  listenerCount!: number;

  @ApiProperty({ description: 'Volume or a filter make Lavalink re-encode' })
  transcoding!: boolean;

  @ApiProperty({ type: String, nullable: true })
  node!: string | null;
}

export class QueuePageResponseDto implements QueuePageDto {
  @ApiProperty()
  guildId!: string;

  @ApiProperty()
  total!: number;

  @ApiProperty()
  offset!: number;

  @ApiProperty()
  limit!: number;

  @ApiProperty({ type: [QueueEntryResponseDto] })
  items!: QueueEntryResponseDto[];
}

export class SkipResultResponseDto implements SkipResultDto {
  @ApiProperty({ type: QueueItemResponseDto })
  skipped!: QueueItemResponseDto;

  @ApiProperty({ type: QueueItemResponseDto, nullable: true })
  next!: QueueItemResponseDto | null;

  @ApiProperty({ type: PlayerStateResponseDto })
  player!: PlayerStateResponseDto;
}

export class QueueChangeResultResponseDto implements QueueChangeResultDto {
  @ApiProperty({ type: QueueItemResponseDto, description: 'The entry removed or moved' })
  entry!: QueueItemResponseDto;

  @ApiProperty({ type: PlayerStateResponseDto })
  player!: PlayerStateResponseDto;
}

export class EnqueuedPlaylistResponseDto implements EnqueuedPlaylistDto {
  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'Tracks the playlist has, as loaded (at most 1,000 are read)' })
  found!: number;

  @ApiProperty({ description: "Tracks past the catalog's playlist cap, not queued" })
  leftOut!: number;

  @ApiProperty({ description: `Tracks that fit in the queue (at most ${MAX_QUEUE_LENGTH} entries): queued in all` })
  total!: number;

  @ApiProperty({ description: 'The rest is still being added in the background' })
  loading!: boolean;

  @ApiProperty({ description: 'The queue filled up before the whole playlist fitted' })
  full!: boolean;
}

export class EnqueueResultResponseDto implements EnqueueResultDto {
  @ApiProperty({ enum: ['track', 'playlist'] })
  kind!: 'track' | 'playlist';

  @ApiProperty({
    type: QueueItemResponseDto,
    nullable: true,
    description: "The track queued, or the playlist's first track (null for a playlist queued next)",
  })
  first!: QueueItemResponseDto | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: '1-based queue position of `first`; 0 when it started playing at once',
  })
  firstPosition!: number | null;

  @ApiProperty({ description: 'Nothing was playing and the first track started' })
  startedPlaying!: boolean;

  @ApiProperty({ description: 'Queued right after the current track' })
  next!: boolean;

  @ApiProperty({ description: 'Entries this request has queued by the time of the answer' })
  queued!: number;

  @ApiProperty({ type: EnqueuedPlaylistResponseDto, nullable: true })
  playlist!: EnqueuedPlaylistResponseDto | null;

  @ApiProperty({ type: PlayerStateResponseDto })
  player!: PlayerStateResponseDto;
}
