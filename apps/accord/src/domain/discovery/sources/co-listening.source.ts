import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { GUILD_HISTORY, type CoListenedTrack, type GuildHistoryPort } from '../../history/guild-history.port';
import type { CandidateSource, DiscoveryContext, SourcedCandidate } from '../candidate-source';
import { CACHE_TTL_MS, SimilarCacheService } from '../similar-cache.service';
import { clamp01, distinctCandidates } from '../song-candidate';
import { seedName, seedTracks } from './seed-selection';

const SEED_TRACKS = 10;

/** Accord's own memory: people who play X also play Y, across every guild of this instance. */
@Injectable()
export class CoListeningSource implements CandidateSource {
  readonly name = 'co-listening';
  constructor(
    @Inject(GUILD_HISTORY) private readonly history: GuildHistoryPort,
    private readonly cache: SimilarCacheService,
  ) {}

  async candidates(context: DiscoveryContext): Promise<SourcedCandidate[]> {
    const seeds = seedTracks(context, SEED_TRACKS, () => true);
    if (seeds.length === 0) return [];
    const keys = seeds.map((seed) => seed.trackKey).sort();
    const cacheKey = createHash('sha1').update(keys.join('\n')).digest('hex');
    const found = await this.cache.remember<CoListenedTrack[]>('co-listening', cacheKey, CACHE_TTL_MS.colistening, () =>
      this.history.coListened(keys, context.limit),
    );
    const bySeed = new Map(seeds.map((seed) => [seed.trackKey, seed]));
    return distinctCandidates(
      (found ?? []).map((track) => {
        const seed = bySeed.get(track.similarTo);
        return {
          trackKey: track.trackKey,
          artistKey: track.artistKey,
          artistName: track.artistName,
          title: track.title,
          query: `${track.artistName} - ${track.title}`,
          tags: [],
          guildPopularity: clamp01(track.popularity ?? 0),
          evidence: [
            {
              source: this.name,
              similarTo: { kind: 'track' as const, id: track.similarTo, name: seed ? seedName(seed) : track.similarTo },
              strength: clamp01(track.strength),
              userIds: track.userIds ?? seed?.userIds,
            },
          ],
        };
      }),
      context.limit,
    );
  }
}
