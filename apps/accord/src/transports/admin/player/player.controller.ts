import { Body, Controller, Delete, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { EnqueueResultDto, PlayerStateDto, QueueChangeResultDto, SkipResultDto } from '@accord/contracts';
import { CurrentSession } from '../auth/admin-request';
import type { ActiveSession } from '../auth/admin-session.types';
import { ApiErrorResponseDto } from '../dto/api-error.dto';
import {
  EnqueueDto,
  EnqueueResultResponseDto,
  FilterDto,
  LoopDto,
  MoveDto,
  PlayerStateResponseDto,
  QueueChangeResultResponseDto,
  QueueItemParamsDto,
  SeekDto,
  SkipResultResponseDto,
  VolumeDto,
} from '../dto/player.dto';
import { GuildApi } from '../http/admin-api.decorators';
import { EnqueueService } from './enqueue.service';
import { PlayerControlService } from './player-control.service';

/** Player controls. 409 (NOTHING_PLAYING, ALREADY_PAUSED, ...) when the player's state does not allow it. */
@ApiTags('player')
@Controller('guilds/:guildId')
@GuildApi()
@ApiConflictResponse({ type: ApiErrorResponseDto, description: 'No player here, or its state refuses (code says why)' })
@ApiServiceUnavailableResponse({ type: ApiErrorResponseDto, description: 'No Lavalink node (AUDIO_UNAVAILABLE)' })
export class PlayerController {
  constructor(
    private readonly player: PlayerControlService,
    private readonly enqueuer: EnqueueService,
  ) {}

  @Post('queue')
  @ApiOperation({
    summary: 'Add a song, link or playlist to the queue, resolved as /play does (the bot must be playing here)',
    description:
      'The signed-in user is the requester. A playlist queues its first 15 tracks before the answer and the rest ' +
      'in the background (the catalog reads at most 1,000 tracks; the queue holds at most 5,000). ' +
      '409 NO_PLAYER when the bot is not in a voice channel here (the panel cannot join one), 409 QUEUE_FULL.',
  })
  @ApiCreatedResponse({ type: EnqueueResultResponseDto })
  @ApiUnprocessableEntityResponse({
    type: ApiErrorResponseDto,
    description: 'Nothing to play: NOTHING_FOUND, UNSUPPORTED_LINK or PLAYLIST_EMPTY (message says what to try)',
  })
  @ApiBadGatewayResponse({
    type: ApiErrorResponseDto,
    description: 'Spotify or Deezer did not answer (SOURCE_UNAVAILABLE)',
  })
  enqueue(
    @Param('guildId') guildId: string,
    @Body() body: EnqueueDto,
    @CurrentSession() session: ActiveSession,
  ): Promise<EnqueueResultDto> {
    return this.enqueuer.enqueue(guildId, session.userId, body);
  }

  @Post('player/pause')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Pause' })
  @ApiOkResponse({ type: PlayerStateResponseDto })
  pause(@Param('guildId') guildId: string): Promise<PlayerStateDto> {
    return this.player.pause(guildId);
  }

  @Post('player/resume')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Resume' })
  @ApiOkResponse({ type: PlayerStateResponseDto })
  resume(@Param('guildId') guildId: string): Promise<PlayerStateDto> {
    return this.player.resume(guildId);
  }

  @Post('player/skip')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Skip the current track' })
  @ApiOkResponse({ type: SkipResultResponseDto })
  skip(@Param('guildId') guildId: string, @CurrentSession() session: ActiveSession): Promise<SkipResultDto> {
    return this.player.skip(guildId, session.userId);
  }

  @Post('player/stop')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Clear the queue, stop and leave the voice channel' })
  @ApiOkResponse({ type: PlayerStateResponseDto })
  stop(@Param('guildId') guildId: string): Promise<PlayerStateDto> {
    return this.player.stop(guildId);
  }

  @Post('player/seek')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Jump to a position (400 SEEK_PAST_END beyond the track)' })
  @ApiOkResponse({ type: PlayerStateResponseDto })
  seek(@Param('guildId') guildId: string, @Body() body: SeekDto): Promise<PlayerStateDto> {
    return this.player.seek(guildId, body.positionMs);
  }

  @Put('player/volume')
  @ApiOperation({ summary: 'Set the volume (100 keeps passthrough)' })
  @ApiOkResponse({ type: PlayerStateResponseDto })
  volume(@Param('guildId') guildId: string, @Body() body: VolumeDto): Promise<PlayerStateDto> {
    return this.player.volume(guildId, body.volume);
  }

  @Put('player/filter')
  @ApiOperation({
    summary: 'Apply a filter preset, or null for none (403 FILTER_NOT_ALLOWED when the guild switched it off)',
  })
  @ApiOkResponse({ type: PlayerStateResponseDto })
  filter(@Param('guildId') guildId: string, @Body() body: FilterDto): Promise<PlayerStateDto> {
    return this.player.filter(guildId, body.filter);
  }

  @Put('player/loop')
  @ApiOperation({ summary: 'Loop off, the track, or the queue' })
  @ApiOkResponse({ type: PlayerStateResponseDto })
  loop(@Param('guildId') guildId: string, @Body() body: LoopDto): Promise<PlayerStateDto> {
    return this.player.loop(guildId, body.mode);
  }

  @Post('queue/shuffle')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Shuffle the queue (409 QUEUE_EMPTY with fewer than two entries)' })
  @ApiOkResponse({ type: PlayerStateResponseDto })
  shuffle(@Param('guildId') guildId: string): Promise<PlayerStateDto> {
    return this.player.shuffle(guildId);
  }

  @Post('queue/move')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Move an entry (1-based positions; 400 POSITION_OUT_OF_RANGE)' })
  @ApiOkResponse({ type: QueueChangeResultResponseDto })
  move(@Param('guildId') guildId: string, @Body() body: MoveDto): Promise<QueueChangeResultDto> {
    return this.player.move(guildId, body.from, body.to);
  }

  @Delete('queue/:position')
  @ApiOperation({ summary: 'Remove the entry at a 1-based position' })
  @ApiOkResponse({ type: QueueChangeResultResponseDto })
  remove(@Param() params: QueueItemParamsDto): Promise<QueueChangeResultDto> {
    return this.player.remove(params.guildId, params.position);
  }
}
