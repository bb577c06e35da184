/** One line of synced lyrics: when it is sung, from the song's start, and its words ('' for a pause). */
export interface LyricsLineDto {
  timeMs: number;
  text: string;
}

/** The index of the line being sung at `positionMs` in lines sorted by time, or -1 before the first. */
export function lineAt(lines: readonly LyricsLineDto[], positionMs: number): number {
  let low = 0;
  let high = lines.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (lines[middle].timeMs <= positionMs) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
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
