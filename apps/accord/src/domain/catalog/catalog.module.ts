import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { LavalinkModule } from '../../adapters/lavalink/lavalink.module';
import { TRACK_RESOLVER } from './track-resolver.port';
import { CatalogService } from './catalog.service';
import { DeezerClient } from '../../adapters/deezer/deezer.client';
import { SpotifyCatalogClient } from '../../adapters/spotify/spotify-catalog.client';
import { TrackRepository } from './track.repository';
import { TRACK_MODEL, trackSchema } from './track.schema';

/**
 * Songs: link parsing, resolving, pinning to one YouTube video, aliases, re-pinning and merging.
 * Exports `CatalogService` and `TRACK_RESOLVER` (for playback's look-ahead).
 */
@Module({
  imports: [MongooseModule.forFeature([{ name: TRACK_MODEL, schema: trackSchema }]), LavalinkModule],
  providers: [
    TrackRepository,
    CatalogService,
    SpotifyCatalogClient,
    { provide: DeezerClient, useFactory: (): DeezerClient => new DeezerClient() },
    { provide: TRACK_RESOLVER, useExisting: CatalogService },
  ],
  exports: [CatalogService, TRACK_RESOLVER],
})
export class CatalogModule {}
