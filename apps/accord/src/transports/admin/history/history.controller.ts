import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { GuildStatsDto, HistoryPageDto } from '@accord/contracts';
import { GuildStatsResponseDto, HistoryPageResponseDto, HistoryQueryDto, StatsQueryDto } from '../dto/history.dto';
import { GuildApi } from '../http/admin-api.decorators';
import { AdminHistoryService } from './admin-history.service';

@ApiTags('history')
@Controller('guilds/:guildId')
@GuildApi()
export class HistoryController {
  constructor(private readonly plays: AdminHistoryService) {}

  @Get('history')
  @ApiOperation({ summary: "The guild's plays, newest first, filtered; page back with `before`" })
  @ApiOkResponse({ type: HistoryPageResponseDto })
  history(@Param('guildId') guildId: string, @Query() query: HistoryQueryDto): Promise<HistoryPageDto> {
    return this.plays.page(guildId, query);
  }

  @Get('stats')
  @ApiOperation({
    summary:
      'Plays per day, top tracks and artists, skip rate, discovery acceptance, and per listener plays heard and fitting picks over N days',
  })
  @ApiOkResponse({ type: GuildStatsResponseDto })
  stats(@Param('guildId') guildId: string, @Query() query: StatsQueryDto): Promise<GuildStatsDto> {
    return this.plays.stats(guildId, query);
  }
}
