import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LavalinkNodeDto, LogEntryDto, SystemStatusDto } from '@accord/contracts';
import { LavalinkNodeResponseDto, LogEntryResponseDto, LogQueryDto, SystemStatusResponseDto } from '../dto/system.dto';
import { OwnerApi } from '../http/admin-api.decorators';
import { AdminSystemService } from './admin-system.service';

@ApiTags('system')
@Controller()
@OwnerApi()
export class SystemController {
  constructor(private readonly system: AdminSystemService) {}

  @Get('nodes')
  @ApiOperation({ summary: 'Lavalink nodes: state, players, CPU, memory, frame stats, passthrough vs. transcoding' })
  @ApiOkResponse({ type: [LavalinkNodeResponseDto] })
  nodes(): LavalinkNodeDto[] {
    return this.system.nodes();
  }

  @Get('logs')
  @ApiOperation({ summary: 'Recent log lines (redacted), oldest first, filtered' })
  @ApiOkResponse({ type: [LogEntryResponseDto] })
  logs(@Query() query: LogQueryDto): LogEntryDto[] {
    return this.system.logs(query);
  }

  @Get('system')
  @ApiOperation({ summary: 'Process and connection status: uptime, memory, latencies, players, live clients' })
  @ApiOkResponse({ type: SystemStatusResponseDto })
  status(): Promise<SystemStatusDto> {
    return this.system.system();
  }
}
