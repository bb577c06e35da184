import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  FILTER_PRESET_NAMES,
  SEGMENT_CATEGORY_NAMES,
  type FilterPresetName,
  type SegmentCategoryName,
  type GuildAccessLevel,
  type GuildSettingsDto,
  type GuildSettingsPatch,
  type GuildSummaryDto,
  type ListenerDto,
} from '@accord/contracts';
import { LANGUAGES, type Language } from '@accord/i18n';
import { MAX_USER_VOLUME } from '../../../domain/playback/audio-settings';

const SNOWFLAKE = /^\d{17,20}$/;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
const DAY_S = 24 * 60 * 60;

export class GuildSummaryResponseDto implements GuildSummaryDto {
  @ApiProperty({ example: '123456789012345678' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  iconUrl!: string | null;

  @ApiProperty({ enum: ['manage', 'dj'], description: 'manage: settings too; dj: player controls' })
  access!: GuildAccessLevel;

  @ApiProperty()
  playing!: boolean;

  @ApiProperty()
  listenerCount!: number;
}

export class ListenerResponseDto implements ListenerDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ type: String, nullable: true })
  username!: string | null;

  @ApiProperty({ type: String, nullable: true })
  displayName!: string | null;

  @ApiProperty({ type: String, nullable: true })
  avatarUrl!: string | null;
}

export class GuildSettingsResponseDto implements GuildSettingsDto {
  @ApiProperty()
  guildId!: string;

  @ApiProperty({ type: String, nullable: true })
  djRoleId!: string | null;

  @ApiProperty({ minimum: 0, maximum: MAX_USER_VOLUME })
  defaultVolume!: number;

  @ApiProperty({ description: 'Seconds in an empty channel before leaving' })
  idleTimeoutS!: number;

  @ApiProperty()
  twentyFourSeven!: boolean;

  @ApiProperty({ type: String, nullable: true })
  announceChannelId!: string | null;

  @ApiProperty({ enum: FILTER_PRESET_NAMES, isArray: true })
  allowedFilters!: FilterPresetName[];

  @ApiProperty()
  autoplay!: boolean;

  @ApiProperty({ minimum: 0, maximum: 1 })
  discoveryShare!: number;

  @ApiProperty()
  trackCooldownMs!: number;

  @ApiProperty({ description: 'Tracks between two songs of the same artist' })
  artistSpacing!: number;

  @ApiProperty({
    enum: SEGMENT_CATEGORY_NAMES,
    isArray: true,
    description: 'SponsorBlock segments skipped in YouTube songs; empty: off',
  })
  skipSegments!: SegmentCategoryName[];

  @ApiProperty({
    enum: [...LANGUAGES],
    nullable: true,
    description:
      "Language of what the bot posts for everyone, and of replies to users whose Discord language it does not speak; null: the server's Discord language (else English)",
  })
  language!: Language | null;
}

/** Any subset of the settings; an empty body changes nothing. */
export class UpdateGuildSettingsDto implements GuildSettingsPatch {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'A role of the guild, or null' })
  @IsOptional()
  @ValidateIf((dto: UpdateGuildSettingsDto) => dto.djRoleId !== null)
  @Matches(SNOWFLAKE, { message: 'djRoleId must be a role id (17-20 digits) or null' })
  djRoleId?: string | null;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_USER_VOLUME })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_USER_VOLUME)
  defaultVolume?: number;

  @ApiPropertyOptional({ minimum: 10, maximum: DAY_S })
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(DAY_S)
  idleTimeoutS?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  twentyFourSeven?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'A text channel of the guild, or null' })
  @IsOptional()
  @ValidateIf((dto: UpdateGuildSettingsDto) => dto.announceChannelId !== null)
  @Matches(SNOWFLAKE, { message: 'announceChannelId must be a channel id (17-20 digits) or null' })
  announceChannelId?: string | null;

  @ApiPropertyOptional({ enum: FILTER_PRESET_NAMES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(FILTER_PRESET_NAMES.length)
  @IsIn(FILTER_PRESET_NAMES, { each: true })
  allowedFilters?: FilterPresetName[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  autoplay?: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: 1 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  discoveryShare?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: WEEK_MS })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(WEEK_MS)
  trackCooldownMs?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 50 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(50)
  artistSpacing?: number;

  @ApiPropertyOptional({ enum: SEGMENT_CATEGORY_NAMES, isArray: true, description: 'Empty: nothing is skipped' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(SEGMENT_CATEGORY_NAMES.length)
  @IsIn(SEGMENT_CATEGORY_NAMES, {
    each: true,
    message: `skipSegments may only hold ${SEGMENT_CATEGORY_NAMES.join(', ')}`,
  })
  skipSegments?: SegmentCategoryName[];

  @ApiPropertyOptional({
    enum: [...LANGUAGES],
    nullable: true,
    description: "null: follow the server's Discord language",
  })
  @IsOptional()
  @ValidateIf((dto: UpdateGuildSettingsDto) => dto.language !== null)
  @IsIn(LANGUAGES, { message: `language must be one of ${LANGUAGES.join(', ')}, or null` })
  language?: Language | null;
}
