import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  DomainError,
  PlaybackError,
  PlaybackErrorCode,
  PlayRequestErrorCode,
  ResolveErrorCode,
  ok,
  refuse,
  type PlayRefusal,
  type Result,
} from '@accord/core';
import { TrackResolverService } from '../../domain/catalog/track-resolver.service';
import { PlaybackService } from '../../domain/playback/playback.service';
import {
  MAX_QUEUE_LENGTH,
  type PlayableTrack,
  type PlaybackRequester,
  type QueueEntry,
} from '../../domain/playback/playback.types';
import { MAX_QUERY_LENGTH } from '../../domain/catalog/link-parser';

/** Tracks of a playlist queued in the request itself, so the first one plays within one round trip. */
export const PLAYLIST_FIRST_BATCH = 15;
/** Tracks queued per step in the background, with a yield to the event loop between steps. */
export const PLAYLIST_CHUNK = 100;
/** At most one progress report a second (each one edits a Discord message). */
export const PROGRESS_INTERVAL_MS = 1_000;

export interface PlaylistProgress {
  name: string;
  /** Tracks the playlist has (as the catalog gave them). */
  found: number;
  /** Tracks the catalog left out past its playlist cap. */
  leftOut: number;
  /** Tracks that fit under the queue cap (what we try to queue). */
  total: number;
  queued: number;
  first: QueueEntry | null;
  startedPlaying: boolean;
  /** `next`: inserted after the current track rather than at the end. */
  next: boolean;
  state: 'loading' | 'done' | 'full' | 'cancelled' | 'failed';
  /** The refusal that stopped loading, for `failed`; absent when it was a bug (logged). */
  refusal?: DomainError;
}

/** What a request queued: one track, or the start of a playlist. */
export type PlayQueued =
  | { kind: 'track'; entry: QueueEntry; startedPlaying: boolean; position: number; next: boolean }
  | { kind: 'playlist'; progress: PlaylistProgress };

/** What was queued, or why nothing was: the catalog's refusal, a full queue, a playlist with nothing to play. */
export type PlayOutcome = Result<PlayQueued, PlayRefusal>;

const QUEUE_FULL = refuse(PlayRequestErrorCode.QueueFull, { max: MAX_QUEUE_LENGTH });

export interface PlayRequest {
  requester: PlaybackRequester;
  query: string;
  next?: boolean;
  /** Called once the cheap checks passed, before the slow part (a Lavalink round trip): defer the reply here. */
  acknowledge?: () => Promise<unknown>;
  /** A playlist's background loading: about once a second, and once at the end. Errors are logged. */
  onProgress?: (progress: PlaylistProgress) => Promise<unknown>;
}

/** `[start, end)` slices of a playlist of `length` tracks: a first batch, then chunks. */
export function playlistSlices(length: number, fromTheEnd: boolean): Array<[number, number]> {
  const slices: Array<[number, number]> = [];
  if (!fromTheEnd) {
    slices.push([0, Math.min(length, PLAYLIST_FIRST_BATCH)]);
    for (let start = PLAYLIST_FIRST_BATCH; start < length; start += PLAYLIST_CHUNK) {
      slices.push([start, Math.min(length, start + PLAYLIST_CHUNK)]);
    }
    return slices;
  }
  // Inserted "next" one slice at a time, so the last slice goes in first and the head ends up in front.
  let end = length;
  let size = PLAYLIST_FIRST_BATCH;
  while (end > 0) {
    const start = Math.max(0, end - size);
    slices.push([start, end]);
    end = start;
    size = PLAYLIST_CHUNK;
  }
  return slices;
}

/**
 * `/play`: resolves the query through the catalog and queues the result. A large playlist queues
 * its first tracks at once and the rest in the background, in chunks with yields between them, so
 * this and other guilds keep being served; a cap on the queue length stops it with a clear line.
 */
@Injectable()
export class PlayRequestService implements OnApplicationShutdown {
  private readonly logger = new Logger(PlayRequestService.name);
  private readonly loads = new Set<Promise<void>>();
  private closing = false;

  constructor(
    private readonly catalog: TrackResolverService,
    private readonly playback: PlaybackService,
  ) {}

  async play(request: PlayRequest): Promise<PlayOutcome> {
    const query = request.query.trim();
    const problem = checkQuery(query);
    if (problem) return problem;
    await request.acknowledge?.();
    const resolved = await this.catalog.resolve(query, request.requester.userId);
    if (!resolved.ok) return resolved;
    const found = resolved.value;
    if (found.kind === 'track') return this.playTrack(request, found.track);
    return this.playPlaylist(request, { name: found.name, tracks: found.tracks, leftOut: found.truncated ?? 0 });
  }

  /** Resolves when every background playlist load has finished (tests, shutdown). */
  async whenIdle(): Promise<void> {
    while (this.loads.size > 0) await Promise.allSettled([...this.loads]);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await this.whenIdle();
  }

  private async playTrack(request: PlayRequest, track: PlayableTrack): Promise<PlayOutcome> {
    const next = request.next ?? false;
    const result = await this.playback.enqueue(request.requester, [track], { next, source: 'request' });
    const entry = result.added[0];
    if (!entry) return QUEUE_FULL;
    return ok({ kind: 'track', entry, startedPlaying: result.startedPlaying, position: result.firstPosition, next });
  }

  private async playPlaylist(
    request: PlayRequest,
    { name, tracks, leftOut }: { name: string; tracks: PlayableTrack[]; leftOut: number },
  ): Promise<PlayOutcome> {
    if (tracks.length === 0) return refuse(PlayRequestErrorCode.PlaylistLoadedEmpty, { name });
    const { guildId } = request.requester;
    const before = this.playback.snapshot(guildId);
    const room = MAX_QUEUE_LENGTH - (before?.queue.length ?? 0);
    if (room <= 0) return QUEUE_FULL;
    const wanted = tracks.slice(0, room);
    // "Next" only matters while something plays; then the first track need not start at once either.
    const next = (request.next ?? false) && !!before?.current;
    const [first, ...rest] = playlistSlices(wanted.length, next);

    const result = await this.playback.enqueue(request.requester, wanted.slice(...first), { next, source: 'request' });
    const progress: PlaylistProgress = {
      name,
      found: tracks.length,
      leftOut,
      total: wanted.length,
      queued: result.added.length,
      first: next ? null : (result.added[0] ?? null),
      startedPlaying: result.startedPlaying,
      next,
      state: 'loading',
    };
    if (result.added.length === 0) return QUEUE_FULL;
    if (result.refused > 0) progress.state = 'full';
    else if (rest.length === 0) progress.state = 'done';
    else this.track(this.loadRest({ request, tracks: wanted, slices: rest, progress }));
    return ok({ kind: 'playlist', progress: { ...progress } });
  }

  private track(load: Promise<void>): void {
    const tracked: Promise<void> = load
      .catch((error: unknown) =>
        this.logger.error('A playlist load failed', error instanceof Error ? error.stack : error),
      )
      .finally(() => this.loads.delete(tracked));
    this.loads.add(tracked);
  }

  private async loadRest({
    request,
    tracks,
    slices,
    progress,
  }: {
    request: PlayRequest;
    tracks: PlayableTrack[];
    slices: Array<[number, number]>;
    progress: PlaylistProgress;
  }): Promise<void> {
    const { guildId } = request.requester;
    let reportedAt = Date.now();
    for (const slice of slices) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      // The session ended (/stop, /leave) while loading: do not start a new one behind the user's back.
      if (this.closing || !this.playback.snapshot(guildId)) {
        progress.state = 'cancelled';
        break;
      }
      try {
        const result = await this.playback.enqueue(request.requester, tracks.slice(...slice), {
          next: progress.next,
          source: 'request',
        });
        progress.queued += result.added.length;
        if (result.refused > 0) {
          progress.state = 'full';
          break;
        }
      } catch (error: unknown) {
        if (error instanceof PlaybackError && error.code === PlaybackErrorCode.QueueFull) {
          progress.state = 'full';
        } else {
          progress.state = 'failed';
          if (error instanceof DomainError) progress.refusal = error;
          else {
            this.logger.error(
              `Loading "${progress.name}" in ${guildId} failed`,
              error instanceof Error ? error.stack : error,
            );
          }
        }
        break;
      }
      if (Date.now() - reportedAt >= PROGRESS_INTERVAL_MS) {
        await this.report(request, progress);
        reportedAt = Date.now();
      }
    }
    if (progress.state === 'loading') progress.state = 'done';
    await this.report(request, progress);
  }

  private async report(request: PlayRequest, progress: PlaylistProgress): Promise<void> {
    try {
      await request.onProgress?.({ ...progress });
    } catch (error: unknown) {
      // The reply may be gone (deleted, or its token expired after 15 minutes); loading goes on.
      this.logger.warn(`Could not report playlist progress: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** The cheap checks, before the reply is deferred: the catalog would refuse the same queries, later. */
function checkQuery(query: string): PlayRefusal | null {
  if (query.length === 0) return refuse(ResolveErrorCode.EmptyQuery, {});
  if (query.length > MAX_QUERY_LENGTH) {
    return refuse(ResolveErrorCode.QueryTooLong, { length: query.length, max: MAX_QUERY_LENGTH });
  }
  return null;
}
