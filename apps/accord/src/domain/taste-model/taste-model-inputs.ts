import { Injectable } from '@nestjs/common';
import { instanceInteractions, type Interaction, type ListenerProfile, type SimilarityEdge } from '@accord/recommender';
import { artistKey } from '@accord/track-identity';
import type { DeezerArtistRef } from '../../adapters/deezer/deezer.client';
import type { LastfmSimilarArtist } from '../../adapters/lastfm/lastfm.client';
import { SimilarRepository } from '../discovery/similar.repository';
import { rankStrength } from '../discovery/song-candidate';
import { TasteProfileService } from '../preferences/profiles/taste-profile.service';

/** Everything a training run learns from, read from the database. */
export interface TasteModelInputs {
  interactions: Interaction[];
  edges: SimilarityEdge[];
}

/**
 * Reads what the instance knows for the taste model: every listener's artists (plays they heard,
 * likes, imported libraries; users who opted out are left out) and the artist similarity the
 * sources answered and the bot cached (Last.fm's match scores; Deezer's related artists by rank).
 */
@Injectable()
export class TasteModelInputsReader {
  constructor(
    private readonly profiles: TasteProfileService,
    private readonly similar: SimilarRepository,
  ) {}

  async read(now: Date): Promise<TasteModelInputs> {
    const listeners: ListenerProfile[] = [];
    for await (const profile of this.profiles.everyListener()) listeners.push(profile);
    return { interactions: instanceInteractions(listeners), edges: await this.edges(now) };
  }

  private async edges(now: Date): Promise<SimilarityEdge[]> {
    const edges: SimilarityEdge[] = [];
    for await (const { key, payload } of this.similar.allOf<LastfmSimilarArtist[]>('lastfm:artist.getSimilar', now)) {
      for (const neighbour of Array.isArray(payload) ? payload : []) {
        const to = artistKey(String(neighbour?.name ?? ''));
        const strength = Number(neighbour?.match);
        if (to && strength > 0) edges.push({ from: key, to, strength: Math.min(1, strength) });
      }
    }
    // Deezer caches artists by id: the artist lookups name the ids.
    const artistOfId = new Map<string, string>();
    for await (const { key, payload } of this.similar.allOf<{ id?: number }>('deezer:artist', now)) {
      if (payload && typeof payload.id === 'number') artistOfId.set(String(payload.id), key);
    }
    for await (const { key, payload } of this.similar.allOf<DeezerArtistRef[]>('deezer:related', now)) {
      const from = artistOfId.get(key);
      const related = Array.isArray(payload) ? payload : [];
      if (!from) continue;
      related.forEach((artist, rank) => {
        const to = artistKey(String(artist?.name ?? ''));
        if (to) edges.push({ from, to, strength: rankStrength(rank, related.length) });
      });
    }
    return edges;
  }
}
