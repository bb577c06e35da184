import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { SEGMENT_CATEGORIES, type SegmentCategory, type TrackSegment } from '@accord/core';
import { getJson, type HttpAnswer } from '../../shared/http/http-json';

/** A song starts without waiting for SponsorBlock; an answer later than this is not used for it. */
export const SPONSORBLOCK_TIMEOUT_MS = 1_500;
/** A bucket of every category is some tens of KB; far more is not an answer we want to read. */
export const SPONSORBLOCK_MAX_BYTES = 512 * 1024;
/** Segments kept for one video, at most. */
const MAX_SEGMENTS = 64;
/** Hex characters of the id's SHA-256 sent: SponsorBlock answers for every video in that bucket. */
const HASH_PREFIX = 4;

interface SponsorBlockVideoJson {
  videoID?: unknown;
  segments?: unknown;
}

interface SponsorBlockSegmentJson {
  category?: unknown;
  actionType?: unknown;
  segment?: unknown;
}

/** What SponsorBlock knows of one video: its segments of the categories Accord skips (none: `[]`). */
export type SponsorBlockAnswer = HttpAnswer<TrackSegment[]>;

/**
 * SponsorBlock's public API, the one place that talks to it. Asks by the first characters of the
 * SHA-256 of the video id, so the server never learns which video plays, and picks the video out
 * of the bucket it answers. Every category is asked for at once (guilds choose theirs at use).
 */
@Injectable()
export class SponsorBlockClient {
  private readonly logger = new Logger(SponsorBlockClient.name);

  constructor(private readonly baseUrl: string) {}

  async segments(videoId: string): Promise<SponsorBlockAnswer> {
    const prefix = createHash('sha256').update(videoId).digest('hex').slice(0, HASH_PREFIX);
    const query = `categories=${encodeURIComponent(JSON.stringify(SEGMENT_CATEGORIES))}&actionTypes=${encodeURIComponent('["skip"]')}`;
    const answer = await getJson<unknown>(`${this.baseUrl}/api/skipSegments/${prefix}?${query}`, {
      timeoutMs: SPONSORBLOCK_TIMEOUT_MS,
      maxBytes: SPONSORBLOCK_MAX_BYTES,
      retries: 0,
    });
    // 404: no video of the bucket has a segment in these categories.
    if (!answer.ok && answer.status === 404) return { ok: true, value: [] };
    if (!answer.ok) {
      this.logger.debug(`SponsorBlock gave nothing usable for ${videoId}: ${answer.detail}`);
      return answer;
    }
    const parsed = segmentsOf(answer.value, videoId);
    if (parsed === null) {
      const detail = 'the answer is not a list of videos with segments';
      this.logger.debug(`SponsorBlock gave nothing usable for ${videoId}: ${detail}`);
      return { ok: false, reason: 'invalid', detail };
    }
    return { ok: true, value: parsed };
  }
}

/**
 * The segments of `videoId` in a skipSegments answer (an array of `{ videoID, hash, segments }`),
 * or null when the answer is not of that shape. Segments of unknown categories or other actions
 * are left out; so are times that are not a sane `[start, end]` in seconds.
 */
export function segmentsOf(body: unknown, videoId: string): TrackSegment[] | null {
  if (!Array.isArray(body)) return null;
  if (!body.every((video) => typeof video === 'object' && video !== null)) return null;
  const video = (body as SponsorBlockVideoJson[]).find((entry) => entry.videoID === videoId);
  if (!video) return [];
  if (!Array.isArray(video.segments)) return null;
  const segments = (video.segments as unknown[]).flatMap((item): TrackSegment[] => {
    if (typeof item !== 'object' || item === null) return [];
    const { category, actionType, segment } = item as SponsorBlockSegmentJson;
    if (!isCategory(category) || (actionType !== undefined && actionType !== 'skip')) return [];
    if (!Array.isArray(segment) || segment.length !== 2) return [];
    const [start, end] = segment as unknown[];
    if (typeof start !== 'number' || typeof end !== 'number' || !Number.isFinite(start) || !Number.isFinite(end)) {
      return [];
    }
    if (start < 0 || end <= start) return [];
    return [{ category, startMs: Math.round(start * 1000), endMs: Math.round(end * 1000) }];
  });
  return segments.sort((a, b) => a.startMs - b.startMs).slice(0, MAX_SEGMENTS);
}

function isCategory(value: unknown): value is SegmentCategory {
  return SEGMENT_CATEGORIES.some((category) => category === value);
}
