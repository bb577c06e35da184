import { Injectable, Logger } from '@nestjs/common';
import { artistKey } from '@accord/track-identity';
import type { CandidateSource, DiscoveryContext, SeedArtist, SourcedCandidate } from '../candidate-source';
import { DeezerClient, type DeezerArtistRef, type DeezerTopTrack } from '../../../adapters/deezer/deezer.client';
import type { HttpAnswer } from '../../../shared/http/http-json';
import { CACHE_TTL_MS, SimilarCacheService } from '../similar-cache.service';
import { distinctCandidates, rankStrength, songCandidate } from '../song-candidate';
import { seedArtists } from './seed-selection';

const SEED_ARTISTS = 4;
const RELATED_PER_ARTIST = 6;
const TOP_PER_ARTIST = 3;
/** The seed artist's own top tracks ("a new one from Justice") count a little less than neighbours'. */
const OWN_TOP_STRENGTH = 0.6;

/** Deezer (no key): related artists of the room's artists and their top tracks, plus the artists' own top tracks. */
@Injectable()
export class DeezerSource implements CandidateSource {
  readonly name = 'deezer';
  private readonly logger = new Logger(DeezerSource.name);

  constructor(
    private readonly deezer: DeezerClient,
    private readonly cache: SimilarCacheService,
  ) {}

  async candidates(context: DiscoveryContext): Promise<SourcedCandidate[]> {
    const seeds = seedArtists(context, SEED_ARTISTS);
    const perSeed = await Promise.all(seeds.map((seed) => this.forArtist(seed, context.signal)));
    // Interleave seeds so that a limit keeps some of each artist's neighbourhood.
    return distinctCandidates(interleave(perSeed), context.limit);
  }

  private async forArtist(seed: SeedArtist, signal: AbortSignal): Promise<SourcedCandidate[]> {
    const id = await this.artistId(seed.artistName, signal);
    if (id === undefined) return [];
    const [related, own] = await Promise.all([this.related(id, signal), this.top(id, signal)]);
    const evidenceFor = (strength: number) => [
      {
        source: this.name,
        similarTo: { kind: 'artist' as const, id: seed.artistKey, name: seed.artistName },
        strength,
        userIds: seed.userIds,
      },
    ];
    const neighbours = await Promise.all(
      (related ?? []).map(async (artist, index, all) => {
        const tracks = (await this.top(artist.id, signal)) ?? [];
        const closeness = 0.9 * rankStrength(index, all.length, 0.4);
        return tracks.map((track, rank) =>
          songCandidate({ artist: track.artist, title: track.title }, evidenceFor(closeness * (1 - 0.1 * rank))),
        );
      }),
    );
    const ownTracks = (own ?? []).map((track, rank) =>
      songCandidate({ artist: track.artist, title: track.title }, evidenceFor(OWN_TOP_STRENGTH * (1 - 0.1 * rank))),
    );
    return distinctCandidates([...neighbours.flat(), ...ownTracks], Number.POSITIVE_INFINITY);
  }

  private async artistId(name: string, signal: AbortSignal): Promise<number | undefined> {
    const wanted = artistKey(name);
    const found = await this.cache.remember('deezer:artist', wanted, CACHE_TTL_MS.external, async () =>
      this.unwrap(await this.deezer.searchArtist(name, signal), `search ${name}`, (artists) => {
        const exact = artists.find((artist) => artistKey(artist.name) === wanted);
        return exact ? { id: exact.id } : {};
      }),
    );
    return found && 'id' in found ? found.id : undefined;
  }

  private related(id: number, signal: AbortSignal): Promise<DeezerArtistRef[] | undefined> {
    return this.cache.remember('deezer:related', String(id), CACHE_TTL_MS.external, async () =>
      this.unwrap(await this.deezer.relatedArtists(id, RELATED_PER_ARTIST, signal), `related ${id}`, (a) => a),
    );
  }

  private top(id: number, signal: AbortSignal): Promise<DeezerTopTrack[] | undefined> {
    return this.cache.remember('deezer:top', String(id), CACHE_TTL_MS.external, async () =>
      this.unwrap(await this.deezer.topTracks(id, TOP_PER_ARTIST, signal), `top ${id}`, (t) => t),
    );
  }

  private unwrap<T, R>(answer: HttpAnswer<T>, what: string, map: (value: T) => R): R | undefined {
    if (answer.ok) return map(answer.value);
    if (answer.reason !== 'aborted') this.logger.warn(`Deezer ${what} failed (${answer.reason}): ${answer.detail}`);
    return undefined;
  }
}

/** [a1, a2], [b1] -> [a1, b1, a2]. */
export function interleave<T>(lists: T[][]): T[] {
  const out: T[] = [];
  const longest = Math.max(0, ...lists.map((list) => list.length));
  for (let index = 0; index < longest; index++)
    for (const list of lists) if (index < list.length) out.push(list[index]);
  return out;
}
