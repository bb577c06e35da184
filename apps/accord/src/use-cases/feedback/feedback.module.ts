import { Module } from '@nestjs/common';
import { HistoryModule } from '../../domain/history/history.module';
import { PlaybackModule } from '../../domain/playback/playback.module';
import { ProfilesModule } from '../../domain/preferences/profiles/profiles.module';
import { FeedbackService } from './feedback.service';

/** Likes and dislikes from /like, /dislike and the now-playing buttons, stored and fed to profiles. */
@Module({
  imports: [HistoryModule, PlaybackModule, ProfilesModule],
  providers: [FeedbackService],
  exports: [FeedbackService],
})
export class FeedbackModule {}
