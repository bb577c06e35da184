import { Injectable, Logger } from '@nestjs/common';
import { artistKey, titleKey, type ParsedTitle } from '@accord/track-identity';
import { CatalogError, CatalogErrorCode } from '@accord/core';
import { CatalogArtists } from './catalog-artists';
import type { CatalogTrack } from './catalog.types';
import { TrackPinningService } from './track-pinning.service';
import { TrackRepository, videoAlias } from './track.repository';
import { VideoSearchService } from './video-search.service';
import { parseVideo, wantedFromTrack } from './wanted-song';

/** Pins looked at per process, at most (the oldest are forgotten first). */
const REVIEWED_SIZE = 5_000;

/**
 * Looks again at an automatic pin each time its song is asked for by name (once per pin and
 * process, after the answer, holding nothing back). The title parser improves; a video picked under
 * older rules may now read as another version of the song (a cover, a live take, a reaction). Then
 * the song is searched again, and when a video of the song itself is found it is pinned instead, and
 * the other version's link no longer leads to this song (pasted again, it becomes its own song).
 * A pin a person chose is never changed.
 */
@Injectable()
export class PinReviewService {
  private readonly logger = new Logger(PinReviewService.name);
  private readonly reviewed = new Set<string>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly tracks: TrackRepository,
    private readonly videos: VideoSearchService,
    private readonly pinning: TrackPinningService,
    private readonly artists: CatalogArtists,
  ) {}

  /** Reviews the song's pin in the background (once per pin); failures only log. */
  review(track: CatalogTrack): void {
    void this.reviewNow(track);
  }

  /** Reviews the song's pin and resolves when done (what `review` runs; tests wait on it). */
  reviewNow(track: CatalogTrack): Promise<void> {
    const id = `${track.id}:${track.youtubeId}`;
    if (track.pin.by !== 'auto' || track.unavailable || this.reviewed.has(id))
      return this.running.get(id) ?? Promise.resolve();
    this.reviewed.add(id);
    if (this.reviewed.size > REVIEWED_SIZE) this.reviewed.delete(this.reviewed.values().next().value!);
    const run = this.repinIfAnotherVersion(track)
      .catch((error: unknown) => {
        if (error instanceof CatalogError && error.code === CatalogErrorCode.AudioUnavailable) return;
        this.logger.warn(`Could not look again at the video of ${track.key}: ${String(error)}`);
      })
      .finally(() => this.running.delete(id));
    this.running.set(id, run);
    return run;
  }

  private async repinIfAnotherVersion(track: CatalogTrack): Promise<void> {
    const knownArtists = await this.artists.lookup();
    const { title, author, length } = track.lavalink;
    const pinned = parseVideo({ title, author, durationMs: length }, knownArtists);
    if (!isAnotherVersion(track, pinned)) return;
    const exclude = [...track.failedVideoIds, track.youtubeId];
    const match = await this.videos.search(wantedFromTrack(track), exclude, knownArtists);
    if (!match || !isTheSong(track, match.best.parsed)) {
      this.logger.log(`The video of ${track.key} reads as ${pinned.variant}; no upload of the song itself was found`);
      return;
    }
    const previous = track.youtubeId;
    await this.pinning.applyPin(track, match.video, match.best.score, 'auto');
    await this.tracks.removeAlias(track.id, videoAlias(previous));
    this.logger.log(
      `Re-pinned ${track.key} to ${match.video.identifier ?? '?'}: its video ${previous} reads as ${pinned.variant}`,
    );
  }
}

/** The pinned video names the same song (artist and title) as another version of it. */
export function isAnotherVersion(
  track: Pick<CatalogTrack, 'artist' | 'title' | 'variant'>,
  video: ParsedTitle,
): boolean {
  return sameSong(track, video) && (video.variant || 'none') !== (track.variant || 'none');
}

/** The upload is the song itself: its artist, title and version. */
function isTheSong(track: Pick<CatalogTrack, 'artist' | 'title' | 'variant'>, video: ParsedTitle): boolean {
  return sameSong(track, video) && (video.variant || 'none') === (track.variant || 'none');
}

function sameSong(track: Pick<CatalogTrack, 'artist' | 'title'>, video: ParsedTitle): boolean {
  const artist = artistKey(video.artist);
  return artist.length > 0 && artist === artistKey(track.artist) && titleKey(video.title) === titleKey(track.title);
}
