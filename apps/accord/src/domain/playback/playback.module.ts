import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { NOW_PLAYING_LOOKUP } from '../catalog/now-playing.port';
import { DiscordClientModule } from '../../adapters/discord-client/discord-client.module';
import { GuildsModule } from '../guilds/guilds.module';
import { LavalinkModule } from '../../adapters/lavalink/lavalink.module';
import { PlaybackService } from './playback.service';
import { VoicePresenceService } from '../../adapters/discord-client/voice-presence.service';

/** Players, queues, voice presence and persisted sessions. */
@Module({
  // The catalog resolves metadata-only entries (TRACK_RESOLVER); playback tells /fix what plays.
  imports: [LavalinkModule, GuildsModule, DiscordClientModule, CatalogModule],
  providers: [PlaybackService, VoicePresenceService, { provide: NOW_PLAYING_LOOKUP, useExisting: PlaybackService }],
  exports: [LavalinkModule, GuildsModule, PlaybackService, VoicePresenceService],
})
export class PlaybackModule {}
