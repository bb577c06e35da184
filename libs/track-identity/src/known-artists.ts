import { splitArtistList } from './featuring';
import { foldForKey, readStylisedLetters } from './normalise';

/**
 * Artist names the caller already knows (pinned tracks, imports, source answers), looked up by
 * `artistLookupKey`. A `ReadonlySet<string>` of such keys is enough; `createArtistLookup` also keeps
 * the preferred spelling of each name.
 */
export interface ArtistLookup {
  has(key: string): boolean;
  /** The spelling to report for a key, when the lookup keeps one. */
  spelling?(key: string): string | undefined;
}

/** What a parse may know besides the title: the channel, the duration and the known artists. */
export interface TitleContext {
  /** Channel name ("Queen - Topic", "QueenVEVO", "Queen Official"). */
  channel?: string;
  durationMs?: number;
  knownArtists?: ArtistLookup;
}

// Longest name, in words, looked for inside a title that has no separator.
const MAX_NAME_WORDS = 5;
// Titles past this many words are noise: the scan stops there.
const MAX_SCANNED_WORDS = 40;

/**
 * The lookup form of an artist name: folded like keys, a leading "The" dropped, "and"/"&"/"+" between
 * names dropped ("Simon & Garfunkel", "Florence + the Machine") and stylised letters read plainly
 * ("Ke$ha", "A$AP Rocky", "P!nk").
 */
export function artistLookupKey(name: string): string {
  const words = name
    .trim()
    .replace(/^the\s+(?=\S)/i, '')
    .split(/\s+/);
  return words.map(lookupWord).join('');
}

function lookupWord(word: string): string {
  if (/^(?:and|&|\+)$/i.test(word)) return '';
  return foldForKey(readStylisedLetters(word));
}

/** A lookup built once from a list of names (empty lines, duplicates and odd text are skipped). */
export class KnownArtists implements ArtistLookup {
  private readonly spellings = new Map<string, string>();

  constructor(names: Iterable<unknown>) {
    for (const raw of names) {
      if (typeof raw !== 'string') continue;
      const name = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
      if (name.length === 0 || name.length > 200) continue;
      const key = artistLookupKey(name);
      if (key.length > 0 && !this.spellings.has(key)) this.spellings.set(key, name);
    }
  }

  get size(): number {
    return this.spellings.size;
  }

  has(key: string): boolean {
    return this.spellings.has(key);
  }

  spelling(key: string): string | undefined {
    return this.spellings.get(key);
  }
}

/** Builds a lookup from names, one per entry (a file's lines, a catalogue's artists). */
export function createArtistLookup(names: Iterable<unknown>): KnownArtists {
  return new KnownArtists(names);
}

/** The known spelling of `name` when it (or the first name of a credit list) is a known artist. */
export function knownSpelling(name: string, lookup: ArtistLookup | undefined): string | null {
  if (!lookup) return null;
  const key = artistLookupKey(name);
  if (key.length === 0) return null;
  if (lookup.has(key)) return lookup.spelling?.(key) ?? name.trim();
  return null;
}

/** Whether some name of a credit ("A & B", "A feat. B", "A / B") is a known artist. */
export function creditHasKnownArtist(credit: string, lookup: ArtistLookup | undefined): boolean {
  if (!lookup) return false;
  if (knownSpelling(credit, lookup) !== null) return true;
  const withoutFeat = credit
    .replace(/\s(?:feat(?:uring)?|ft)\.?\s.*$/i, '')
    .replace(/[([{【][^)\]}】]*[)\]}】]/g, ' ')
    .trim();
  if (knownSpelling(withoutFeat, lookup) !== null) return true;
  return splitArtistList(withoutFeat).some((name) => knownSpelling(name, lookup) !== null);
}

export interface FoundArtist {
  start: number;
  end: number;
  name: string;
}

// Words that are also artist names ("Yes", "Train", "Muse", "Air"): inside running text they are
// far more often the word than the band, so a scan never takes them alone.
const COMMON_WORDS = new Set(
  (
    'a about after again air all alone always america angel angels animals anything are away baby back bad ' +
    'beautiful because bed best better big bird black blood blue body boy boys bread bridge brother burn ' +
    'bush but by call can car chicago children christmas city cold come cream crazy cry cut dance dancing ' +
    'day days dead dear death devil do dog doors down dream dreams drive earth east easy eagles end ever ' +
    'every eyes face fall family feel fire first flower fly for forever free friend friends from fun game ' +
    'garbage genesis get ghost girl girls give go god gold gone good great green guns hands happy hard have ' +
    'he heart heaven hell her here hero high him his hold home hope hot house how i if in is it journey ' +
    'just keep kids king kiss lady last let life light like little live long lost love low mad make man me ' +
    'mind miss money moon more mother muse music my need never new next night no nothing now of oh on one ' +
    'only open or our out over paradise party people play please power pretty queen rain rainbow real red ' +
    'river road rock roll run sad say sea see seven she shine show side silver sky slow so some song soul ' +
    'sound spring star stars stay still stone stop storm story summer sun sweet take talk tears tell that ' +
    'the them there they thing this time to tonight too train true try two up us wait walk want war water ' +
    'way we what when where white why wild will wind winter wish with without woman world yes yesterday ' +
    'you young your'
  ).split(' '),
);

/** Whether a name is one common word ("Train", "Yes"), which running text alone cannot vouch for. */
export function isCommonWordName(name: string): boolean {
  const words = name.trim().toLowerCase().split(/\s+/);
  return words.length === 1 && COMMON_WORDS.has(foldForKey(words[0]));
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.&$!]*/gu;

/**
 * The first known artist named inside running text ("Adele Rolling in the Deep Choreo"), longest
 * name first at each word. One-word names that are common words are skipped.
 */
export function findKnownArtist(text: string, lookup: ArtistLookup | undefined): FoundArtist | null {
  if (!lookup) return null;
  const words: Array<{ start: number; end: number; key: string }> = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null && words.length < MAX_SCANNED_WORDS; m = WORD.exec(text)) {
    // "Adele's Hello": the possessive belongs to the name's sentence, not to the name.
    const word = m[0].replace(/['’]s$/i, '').replace(/[.'’!]+$/, '');
    words.push({ start: m.index, end: m.index + word.length, key: lookupWord(word) });
  }
  for (let i = 0; i < words.length; i++) {
    if (words[i].key.length === 0) continue;
    let key = '';
    let best: FoundArtist | null = null;
    for (let j = i; j < Math.min(words.length, i + MAX_NAME_WORDS); j++) {
      key += words[j].key;
      if (key.length === 0 || !lookup.has(key)) continue;
      const name = text.slice(words[i].start, words[j].end);
      if (j === i && isCommonWordName(name)) continue;
      best = { start: words[i].start, end: words[j].end, name: lookup.spelling?.(key) ?? name };
    }
    // "Glad You Came The Wanted lyrics": the lookup drops a leading "The", the title must not keep it.
    if (best && i > 0 && words[i - 1].key === 'the') best.start = words[i - 1].start;
    if (best) return best;
  }
  return null;
}
