import { Injectable, Logger } from '@nestjs/common';
import type { Evidence } from '@accord/recommender';
import { artistKey, titleKey } from '@accord/track-identity';
import type { CandidateSource, DiscoveryContext, SeedArtist, SeedTrack, SourcedCandidate } from '../candidate-source';
import type { HttpAnswer } from '../../../shared/http/http-json';
import {
  LastfmClient,
  type LastfmSimilarArtist,
  type LastfmSimilarTrack,
  type LastfmTopTrack,
} from '../../../adapters/lastfm/lastfm.client';
import { CACHE_TTL_MS, SimilarCacheService } from '../similar-cache.service';
import { clamp01, distinctCandidates, songCandidate } from '../song-candidate';
import { interleave } from './deezer.source';
import { seedArtists, seedName, seedTracks } from './seed-selection';

const SEED_TRACKS = 4;
const SIMILAR_TRACKS = 30;
const SEED_ARTISTS = 3;
const SIMILAR_ARTISTS = 6;
const TOP_PER_ARTIST = 3;

/**
 * Last.fm (when `LASTFM_API_KEY` is set): similar tracks of the room's recent songs, and the top
 * tracks of artists similar to the room's artists. Without a key the module does not register it.
 */
@Injectable()
export class LastfmSource implements CandidateSource {
  readonly name = 'lastfm';
  private readonly logger = new Logger(LastfmSource.name);

  constructor(
    private readonly lastfm: LastfmClient,
    private readonly cache: SimilarCacheService,
  ) {}

  async candidates(context: DiscoveryContext): Promise<SourcedCandidate[]> {
    const tracks = seedTracks(context, SEED_TRACKS, (seed) => !!seed.artistName && !!seed.title);
    const artists = seedArtists(context, SEED_ARTISTS);
    const [byTrack, byArtist] = await Promise.all([
      Promise.all(tracks.map((seed) => this.similarToTrack(seed, context.signal))),
      Promise.all(artists.map((seed) => this.similarToArtist(seed, context.signal))),
    ]);
    return distinctCandidates(interleave([...byTrack, ...byArtist]), context.limit);
  }

  private async similarToTrack(seed: SeedTrack, signal: AbortSignal): Promise<SourcedCandidate[]> {
    const artist = seed.artistName ?? '';
    const title = seed.title ?? '';
    const key = `${artistKey(artist)}|${titleKey(title)}`;
    const similar = await this.cache.remember<LastfmSimilarTrack[]>(
      'lastfm:track.getSimilar',
      key,
      CACHE_TTL_MS.external,
      async () =>
        this.unwrap(await this.lastfm.similarTracks(artist, title, SIMILAR_TRACKS, signal), `track.getSimilar ${key}`),
    );
    return (similar ?? []).flatMap((track) => {
      const evidence: Evidence = {
        source: this.name,
        similarTo: { kind: 'track', id: seed.trackKey, name: seedName(seed) },
        strength: clamp01(track.match),
        userIds: seed.userIds,
      };
      const candidate = songCandidate({ artist: track.artist, title: track.title }, [evidence]);
      return candidate ? [candidate] : [];
    });
  }

  private async similarToArtist(seed: SeedArtist, signal: AbortSignal): Promise<SourcedCandidate[]> {
    const similar = await this.cache.remember<LastfmSimilarArtist[]>(
      'lastfm:artist.getSimilar',
      seed.artistKey,
      CACHE_TTL_MS.external,
      async () =>
        this.unwrap(
          await this.lastfm.similarArtists(seed.artistName, SIMILAR_ARTISTS, signal),
          `artist.getSimilar ${seed.artistKey}`,
        ),
    );
    const perArtist = await Promise.all(
      (similar ?? []).slice(0, SIMILAR_ARTISTS).map(async (neighbour) => {
        const top = await this.cache.remember<LastfmTopTrack[]>(
          'lastfm:artist.getTopTracks',
          artistKey(neighbour.name),
          CACHE_TTL_MS.external,
          async () =>
            this.unwrap(
              await this.lastfm.topTracks(neighbour.name, TOP_PER_ARTIST, signal),
              `artist.getTopTracks ${neighbour.name}`,
            ),
        );
        return (top ?? []).slice(0, TOP_PER_ARTIST).map((track, rank) =>
          songCandidate({ artist: track.artist, title: track.title }, [
            {
              source: this.name,
              similarTo: { kind: 'artist', id: seed.artistKey, name: seed.artistName },
              strength: clamp01(neighbour.match) * (1 - 0.1 * rank),
              userIds: seed.userIds,
            },
          ]),
        );
      }),
    );
    return distinctCandidates(perArtist.flat(), Number.POSITIVE_INFINITY);
  }

  private unwrap<T>(answer: HttpAnswer<T>, what: string): T | undefined {
    if (answer.ok) return answer.value;
    if (answer.reason !== 'aborted') this.logger.warn(`Last.fm ${what} failed (${answer.reason}): ${answer.detail}`);
    return undefined;
  }
}
