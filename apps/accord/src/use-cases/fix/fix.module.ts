import { Module } from '@nestjs/common';
import { CatalogModule } from '../../domain/catalog/catalog.module';
import { PlaybackModule } from '../../domain/playback/playback.module';
import { FixOfferStore } from './fix-offer.store';
import { FixService } from './fix.service';

/** Correcting a song's video (/fix and the panel): the catalog re-pins, playback swaps it in. */
@Module({
  imports: [CatalogModule, PlaybackModule],
  providers: [FixService, FixOfferStore],
  exports: [FixService],
})
export class FixModule {}
