import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type {
  DailyPlaysDto,
  GuildStatsDto,
  HistoryPageDto,
  ListenerStatsDto,
  HistoryQuery,
  PlayDto,
  PlaySourceName,
  StatsQuery,
  TopArtistDto,
  TopTrackDto,
  TrackEndReasonName,
} from '@accord/contracts';
import { FITTING_PICK_MIN } from '@accord/contracts';
import { QueryInt } from './transforms';

export const MAX_HISTORY_PAGE = 100;
export const MAX_STATS_DAYS = 90;
export const PLAY_SOURCES: PlaySourceName[] = ['request', 'autoplay', 'discovery', 'import'];
export const END_REASONS: TrackEndReasonName[] = ['finished', 'skipped', 'stopped', 'error', 'replaced'];

export class HistoryQueryDto implements HistoryQuery {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_HISTORY_PAGE,
    default: 50,
    description: 'Above 100 is served as 100',
  })
  @IsOptional()
  @QueryInt(MAX_HISTORY_PAGE)
  @IsInt()
  @Min(1)
  limit?: number;

  @ApiPropertyOptional({
    format: 'date-time',
    description: "Plays that started before this (the last page's nextBefore)",
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  before?: string;

  @ApiPropertyOptional({ description: 'Plays this user listened to' })
  @IsOptional()
  @Matches(/^\d{17,20}$/, { message: 'userId must be a Discord id (17-20 digits)' })
  userId?: string;

  @ApiPropertyOptional({ description: 'One song, by its key (artist|title)' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  trackKey?: string;

  @ApiPropertyOptional({ enum: PLAY_SOURCES })
  @IsOptional()
  @IsIn(PLAY_SOURCES)
  source?: PlaySourceName;

  @ApiPropertyOptional({ enum: END_REASONS })
  @IsOptional()
  @IsIn(END_REASONS)
  endReason?: TrackEndReasonName;
}

export class StatsQueryDto implements StatsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_STATS_DAYS, default: 7, description: 'Above 90 is served as 90' })
  @IsOptional()
  @QueryInt(MAX_STATS_DAYS)
  @IsInt()
  @Min(1)
  @Max(MAX_STATS_DAYS)
  days?: number;
}

export class PlayResponseDto implements PlayDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  trackKey!: string;

  @ApiProperty()
  artistKey!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  artist!: string;

  @ApiProperty({ type: String, nullable: true })
  youtubeId!: string | null;

  @ApiProperty()
  durationMs!: number;

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  endedAt!: string | null;

  @ApiProperty()
  playedMs!: number;

  @ApiProperty({ enum: END_REASONS, nullable: true })
  endReason!: TrackEndReasonName | null;

  @ApiProperty({ enum: PLAY_SOURCES })
  source!: PlaySourceName;

  @ApiProperty({ type: String, nullable: true })
  requestedBy!: string | null;

  @ApiProperty({ type: [String] })
  listeners!: string[];

  @ApiProperty({ type: String, nullable: true })
  skippedBy!: string | null;

  @ApiProperty()
  likes!: number;

  @ApiProperty()
  dislikes!: number;
}

export class HistoryPageResponseDto implements HistoryPageDto {
  @ApiProperty({ type: [PlayResponseDto] })
  plays!: PlayResponseDto[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextBefore!: string | null;
}

class DailyPlaysResponseDto implements DailyPlaysDto {
  @ApiProperty({ example: '2026-01-31' })
  day!: string;

  @ApiProperty()
  plays!: number;
}

class TopTrackResponseDto implements TopTrackDto {
  @ApiProperty()
  trackKey!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  artist!: string;

  @ApiProperty()
  plays!: number;
}

class TopArtistResponseDto implements TopArtistDto {
  @ApiProperty()
  artistKey!: string;

  @ApiProperty()
  artist!: string;

  @ApiProperty()
  plays!: number;
}

class DiscoveryStatsResponseDto {
  @ApiProperty()
  played!: number;

  @ApiProperty({ description: 'Finished or liked' })
  accepted!: number;

  @ApiProperty()
  skipped!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'accepted / (accepted + skipped)' })
  acceptanceRate!: number | null;
}

class ListenerStatsResponseDto implements ListenerStatsDto {
  @ApiProperty()
  userId!: string;

  @ApiProperty({ description: "Plays that started in the span while they were present (among the play's listeners)" })
  plays!: number;

  @ApiProperty({
    description: "Autoplay's picks (sources autoplay and discovery) in the span that recorded a fit for this listener",
  })
  picks!: number;

  @ApiProperty({
    description:
      `Of those picks, the ones that fitted them: a recorded fit of at least ${FITTING_PICK_MIN}, the relative fit ` +
      '(0-1 of the best the recommender could have picked for them) from which it counts a pick as serving a listener',
  })
  fittingPicks!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'fittingPicks / picks, 0-1; null without picks' })
  fittingShare!: number | null;
}

export class GuildStatsResponseDto implements GuildStatsDto {
  @ApiProperty()
  days!: number;

  @ApiProperty({ format: 'date-time' })
  since!: string;

  @ApiProperty({ description: 'Every play that started in the span, the one playing now included' })
  totalPlays!: number;

  @ApiProperty({ description: 'Always false now that every play of the span is counted; kept for older panels' })
  truncated!: boolean;

  @ApiProperty({ type: [DailyPlaysResponseDto] })
  playsPerDay!: DailyPlaysResponseDto[];

  @ApiProperty({ type: [TopTrackResponseDto] })
  topTracks!: TopTrackResponseDto[];

  @ApiProperty({ type: [TopArtistResponseDto] })
  topArtists!: TopArtistResponseDto[];

  @ApiProperty({ type: Number, nullable: true })
  skipRate!: number | null;

  @ApiProperty({ type: DiscoveryStatsResponseDto })
  discovery!: DiscoveryStatsResponseDto;

  @ApiProperty({
    type: [ListenerStatsResponseDto],
    description:
      "Per listener, most plays first (at most 25): plays heard and the share of autoplay's picks that fitted them",
  })
  listeners!: ListenerStatsResponseDto[];
}
