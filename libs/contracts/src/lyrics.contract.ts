/** One line of synced lyrics: when it is sung, from the song's start, and its words ('' for a pause). */
export interface LyricsLineDto {
  timeMs: number;
  text: string;
}

/** The lyrics of the song playing in a guild, or none (`found: false`, a normal answer). */
export interface GuildLyricsDto {
  /** The queue entry they are for: the panel asks again when the song playing changes. */
  entryId: string;
  found: boolean;
  /** The song as it was looked up (the catalog's artist and title), and as the source names it once found. */
  artist: string;
  title: string;
  /** Who the lyrics come from, to credit them (`LRCLIB`); null when none were found. */
  source: string | null;
  instrumental: boolean;
  /** Timed lines when the source has synced lyrics, else null. */
  synced: LyricsLineDto[] | null;
  /** The plain text, else null. */
  plain: string | null;
}
