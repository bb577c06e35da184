import { Injectable, Logger } from '@nestjs/common';
import { NO_VARIANT, parseTitle } from '@accord/track-identity';
import { LavalinkService } from '../../../adapters/lavalink/lavalink.service';
import type { CandidateSource, DiscoveryContext, SeedTrack, SourcedCandidate } from '../candidate-source';
import { CACHE_TTL_MS, SimilarCacheService } from '../similar-cache.service';
import { distinctCandidates, rankStrength, songCandidate } from '../song-candidate';
import { interleave } from './deezer.source';
import { seedName, seedTracks } from './seed-selection';

const SEED_TRACKS = 3;
const MIX_LENGTH = 25;

/** One video of a mix, as cached: what the video says it is. */
interface MixItem {
  videoId: string;
  title: string;
  author: string;
  durationMs: number;
}

/** A YouTube video id (a direct link's identifier is its URL, another source's is its own). */
const VIDEO_ID = /^[\w-]{11}$/;

/** Only YouTube videos have a watch URL: a mix may hold tracks of other sources (a direct link, a local file). */
function isYoutubeVideo(track: { identifier?: string; sourceName?: string }): track is { identifier: string } {
  return !!track.identifier && VIDEO_ID.test(track.identifier) && (!track.sourceName || track.sourceName === 'youtube');
}

/** The YouTube (Music) radio mix of a seed video: `watch?v=ID&list=RDID`, loaded through Lavalink as a playlist. */
export function mixUrl(videoId: string): string {
  return `https://www.youtube.com/watch?v=${videoId}&list=RD${videoId}`;
}

/** YouTube radio mixes of the room's recent songs, through Lavalink (no key needed). */
@Injectable()
export class YoutubeMixSource implements CandidateSource {
  readonly name = 'youtube-mix';
  private readonly logger = new Logger(YoutubeMixSource.name);

  constructor(
    private readonly lavalink: LavalinkService,
    private readonly cache: SimilarCacheService,
  ) {}

  async candidates(context: DiscoveryContext): Promise<SourcedCandidate[]> {
    // A seed played from a link has no video, so no mix (its id may be the link itself).
    const seeds = seedTracks(context, SEED_TRACKS, (seed) => !!seed.youtubeId && VIDEO_ID.test(seed.youtubeId));
    const perSeed = await Promise.all(seeds.map((seed) => this.fromMix(seed, context.signal)));
    return distinctCandidates(interleave(perSeed), context.limit);
  }

  private async fromMix(seed: SeedTrack, signal: AbortSignal): Promise<SourcedCandidate[]> {
    const videoId = seed.youtubeId!;
    const items = await this.cache.remember<MixItem[]>('youtube:mix', videoId, CACHE_TTL_MS.mix, () =>
      this.loadMix(videoId, signal),
    );
    const others = (items ?? []).filter((item) => item.videoId !== videoId);
    return others.flatMap((item, index) => {
      const parsed = parseTitle({ title: item.title, author: item.author, durationMs: item.durationMs });
      // Live cuts, remixes, covers and sped-up uploads crowd radio mixes; only originals are proposed
      // (a variant's "artist - title" would be searched, and pinned, as the original).
      if (!parsed.artist || parsed.variant !== NO_VARIANT) return [];
      const candidate = songCandidate({ artist: parsed.artist, title: parsed.title, youtubeId: item.videoId }, [
        {
          source: this.name,
          similarTo: { kind: 'track', id: seed.trackKey, name: seedName(seed) },
          strength: 0.8 * rankStrength(index, others.length, 0.3),
          userIds: seed.userIds,
        },
      ]);
      // The mix includes the seed song itself under other uploads: it is not a neighbour.
      return candidate && candidate.trackKey !== seed.trackKey ? [candidate] : [];
    });
  }

  private async loadMix(videoId: string, signal: AbortSignal): Promise<MixItem[] | undefined> {
    try {
      const result = await abortable(this.lavalink.load(mixUrl(videoId)), signal);
      switch (result.type) {
        case 'playlist':
          return result.tracks.slice(0, MIX_LENGTH).flatMap((track) =>
            isYoutubeVideo(track)
              ? [
                  {
                    videoId: track.identifier,
                    title: track.title,
                    author: track.author,
                    durationMs: track.durationMs,
                  },
                ]
              : [],
          );
        case 'empty':
        case 'track':
        case 'search':
          return [];
        case 'error':
          this.logger.warn(`The mix of ${videoId} could not be loaded: ${result.message}`);
          return undefined;
      }
    } catch (error: unknown) {
      if (!signal.aborted) this.logger.warn(`The mix of ${videoId} could not be loaded: ${String(error)}`);
      return undefined;
    }
  }
}

/** Rejects when `signal` aborts; the underlying call finishes on its own (Lavalink's REST has its own timeout). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('aborted'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
