import { Module } from '@nestjs/common';
import { CatalogModule } from '../../domain/catalog/catalog.module';
import { PlaybackModule } from '../../domain/playback/playback.module';
import { PlayRequestService } from './play-request.service';

/** A request to play something (/play and the panel's enqueue): resolved by the catalog, queued by playback. */
@Module({
  imports: [CatalogModule, PlaybackModule],
  providers: [PlayRequestService],
  exports: [PlayRequestService],
})
export class PlayRequestModule {}
