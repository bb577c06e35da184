import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { SEGMENT_CATEGORIES, type TrackSegment } from '@accord/core';
import { VIDEO_SEGMENTS_MODEL, type VideoSegmentsDocument } from './video-segments.schema';

export interface StoredVideoSegments {
  segments: TrackSegment[];
  fetchedAt: Date;
}

/** The `video_segments` collection: SponsorBlock's answers by video id, read and written by primary key. */
@Injectable()
export class VideoSegmentsRepository {
  constructor(@InjectModel(VIDEO_SEGMENTS_MODEL) private readonly model: Model<VideoSegmentsDocument>) {}

  async find(videoId: string): Promise<StoredVideoSegments | null> {
    const doc = await this.model.findById(videoId).lean<VideoSegmentsDocument>().exec();
    if (!doc) return null;
    const segments = (doc.segments ?? []).flatMap((segment): TrackSegment[] =>
      SEGMENT_CATEGORIES.some((category) => category === segment.category)
        ? [{ category: segment.category, startMs: segment.startMs, endMs: segment.endMs }]
        : [],
    );
    return { segments, fetchedAt: doc.fetchedAt };
  }

  async save(videoId: string, segments: TrackSegment[], fetchedAt: Date): Promise<void> {
    await this.model.updateOne({ _id: videoId }, { $set: { segments, fetchedAt } }, { upsert: true }).exec();
  }
}
