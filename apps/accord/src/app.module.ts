import { Module, type DynamicModule } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ScheduleModule } from '@nestjs/schedule';
import { AdminModule } from './admin/admin.module';
import { CatalogModule } from './catalog/catalog.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DiscordModule } from './discord/discord.module';
import { DiscoveryModule } from './discovery/discovery.module';
import { HealthModule } from './health/health.module';
import { HistoryModule } from './history/history.module';
import type { LogRing } from './logging/log-ring';
import { LoggingModule } from './logging/logging.module';
import { PlaybackModule } from './playback/playback.module';
import { PreferencesModule } from './preferences/preferences.module';
import { RecommendationModule } from './recommendation/recommendation.module';

/** The whole bot as one Nest application; config and the log ring are built before it, at boot. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, ring: LogRing): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(ring),
        EventEmitterModule.forRoot({ wildcard: false, ignoreErrors: false }),
        ScheduleModule.forRoot(),
        DatabaseModule,
        PlaybackModule,
        CatalogModule,
        DiscordModule,
        HealthModule,
        HistoryModule,
        PreferencesModule,
        AdminModule,
        DiscoveryModule,
        RecommendationModule,
      ],
    };
  }
}
