import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { LastfmClient } from './lastfm.client';

/** The Last.fm adapter: one client for discovery and for `/link lastfm` imports (needs `LASTFM_API_KEY`). */
@Module({
  providers: [
    {
      provide: LastfmClient,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): LastfmClient => new LastfmClient(config.lastfm?.apiKey ?? ''),
    },
  ],
  exports: [LastfmClient],
})
export class LastfmModule {}
