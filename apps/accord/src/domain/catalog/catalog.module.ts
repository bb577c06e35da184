import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { LavalinkModule } from '../../adapters/lavalink/lavalink.module';
import { TRACK_RESOLVER } from '../playback/track-resolver.port';
import { CatalogService } from './catalog.service';
import { DeezerClient } from '../../adapters/deezer/deezer.client';
import { FixButtonHandler } from '../../transports/discord/buttons/fix.button-handler';
import { FixCommand } from '../../transports/discord/commands/fix.command';
import { FixService } from '../../use-cases/fix/fix.service';
import { SpotifyCatalogClient } from '../../adapters/spotify/spotify-catalog.client';
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
