import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { GuildSummaryDto, ListenerDto, PlayerStateDto, QueuePageDto } from '@accord/contracts';
import { CurrentSession } from '../auth/admin-request';
import type { ActiveSession } from '../auth/admin-session.types';
import { GuildSummaryResponseDto, ListenerResponseDto } from '../dto/guild.dto';
import { PlayerStateResponseDto, QueuePageResponseDto, QueueQueryDto } from '../dto/player.dto';
import { AdminApi, GuildApi } from '../http/admin-api.decorators';
import { AdminGuildsService } from './admin-guilds.service';

@ApiTags('guilds')
@Controller('guilds')
export class GuildsController {
  constructor(private readonly guilds: AdminGuildsService) {}

  @Get()
  @AdminApi()
  @ApiOperation({ summary: 'Guilds the bot is in that you manage (owners: all)' })
  @ApiOkResponse({ type: [GuildSummaryResponseDto] })
  list(@CurrentSession() session: ActiveSession): Promise<GuildSummaryDto[]> {
    return this.guilds.list(session);
  }

  @Get(':guildId/player')
  @GuildApi()
  @ApiOperation({ summary: 'The player: now playing, volume, filter, loop, listeners (active: false when idle)' })
  @ApiOkResponse({ type: PlayerStateResponseDto })
  player(@Param('guildId') guildId: string): Promise<PlayerStateDto> {
    return this.guilds.player(guildId);
  }

  @Get(':guildId/queue')
  @GuildApi()
  @ApiOperation({ summary: 'A page of the queue (after the current track)' })
  @ApiOkResponse({ type: QueuePageResponseDto })
  queue(@Param('guildId') guildId: string, @Query() query: QueueQueryDto): QueuePageDto {
    return this.guilds.queue(guildId, query.offset, query.limit);
  }

  @Get(':guildId/listeners')
  @GuildApi()
  @ApiOperation({ summary: "Who is in the bot's voice channel and can hear it" })
  @ApiOkResponse({ type: [ListenerResponseDto] })
  listeners(@Param('guildId') guildId: string): ListenerDto[] {
    return this.guilds.listeners(guildId);
  }
}
