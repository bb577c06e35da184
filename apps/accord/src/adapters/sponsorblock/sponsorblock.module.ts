import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { SponsorBlockClient } from './sponsorblock.client';

/** The SponsorBlock adapter: which parts of a YouTube video are not music (SPONSORBLOCK_URL). */
@Module({
  providers: [
    {
      provide: SponsorBlockClient,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): SponsorBlockClient => new SponsorBlockClient(config.sponsorblock.url),
    },
  ],
  exports: [SponsorBlockClient],
})
export class SponsorBlockModule {}
