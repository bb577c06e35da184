import { Module } from '@nestjs/common';
import { LavalinkModule } from '../../adapters/lavalink/lavalink.module';
import { SourceHealthService } from './source-health.service';
import { SystemStatusService } from './system-status.service';

/**
 * How each part the bot depends on is doing (Discord, Lavalink nodes, MongoDB, and whether YouTube
 * plays), for /ping and the health API.
 */
@Module({
  imports: [LavalinkModule],
  providers: [SystemStatusService, SourceHealthService],
  exports: [SystemStatusService, SourceHealthService],
})
export class HealthModule {}
