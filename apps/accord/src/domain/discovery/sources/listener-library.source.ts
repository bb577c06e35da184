import { parseTrackKey } from '@accord/track-identity';
import { Injectable } from '@nestjs/common';
import type { WeightedRef } from '@accord/recommender';
import type { CandidateSource, DiscoveryContext, ListenerSeed, SourcedCandidate } from '../candidate-source';
import { distinctCandidates } from '../song-candidate';
import { interleave } from './deezer.source';

const TOP_TRACKS_PER_LISTENER = 25;

/**
 * The listeners' own liked and most played songs (from their profiles): the familiar half of
 * autoplay. Needs no network; the engine scores them from the profiles themselves.
 */
@Injectable()
export class ListenerLibrarySource implements CandidateSource {
  readonly name = 'library';

  candidates(context: DiscoveryContext): Promise<SourcedCandidate[]> {
    const perListener = context.listeners.map((listener) => this.libraryOf(listener));
    return Promise.resolve(distinctCandidates(interleave(perListener), context.limit));
  }

  private libraryOf(listener: ListenerSeed): SourcedCandidate[] {
    const names = new Map(listener.tracks.map((ref) => [ref.id, ref.name]));
    const top = [...listener.tracks].sort((a, b) => b.weight - a.weight).slice(0, TOP_TRACKS_PER_LISTENER);
    const keys = [...listener.likedTrackKeys, ...top.map((ref) => ref.id)];
    return keys.flatMap((key) => {
      const candidate = fromKey(key, names.get(key), listener.topArtists);
      return candidate ? [candidate] : [];
    });
  }
}

/**
 * A candidate from a track key and whatever name the profile keeps for it ("Artist - Title" or the
 * title). Playback finds the song by its key in the catalog first, so the query is only a fallback.
 */
export function fromKey(
  key: string,
  name: string | undefined,
  artists: readonly WeightedRef[],
): SourcedCandidate | null {
  const parts = parseTrackKey(key);
  if (!parts) return null;
  const { artist: artistPart, title: titlePart } = parts;
  const split = name?.includes(' - ') ? name.split(' - ') : undefined;
  const artistName = artists.find((artist) => artist.id === artistPart)?.name ?? split?.[0] ?? artistPart;
  const title = split ? split.slice(1).join(' - ') : (name ?? titlePart);
  return {
    trackKey: key,
    artistKey: artistPart,
    artistName,
    title,
    query: `${artistName} - ${title}`,
    tags: [],
    guildPopularity: 0,
    evidence: [],
  };
}
