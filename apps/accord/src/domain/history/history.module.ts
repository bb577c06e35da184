import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PlaybackModule } from '../playback/playback.module';
import { ProfilesModule } from '../preferences/profiles/profiles.module';
import { GUILD_HISTORY } from './guild-history.port';
import { FEEDBACK_MODEL, FeedbackSchema } from './feedback.schema';
import { FeedbackRepository } from './feedback.repository';
import { GUILD_DAY_INDEX_MODEL, GUILD_DAY_MODEL, GuildDayIndexSchema, GuildDaySchema } from './guild-day.schema';
import { GuildDayRepository } from './guild-day.repository';
import { GUILD_WINDOW_MODEL, GuildWindowSchema } from './guild-window.schema';
import { GuildWindowRepository } from './guild-window.repository';
import { HistoryDaysService } from './history-days.service';
import { HistoryQueryService } from './history-query.service';
import { HistoryWriter } from './history-writer.service';
import { PlayRecorderService } from './play-recorder.service';
import { PlayWritesService } from './play-writes.service';
import { UnwrittenWindow } from './unwritten-window';
import { PLAY_MODEL, PlaySchema } from './play.schema';
import { PlayRepository } from './play.repository';
import { TrackMergeListener } from './track-merge.listener';

/**
 * The listening memory's log: every play (from playback's domain events), feedback (/like,
 * /dislike, the now-playing buttons, skips, finishes, requests) and the repetition questions
 * autoplay asks (`GUILD_HISTORY`), and the plays by day the panel reads (`HistoryDaysService`).
 * Feeds taste profiles as it records.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: PLAY_MODEL, schema: PlaySchema },
      { name: FEEDBACK_MODEL, schema: FeedbackSchema },
      { name: GUILD_WINDOW_MODEL, schema: GuildWindowSchema },
      { name: GUILD_DAY_MODEL, schema: GuildDaySchema },
      { name: GUILD_DAY_INDEX_MODEL, schema: GuildDayIndexSchema },
    ]),
    ProfilesModule,
    PlaybackModule,
  ],
  providers: [
    HistoryWriter,
    PlayRepository,
    FeedbackRepository,
    GuildWindowRepository,
    GuildDayRepository,
    HistoryDaysService,
    PlayWritesService,
    UnwrittenWindow,
    PlayRecorderService,
    HistoryQueryService,
    TrackMergeListener,
    { provide: GUILD_HISTORY, useExisting: HistoryQueryService },
  ],
  exports: [
    HistoryWriter,
    PlayRepository,
    FeedbackRepository,
    GuildWindowRepository,
    GuildDayRepository,
    HistoryDaysService,
    PlayRecorderService,
    HistoryQueryService,
    GUILD_HISTORY,
  ],
})
export class HistoryModule {}
