import { Module, type DynamicModule } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ScheduleModule } from '@nestjs/schedule';
import { AdminModule } from './transports/admin/admin.module';
import { CatalogModule } from './domain/catalog/catalog.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DiscordClientModule } from './adapters/discord-client/discord-client.module';
import { DatabaseModule } from './adapters/database/database.module';
import { DiscordModule } from './transports/discord/discord.module';
import { DiscoveryModule } from './domain/discovery/discovery.module';
import { HealthModule } from './domain/health/health.module';
import { HistoryModule } from './domain/history/history.module';
import type { LogRing } from './logging/log-ring';
import { LoggingModule } from './logging/logging.module';
import { PlaybackModule } from './domain/playback/playback.module';
import { PreferencesModule } from './domain/preferences/preferences.module';
import { RecommendationModule } from './use-cases/autoplay/recommendation.module';

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
        DiscordClientModule,
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
