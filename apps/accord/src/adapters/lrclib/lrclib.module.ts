import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { LrclibClient } from './lrclib.client';

/** The LRCLIB adapter: one client for song lyrics (no key; `LRCLIB_URL` moves it for tests). */
@Module({
  providers: [
    {
      provide: LrclibClient,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): LrclibClient => new LrclibClient({ baseUrl: config.lyrics.lrclibUrl }),
    },
  ],
  exports: [LrclibClient],
})
export class LrclibModule {}
