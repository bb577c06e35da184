import { Module } from '@nestjs/common';
import { CatalogModule } from '../../domain/catalog/catalog.module';
import { DiscoveryModule } from '../../domain/discovery/discovery.module';
import { GuildsModule } from '../../domain/guilds/guilds.module';
import { HistoryModule } from '../../domain/history/history.module';
import { PlaybackModule } from '../../domain/playback/playback.module';
import { PreferencesModule } from '../../domain/preferences/preferences.module';
import { TasteModelModule } from '../../domain/taste-model/taste-model.module';
import { AutoplayService } from './autoplay.service';

/**
 * Autoplay: listens to playback (`QueueLow`, `ListenersChanged`, the queue's end), gathers the
 * room's profiles (`LISTENER_PROFILES`), history (`GUILD_HISTORY`) and candidates, asks
 * `@accord/recommender`, finds the pick's video through the catalog (`TRACK_RESOLVER`), queues it
 * and explains it (`/why`).
 */
@Module({
  imports: [
    CatalogModule,
    DiscoveryModule,
    PlaybackModule,
    GuildsModule,
    HistoryModule,
    PreferencesModule,
    TasteModelModule,
  ],
  providers: [AutoplayService],
  exports: [AutoplayService],
})
export class RecommendationModule {}
