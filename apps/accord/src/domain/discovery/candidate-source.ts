import type { Candidate, ListenerProfile } from '@accord/recommender';

/** A listener present in the room, with the taste the sources start from. */
export type ListenerSeed = Pick<
  ListenerProfile,
  'userId' | 'displayName' | 'topArtists' | 'topTags' | 'tracks' | 'likedTrackKeys'
>;

/** A song the room played or liked lately: what the sources look for neighbours of. */
export interface SeedTrack {
  trackKey: string;
  artistKey: string;
  /** Display names, when known (external sources look songs up by name). */
  artistName?: string;
  title?: string;
  youtubeId?: string;
  /** Present listeners who played or liked it. */
  userIds: string[];
  /** How much it counts, in [0, 1]. */
  weight: number;
}

/** A seed artist: one of the present listeners' top artists. */
export interface SeedArtist {
  artistKey: string;
  artistName: string;
  userIds: string[];
  weight: number;
}

export interface DiscoveryContext {
  guildId: string;
  listeners: ListenerSeed[];
  seeds: SeedTrack[];
  artists: SeedArtist[];
  /** Most candidates a source should return. */
  limit: number;
  /** Aborted at the pick's deadline: a source stops and its partial work is dropped. */
  signal: AbortSignal;
}

/**
 * A candidate as the recommender scores it, plus what playback needs to find it later: a search
 * query ("artist - title") and, when the source knows it, the YouTube video.
 */
export interface SourcedCandidate extends Candidate {
  title: string;
  query: string;
  youtubeId?: string;
}

/** One place candidates come from. Sources never throw for "nothing found": they return []. */
export interface CandidateSource {
  readonly name: string;
  candidates(context: DiscoveryContext): Promise<SourcedCandidate[]>;
}

/** Every source, as an array (multi-provider token). */
export const CANDIDATE_SOURCES = Symbol('CANDIDATE_SOURCES');
