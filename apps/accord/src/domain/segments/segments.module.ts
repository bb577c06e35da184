import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SponsorBlockModule } from '../../adapters/sponsorblock/sponsorblock.module';
import { SegmentsService } from './segments.service';
import { VideoSegmentsRepository } from './video-segments.repository';
import { VIDEO_SEGMENTS_MODEL, VideoSegmentsSchema } from './video-segments.schema';

/** The parts of YouTube videos that are not the song (SponsorBlock), cached per video. */
@Module({
  imports: [
    SponsorBlockModule,
    MongooseModule.forFeature([{ name: VIDEO_SEGMENTS_MODEL, schema: VideoSegmentsSchema }]),
  ],
  providers: [SegmentsService, VideoSegmentsRepository],
  exports: [SegmentsService],
})
export class SegmentsModule {}
