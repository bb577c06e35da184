import type { SegmentCategory, TrackSegment } from '@accord/core';

/** Segments shorter than this are not worth a seek (and the seek would cost about as much). */
export const MIN_SEGMENT_MS = 1_000;
/**
 * A playhead inside a segment skips the rest of it unless less than this is left: a timer that
 * fires a few ms late still skips its segment, while a seek into the last moment of one does not.
 */
export const MIN_REST_MS = 250;
/** A segment ending this close to the end of the track takes the rest of it: the track ends there. */
export const END_MARGIN_MS = 1_000;

/** What to do next about the segments of the track playing: in `inMs` of track time, seek or end. */
export interface SegmentSkip {
  /** Track time from the playhead to the segment's start (0: now). */
  inMs: number;
  /** `seek` to the segment's end, or `end` the track (the segment runs to its end). */
  action: 'seek' | 'end';
  segment: TrackSegment;
}

/**
 * The segments of `categories` worth skipping in a track of `durationMs`, in order: shorter ones
 * dropped, overlapping or touching ones merged (so one seek clears them all), none past the end.
 */
export function skippableSegments(
  segments: readonly TrackSegment[],
  categories: readonly SegmentCategory[],
  durationMs: number,
): TrackSegment[] {
  const chosen = segments
    .filter((segment) => categories.includes(segment.category))
    .map((segment) => ({ ...segment, endMs: Math.min(segment.endMs, durationMs) }))
    .filter((segment) => segment.startMs < durationMs && segment.endMs - segment.startMs >= MIN_SEGMENT_MS)
    .sort((a, b) => a.startMs - b.startMs);
  const merged: TrackSegment[] = [];
  for (const segment of chosen) {
    const last = merged[merged.length - 1];
    if (last && segment.startMs <= last.endMs) last.endMs = Math.max(last.endMs, segment.endMs);
    else merged.push({ ...segment });
  }
  return merged;
}

/**
 * The next skip from `positionMs` on, or null when no segment lies ahead. A playhead inside a
 * segment skips the rest of it at once (unless less than `MIN_REST_MS` is left); a seek only ever
 * goes forwards.
 */
export function nextSkip(
  segments: readonly TrackSegment[],
  positionMs: number,
  durationMs: number,
): SegmentSkip | null {
  const segment = segments.find(
    (candidate) => candidate.endMs - Math.max(candidate.startMs, positionMs) >= MIN_REST_MS,
  );
  if (!segment) return null;
  return {
    inMs: Math.max(0, segment.startMs - positionMs),
    action: segment.endMs >= durationMs - END_MARGIN_MS ? 'end' : 'seek',
    segment,
  };
}
