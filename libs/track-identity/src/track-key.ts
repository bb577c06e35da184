import { splitArtistList, splitInlineFeaturing } from './featuring';
import { foldForKey, readStylisedLetters } from './normalise';
import { NO_VARIANT, variantKind, type Variant } from './variant';

/**
 * The version of the rules below. Bump it with any change that gives some input another key: the
 * app re-derives every stored key at its next start and moves history to the new keys.
 * 1: keys before versions were counted. 2: artists' stylised letters read plainly ("Ke$ha" = "Kesha").
 */
export const TRACK_KEY_VERSION = 2;

/** The parts of a parse that identify a recording. */
export interface TrackKeyInput {
  artist: string;
  title: string;
  variant?: Variant;
}

/**
 * The canonical key of a recording: `primaryArtist|title|variant`, each part folded (see
 * `foldForKey`). Featured artists are left out; of an artist list ("A & B", "A, B", "A x B") only
 * the first counts, so a Topic upload credited to "A" meets the video credited to "A, B". For a
 * cover the performer stands in the artist slot, so "X - Song (Y cover)" and "Y - Song (cover by X)"
 * share a key.
 */
export function trackKey(parsed: TrackKeyInput): string {
  const variant = parsed.variant && parsed.variant.trim() ? parsed.variant.trim() : NO_VARIANT;
  const coverBy = variantKind(variant) === 'cover' ? variant.slice('cover:'.length) : '';
  const artist = coverBy || artistKey(parsed.artist);
  return formatTrackKey({ artist, title: titleKey(parsed.title), variant });
}

/**
 * Folded primary artist: "The Beatles" and "Beatles, The" -> "beatles"; "Queen & David Bowie" ->
 * "queen"; "Ke$ha" -> "kesha", "P!nk" -> "pink".
 */
export function artistKey(artist: string): string {
  const withoutFeaturing = splitInlineFeaturing(` ${artist}`).rest.trim();
  // "TWICE(트와이스)" and "BTS (방탄소년단)" carry a translation; "(G)I-DLE" starts with its own bracket.
  const withoutTranslation = withoutFeaturing.replace(/(?<=\S)\s*\([^()]*\)/g, ' ').trim() || withoutFeaturing;
  const primary = splitArtistList(withoutTranslation)[0] ?? withoutTranslation;
  const withoutThe = primary
    .trim()
    .replace(/^the\s+(?=\S)/i, '')
    .replace(/,\s*the$/i, '');
  return foldForKey(readStylisedLetters(withoutThe));
}

// Parentheticals that name a different piece ("Part 2", "Reprise") stay in the key; translations
// and subtitles ("Nostalgia (노스텔지아)", "(in C for Two Virgins)") go, so spellings agree.
const KEEP_PARENTHETICAL =
  /\b(?:part|pt|reprise|interlude|intro|outro|prelude|chapter|act|vol|volume|movement|no|op|side)\b|\d/i;

/** Folded song title: parentheticals dropped unless they number a part, "&" read as "and". */
export function titleKey(title: string): string {
  const withoutFeaturing = splitInlineFeaturing(` ${title}`).rest.trim();
  const trimmed = withoutFeaturing.replace(/\s*[([{]([^()[\]{}]*)[)\]}]/g, (whole, inner: string) =>
    KEEP_PARENTHETICAL.test(inner) ? whole : ' ',
  );
  const base = trimmed.trim().length > 0 ? trimmed : withoutFeaturing;
  const words = base.replace(/\s*&\s*/g, ' and ').replace(/\bpt\.?(?=\s*\d)/gi, 'part');
  return foldForKey(words);
}

/** A track key taken apart: its folded primary artist, title and variant (`none` for the original). */
export interface TrackKeyParts {
  artist: string;
  title: string;
  variant: string;
}

/**
 * `artist|title|variant` -> its parts, or null for text that is not a track key. Every reader of a
 * key goes through this (and `formatTrackKey`) rather than splitting the string itself.
 */
export function parseTrackKey(key: string): TrackKeyParts | null {
  const first = key.indexOf('|');
  const second = first === -1 ? -1 : key.indexOf('|', first + 1);
  if (second === -1) return null;
  const parts = { artist: key.slice(0, first), title: key.slice(first + 1, second), variant: key.slice(second + 1) };
  return parts.artist && parts.title && parts.variant ? parts : null;
}

/** Parts that are already folded (from `parseTrackKey` or a stored key) back into a key. */
export function formatTrackKey(parts: TrackKeyParts): string {
  return `${parts.artist}|${parts.title}|${parts.variant}`;
}
