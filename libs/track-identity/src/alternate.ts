import { artistLookupKey, type ArtistLookup } from './known-artists';
import { parseTitle, type ParsedTitle } from './parse-title';
import type { Candidate } from './score-candidate';
import { artistKey, titleKey, trackKey } from './track-key';
import { NO_VARIANT } from './variant';

/** The song an alternate must be: its names and variant, and its length when known. */
export interface AlternateQuery {
  artist: string;
  title: string;
  variant?: string;
  durationMs?: number;
}

export interface AlternateOptions {
  knownArtists?: ArtistLookup;
  /** Largest length difference accepted, in ms; the default is 10 s or 5% of the song, whichever is more. */
  toleranceMs?: number;
}

/** Why a candidate is not the song: another song, another version, another length, or a 30 s preview. */
export type AlternateRejection = 'other-song' | 'variant' | 'duration' | 'preview';

export type AlternateResult =
  | { ok: true; best: Candidate; parsed: ParsedTitle; differenceMs: number | null }
  | {
      ok: false;
      reason: 'NO_CANDIDATES' | 'NO_MATCH';
      rejected: Array<{ candidate: Candidate; why: AlternateRejection }>;
    };

/** SoundCloud plays 30 s of a song it may not stream in full; anything this short stands for a preview. */
export const PREVIEW_MAX_MS = 31_000;
/** Songs shorter than this can be short for real: a short candidate is not taken for a preview. */
const SHORT_SONG_MS = 60_000;
const MIN_TOLERANCE_MS = 10_000;
const TOLERANCE_SHARE = 0.05;

/**
 * The upload on another source (SoundCloud, Bandcamp) that is the same recording as the wanted
 * song: the same track key (artist, title and variant), a length within tolerance, and not a
 * preview. Of several, the one closest in length wins; the candidates' order breaks ties.
 */
export function pickAlternate(
  query: AlternateQuery,
  candidates: readonly Candidate[],
  options: AlternateOptions = {},
): AlternateResult {
  if (candidates.length === 0) return { ok: false, reason: 'NO_CANDIDATES', rejected: [] };
  const wantedKey = trackKey(query);
  const knownArtists = withWanted(query.artist, options.knownArtists);
  const wanted = query.durationMs && query.durationMs > 0 ? query.durationMs : null;
  const tolerance = options.toleranceMs ?? Math.max(MIN_TOLERANCE_MS, (wanted ?? 0) * TOLERANCE_SHARE);
  const rejected: Array<{ candidate: Candidate; why: AlternateRejection }> = [];
  let best: { candidate: Candidate; parsed: ParsedTitle; differenceMs: number | null } | null = null;
  for (const candidate of candidates) {
    const parsed = parseTitle(
      { title: candidate.title, author: candidate.author },
      { channel: candidate.author, knownArtists, durationMs: candidate.durationMs },
    );
    const why = rejection({ query, wantedKey, wanted, tolerance }, candidate, parsed);
    if (why) {
      rejected.push({ candidate, why });
      continue;
    }
    const differenceMs = wanted && candidate.durationMs ? Math.abs(candidate.durationMs - wanted) : null;
    if (!best || (differenceMs ?? Infinity) < (best.differenceMs ?? Infinity))
      best = { candidate, parsed, differenceMs };
  }
  return best
    ? { ok: true, best: best.candidate, parsed: best.parsed, differenceMs: best.differenceMs }
    : { ok: false, reason: 'NO_MATCH', rejected };
}

function rejection(
  wanted: { query: AlternateQuery; wantedKey: string; wanted: number | null; tolerance: number },
  candidate: Candidate,
  parsed: ParsedTitle,
): AlternateRejection | null {
  const length = candidate.durationMs ?? 0;
  if (length > 0 && length <= PREVIEW_MAX_MS && (wanted.wanted === null || wanted.wanted >= SHORT_SONG_MS)) {
    return 'preview';
  }
  if (trackKey(parsed) !== wanted.wantedKey) {
    const sameSong =
      artistKey(parsed.artist) === artistKey(wanted.query.artist) &&
      titleKey(parsed.title) === titleKey(wanted.query.title);
    return sameSong && (parsed.variant || NO_VARIANT) !== (wanted.query.variant || NO_VARIANT)
      ? 'variant'
      : 'other-song';
  }
  if (wanted.wanted !== null && length > 0 && Math.abs(length - wanted.wanted) > wanted.tolerance) return 'duration';
  return null;
}

/** The known artists plus the wanted one, so that "Song" uploaded by "Artist" reads as Artist's. */
function withWanted(artist: string, known: ArtistLookup | undefined): ArtistLookup {
  const wanted = artistLookupKey(artist);
  return {
    has: (key: string): boolean => (key.length > 0 && key === wanted) || (known?.has(key) ?? false),
    spelling: (key: string): string | undefined => known?.spelling?.(key),
  };
}
