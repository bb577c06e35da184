import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DiscordClientModule } from '../adapters/discord-client/discord-client.module';
import { LavalinkModule } from '../adapters/lavalink/lavalink.module';
import { HealthController } from './health.controller';
import { SystemStatusService } from './system-status.service';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), DiscordClientModule, LavalinkModule],
  controllers: [HealthController],
  providers: [SystemStatusService],
  exports: [SystemStatusService],
})
export class HealthModule {}
