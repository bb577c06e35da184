import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { LavalinkModule } from '../playback/lavalink.module';
import { TRACK_RESOLVER } from '../playback/track-resolver.port';
import { CatalogService } from './catalog.service';
import { DeezerClient } from './deezer.client';
import { FixButtonHandler } from './fix-button.handler';
import { FixCommand } from './fix.command';
import { FixService } from './fix.service';
import { SpotifyCatalogClient } from './spotify-catalog.client';
import { TrackRepository } from './track.repository';
import { TRACK_MODEL, trackSchema } from './track.schema';

/**
 * Songs: link parsing, resolving, pinning to one YouTube video, aliases, correction (/fix) and
 * merging. Exports `CatalogService`, `FixService` and `TRACK_RESOLVER` (for playback's look-ahead).
 */
@Module({
  imports: [MongooseModule.forFeature([{ name: TRACK_MODEL, schema: trackSchema }]), LavalinkModule],
  providers: [
    TrackRepository,
    CatalogService,
    FixService,
    SpotifyCatalogClient,
    { provide: DeezerClient, useFactory: (): DeezerClient => new DeezerClient() },
    { provide: TRACK_RESOLVER, useExisting: CatalogService },
    FixCommand,
    FixButtonHandler,
  ],
  exports: [CatalogService, FixService, TRACK_RESOLVER],
})
export class CatalogModule {}
