import { Module } from '@nestjs/common';
import { DiscordClientModule } from '../discord/discord-client.module';
import { LavalinkService } from './lavalink.service';

@Module({
  imports: [DiscordClientModule],
  providers: [LavalinkService],
  exports: [LavalinkService],
})
export class PlaybackModule {}
