import { Module } from '@nestjs/common';
import { DiscoveryModule } from '../../domain/discovery/discovery.module';
import { GuildsModule } from '../../domain/guilds/guilds.module';
import { HistoryModule } from '../../domain/history/history.module';
import { PlaybackModule } from '../../domain/playback/playback.module';
import { PreferencesModule } from '../../domain/preferences/preferences.module';
import { AutoplayService } from './autoplay.service';

/**
 * Autoplay: listens to playback (`QueueLow`, `ListenersChanged`, the queue's end), gathers the
 * room's profiles (`LISTENER_PROFILES`), history (`GUILD_HISTORY`) and candidates, asks
 * `@accord/recommender`, queues the pick and explains it (`/why`).
 */
@Module({
  imports: [DiscoveryModule, PlaybackModule, GuildsModule, HistoryModule, PreferencesModule],
  providers: [AutoplayService],
  exports: [AutoplayService],
})
export class RecommendationModule {}
