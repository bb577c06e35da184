import { Module } from '@nestjs/common';
import { LavalinkModule } from '../../adapters/lavalink/lavalink.module';
import { SystemStatusService } from './system-status.service';

/** How each part the bot depends on is doing (Discord, Lavalink nodes, MongoDB), for /ping and the health API. */
@Module({
  imports: [LavalinkModule],
  providers: [SystemStatusService],
  exports: [SystemStatusService],
})
export class HealthModule {}
