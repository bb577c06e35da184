import { Module } from '@nestjs/common';
import { PlaybackModule } from '../../domain/playback/playback.module';
import { ProfilesModule } from '../../domain/preferences/profiles/profiles.module';
import { LikedService } from './liked.service';

/** A listener's liked songs (/liked), paged, and queued again on request. */
@Module({
  imports: [PlaybackModule, ProfilesModule],
  providers: [LikedService],
  exports: [LikedService],
})
export class LikedModule {}
