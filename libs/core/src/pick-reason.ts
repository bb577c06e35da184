/**
 * Why autoplay picked a song, as data: who it is for and what they share with it. The recommender
 * builds it (and an English sentence for the logs and the panel); the Discord transport words it in
 * the reader's language.
 */
export type PickReason =
  /** Nothing personal to say: the song is popular in the server. */
  | { kind: 'popular' }
  /** A room of newcomers: close to what someone asked for (`requester` null when they left). */
  | { kind: 'request'; ref: string; requester: string | null }
  /** An unheard song by an artist these listeners play. */
  | { kind: 'discovery-artist'; artist: string; fans: string[] }
  /** An unheard song close to artists or songs these listeners play. */
  | { kind: 'discovery-close'; refs: string[]; fans: string[] }
  /** An unheard song in genres the room likes. */
  | { kind: 'discovery-tags'; tags: string[] }
  | { kind: 'discovery-popular' }
  | { kind: 'discovery-new' }
  /** One or two clauses, each naming listeners and what they share with the song. */
  | { kind: 'for'; clauses: PickClause[] };

/** What a song has for some listeners: they liked it, play it or its artist, like similar music, ... */
export interface PickClause {
  reason: 'liked' | 'track' | 'artist' | 'similar' | 'tags' | 'guild';
  /** The artist, song or tag it is about (empty for `liked`, `track` and `guild`). */
  ref: string;
  /** The listeners' display names. */
  names: string[];
  /** Whether it was the one named listener's turn. */
  turn: boolean;
}
