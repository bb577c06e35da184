/**
 * The kinds of SponsorBlock segment a guild may have skipped in YouTube songs (SponsorBlock's own
 * category names): non-music parts of music videos, intros, outros, sponsor reads, self-promotion.
 */
export const SEGMENT_CATEGORIES = ['music_offtopic', 'intro', 'outro', 'sponsor', 'selfpromo'] as const;
export type SegmentCategory = (typeof SEGMENT_CATEGORIES)[number];

/** What a guild skips until it chooses otherwise: only the non-music parts. */
export const DEFAULT_SKIP_SEGMENTS: readonly SegmentCategory[] = ['music_offtopic'];

/** A part of a video, in track time (ms). */
export interface TrackSegment {
  category: SegmentCategory;
  startMs: number;
  endMs: number;
}
