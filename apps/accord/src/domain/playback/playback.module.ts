import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { GuildsModule } from '../guilds/guilds.module';
import { LavalinkModule } from '../../adapters/lavalink/lavalink.module';
import { PlaybackService } from './playback.service';
import { SkipVoteService } from './skip-vote.service';

/** Players, queues, vote skips and persisted sessions. */
@Module({
  // The catalog resolves metadata-only entries through TRACK_RESOLVER.
  imports: [LavalinkModule, GuildsModule, CatalogModule],
  providers: [PlaybackService, SkipVoteService],
  exports: [LavalinkModule, GuildsModule, PlaybackService, SkipVoteService],
})
export class PlaybackModule {}
