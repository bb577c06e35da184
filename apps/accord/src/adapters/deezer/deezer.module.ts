import { Module } from '@nestjs/common';
import { DeezerClient } from './deezer.client';

/** The Deezer adapter: one client for the catalog's links and discovery's related artists. */
@Module({
  providers: [{ provide: DeezerClient, useFactory: (): DeezerClient => new DeezerClient() }],
  exports: [DeezerClient],
})
export class DeezerModule {}
