import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { TrackSegment } from '@accord/core';

export const VIDEO_SEGMENTS_MODEL = 'VideoSegments';

/**
 * What SponsorBlock answered for one YouTube video (`_id` = the video id), in every category a
 * guild may skip; an empty list means "none", which is worth remembering too.
 */
@Schema({ collection: 'video_segments', versionKey: false })
export class VideoSegmentsDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: [{ category: String, startMs: Number, endMs: Number, _id: false }], default: [] })
  segments!: TrackSegment[];

  @Prop({ type: Date, required: true })
  fetchedAt!: Date;
}

export const VideoSegmentsSchema = SchemaFactory.createForClass(VideoSegmentsDocument);
