import { Module } from '@nestjs/common';
import { DiscordClientModule } from '../discord/discord-client.module';
import { GuildsModule } from '../guilds/guilds.module';
import { LavalinkModule } from './lavalink.module';
import { PlaybackService } from './playback.service';
import { VoicePresenceService } from './voice-presence.service';

/** Players, queues, voice presence and persisted sessions. */
@Module({
  imports: [LavalinkModule, GuildsModule, DiscordClientModule],
  providers: [PlaybackService, VoicePresenceService],
  exports: [LavalinkModule, GuildsModule, PlaybackService, VoicePresenceService],
})
export class PlaybackModule {}
