import { createHash } from 'node:crypto';

/** A part of a video as the stand-in's world holds it, in seconds (SponsorBlock's unit). */
export interface SponsorBlockSegmentSpec {
  category: string;
  start: number;
  end: number;
  actionType?: string;
}

export interface SponsorBlockVideoSpec {
  videoId: string;
  segments: SponsorBlockSegmentSpec[];
  /** Seconds, as the submitter's player saw it (0 when unknown). */
  videoDuration?: number;
}

/** One video of a `GET /api/skipSegments/<prefix>` answer, in the real API's shape. */
export interface SkipSegmentsVideoJson {
  videoID: string;
  hash: string;
  segments: Array<{
    segment: [number, number];
    UUID: string;
    category: string;
    videoDuration: number;
    actionType: string;
    locked: number;
    votes: number;
    description: string;
  }>;
}

export function videoHash(videoId: string): string {
  return createHash('sha256').update(videoId).digest('hex');
}

/** The video's entry of a skipSegments answer, keeping only `categories` and `actionTypes`. */
export function skipSegmentsVideoJson(
  video: SponsorBlockVideoSpec,
  categories: readonly string[],
  actionTypes: readonly string[] = ['skip'],
): SkipSegmentsVideoJson {
  const hash = videoHash(video.videoId);
  return {
    videoID: video.videoId,
    hash,
    segments: video.segments
      .filter((segment) => categories.includes(segment.category))
      .filter((segment) => actionTypes.includes(segment.actionType ?? 'skip'))
      .map((segment, index) => ({
        segment: [segment.start, segment.end],
        UUID: createHash('sha256').update(`${video.videoId}:${index}`).digest('hex') + '7',
        category: segment.category,
        videoDuration: video.videoDuration ?? 0,
        actionType: segment.actionType ?? 'skip',
        locked: 0,
        votes: 1 + index,
        description: '',
      })),
  };
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Another video id whose hash starts with the same 4 characters (found by trying ids in order):
 * the real API answers for every video of the bucket, so the client has to pick its own.
 */
export function neighbourVideoId(videoId: string): string {
  const prefix = videoHash(videoId).slice(0, 4);
  for (let n = 0; ; n++) {
    let id = '';
    for (let rest = n, i = 0; i < 11; i++, rest = Math.floor(rest / 64)) id += ID_ALPHABET[rest % 64];
    if (id !== videoId && videoHash(id).startsWith(prefix)) return id;
  }
}
