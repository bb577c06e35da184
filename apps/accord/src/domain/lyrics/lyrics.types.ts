/** One line of synced lyrics: when it is sung (from the song's start) and its words ('' for a pause). */
export interface TimedLine {
  timeMs: number;
  text: string;
}

/** Where lyrics come from, as credited to the user. */
export type LyricsSource = 'lrclib';

/** A song's lyrics as the cache keeps them and every transport shows them. */
export interface Lyrics {
  /** The cache entry's id (what a page button names). */
  id: string;
  source: LyricsSource;
  /** The source's own id for the record. */
  sourceId: number;
  artist: string;
  title: string;
  album: string | null;
  durationMs: number;
  /** The song has no words. */
  instrumental: boolean;
  /** Timed lines, when the source has synced lyrics. */
  synced: TimedLine[] | null;
  /** The plain text (also made from the synced lines when the source has only those). */
  plain: string | null;
}

/** The song lyrics were asked for: as the catalog knows it, or as a query was read. */
export interface LyricsSong {
  artist: string;
  title: string;
  /** 0 when unknown (a query, a stream). */
  durationMs: number;
}

/**
 * What a lyrics lookup answers: the song asked about and its lyrics, or none (no record, or the
 * source failed; a failure is logged at debug level and not remembered).
 */
export interface LyricsLookup {
  song: LyricsSong;
  lyrics: Lyrics | null;
}
