import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TrackSegment } from '@accord/core';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import { SponsorBlockClient } from '../../adapters/sponsorblock/sponsorblock.client';
import { VideoSegmentsRepository, type StoredVideoSegments } from './video-segments.repository';

/** SponsorBlock is asked again after this long: segments get added and voted on. */
export const SEGMENTS_FRESH_MS = 24 * 60 * 60 * 1000;
/** Videos whose answers are also kept in memory (the most recently used), so a start reads no database. */
const MEMORY_ENTRIES = 500;

/**
 * The segments of a YouTube video, from the `video_segments` cache or SponsorBlock. Never throws:
 * SponsorBlock down, slow or talking nonsense, or MongoDB away, gives null ("not known"), and an
 * answer too old to trust is still used when no fresh one comes.
 */
@Injectable()
export class SegmentsService {
  private readonly logger = new Logger(SegmentsService.name);
  /** One question per video at a time, however many guilds play it. */
  private readonly asking = new Map<string, Promise<TrackSegment[] | null>>();
  private readonly memory = new Map<string, StoredVideoSegments>();

  constructor(
    private readonly repository: VideoSegmentsRepository,
    private readonly sponsorblock: SponsorBlockClient,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  forVideo(videoId: string): Promise<TrackSegment[] | null> {
    const pending = this.asking.get(videoId);
    if (pending) return pending;
    const work = this.lookUp(videoId).finally(() => this.asking.delete(videoId));
    this.asking.set(videoId, work);
    return work;
  }

  private async lookUp(videoId: string): Promise<TrackSegment[] | null> {
    const remembered = this.memory.get(videoId);
    if (remembered && this.isFresh(remembered)) return this.remember(videoId, remembered);
    const stored = await this.repository.find(videoId).catch((error: unknown) => {
      this.logger.debug(`Could not read the cached segments of ${videoId}: ${String(error)}`);
      return null;
    });
    if (stored && this.isFresh(stored)) return this.remember(videoId, stored);
    const now = this.clock.now();
    const answer = await this.sponsorblock.segments(videoId);
    if (!answer.ok) return (stored ?? remembered)?.segments ?? null;
    this.remember(videoId, { segments: answer.value, fetchedAt: now });
    // The song does not wait for the write: a segment at its start is due now.
    void this.repository.save(videoId, answer.value, now).catch((error: unknown) => {
      this.logger.debug(`Could not cache the segments of ${videoId}: ${String(error)}`);
    });
    return answer.value;
  }

  private isFresh(stored: StoredVideoSegments): boolean {
    return this.clock.now().getTime() - stored.fetchedAt.getTime() < SEGMENTS_FRESH_MS;
  }

  /** Keeps `stored` as the most recently used answer, forgetting the least recently used past the limit. */
  private remember(videoId: string, stored: StoredVideoSegments): TrackSegment[] {
    this.memory.delete(videoId);
    this.memory.set(videoId, stored);
    if (this.memory.size > MEMORY_ENTRIES) this.memory.delete(this.memory.keys().next().value!);
    return stored.segments;
  }
}
