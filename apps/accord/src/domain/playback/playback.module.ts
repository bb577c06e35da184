import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { GuildsModule } from '../guilds/guilds.module';
import { LavalinkModule } from '../../adapters/lavalink/lavalink.module';
import { SegmentsModule } from '../segments/segments.module';
import { LookAheadService } from './look-ahead.service';
import { PlaybackService } from './playback.service';
import { PlayerCommandsService } from './player-commands.service';
import { PlayerEventsHandler } from './player-events.handler';
import { SessionLifecycleService } from './session-lifecycle.service';
import { SessionRestoreService } from './session-restore.service';
import { SessionStore } from './session.store';
import { SegmentSkipperService } from './segment-skipper.service';
import { SkipVoteService } from './skip-vote.service';
import { TrackEventPublisher } from './track-event.publisher';
import { TrackSequencerService } from './track-sequencer.service';

/** Players, queues, vote skips and persisted sessions. */
@Module({
  // The catalog resolves metadata-only entries through TRACK_RESOLVER.
  imports: [LavalinkModule, GuildsModule, CatalogModule, SegmentsModule],
  providers: [
    PlaybackService,
    PlayerCommandsService,
    PlayerEventsHandler,
    SessionStore,
    SessionRestoreService,
    SessionLifecycleService,
    TrackSequencerService,
    LookAheadService,
    TrackEventPublisher,
    SkipVoteService,
    SegmentSkipperService,
  ],
  exports: [LavalinkModule, GuildsModule, PlaybackService, SkipVoteService],
})
export class PlaybackModule {}
