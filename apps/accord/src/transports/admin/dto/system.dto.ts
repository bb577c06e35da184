import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import type {
  LavalinkNodeDto,
  LavalinkPlayerDto,
  LogEntryDto,
  LogLevelName,
  LogQuery,
  SystemStatusDto,
} from '@accord/contracts';
import { LOG_LEVELS } from '../../../config/env.schema';
import { QueryInt } from './transforms';

export const MAX_LOG_PAGE = 500;

export class LogQueryDto implements LogQuery {
  @ApiPropertyOptional({ enum: LOG_LEVELS, description: 'The least severe level shown (warn: warn and error)' })
  @IsOptional()
  @IsIn(LOG_LEVELS)
  level?: LogLevelName;

  @ApiPropertyOptional({ description: 'Exact logger context, e.g. PlaybackService' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  context?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive text in the message' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({ description: 'Only entries after this sequence number (for polling)' })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(0)
  afterSeq?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LOG_PAGE, default: 200, description: 'Above 500 is served as 500' })
  @IsOptional()
  @QueryInt(MAX_LOG_PAGE)
  @IsInt()
  @Min(1)
  limit?: number;
}

export class LogEntryResponseDto implements LogEntryDto {
  @ApiProperty()
  seq!: number;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ example: 'info' })
  level!: string;

  @ApiProperty({ type: String, nullable: true })
  context!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Interaction or request id' })
  correlationId!: string | null;

  @ApiProperty()
  message!: string;

  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true })
  meta!: Record<string, unknown> | null;
}

class CpuResponseDto {
  @ApiProperty()
  lavalinkLoad!: number;

  @ApiProperty()
  systemLoad!: number;

  @ApiProperty()
  cores!: number;
}

class MemoryResponseDto {
  @ApiProperty()
  usedBytes!: number;

  @ApiProperty()
  allocatedBytes!: number;
}

class FrameStatsResponseDto {
  @ApiProperty()
  sent!: number;

  @ApiProperty()
  nulled!: number;

  @ApiProperty()
  deficit!: number;
}

export class LavalinkPlayerResponseDto implements LavalinkPlayerDto {
  @ApiProperty()
  guildId!: string;

  @ApiProperty()
  playing!: boolean;

  @ApiProperty()
  transcoding!: boolean;
}

export class LavalinkNodeResponseDto implements LavalinkNodeDto {
  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ['connecting', 'connected', 'disconnecting', 'disconnected', 'gave-up'] })
  state!: LavalinkNodeDto['state'];

  @ApiProperty()
  players!: number;

  @ApiProperty()
  playingPlayers!: number;

  @ApiProperty({ type: CpuResponseDto, nullable: true })
  cpu!: CpuResponseDto | null;

  @ApiProperty({ type: MemoryResponseDto, nullable: true })
  memory!: MemoryResponseDto | null;

  @ApiProperty({ type: FrameStatsResponseDto, nullable: true, description: 'Per minute; null when nothing plays' })
  frameStats!: FrameStatsResponseDto | null;

  @ApiProperty({ type: Number, nullable: true })
  uptimeMs!: number | null;

  @ApiProperty({ type: [LavalinkPlayerResponseDto] })
  guilds!: LavalinkPlayerResponseDto[];

  @ApiProperty({ description: 'Players streaming Opus untouched' })
  passthroughPlayers!: number;

  @ApiProperty({ description: 'Players re-encoding (volume or filters)' })
  transcodingPlayers!: number;
}

class DiscordStatusResponseDto {
  @ApiProperty()
  ready!: boolean;

  @ApiProperty({ type: Number, nullable: true })
  gatewayPingMs!: number | null;

  @ApiProperty()
  guilds!: number;
}

class NodePingResponseDto {
  @ApiProperty()
  name!: string;

  @ApiProperty({ type: Number, nullable: true })
  pingMs!: number | null;
}

export class SystemStatusResponseDto implements SystemStatusDto {
  @ApiProperty()
  uptimeS!: number;

  @ApiProperty()
  rssBytes!: number;

  @ApiProperty()
  heapUsedBytes!: number;

  @ApiProperty({ type: DiscordStatusResponseDto })
  discord!: DiscordStatusResponseDto;

  @ApiProperty({ type: Number, nullable: true })
  databasePingMs!: number | null;

  @ApiProperty({ type: [NodePingResponseDto] })
  lavalink!: NodePingResponseDto[];

  @ApiProperty()
  activePlayers!: number;

  @ApiProperty({ description: 'Open panel WebSocket connections' })
  liveClients!: number;
}
