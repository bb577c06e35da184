import { artistLookupKey, type ArtistLookup } from './known-artists';
import { artistFromAuthor, parseTitle, type ParsedTitle } from './parse-title';
import { foldForKey, prepareText } from './normalise';
import { similarity } from './similarity';
import { artistKey, titleKey } from './track-key';
import { NO_VARIANT, variantKind, type Variant } from './variant';

/** The song we want: usually a parse of what the user typed, or a catalogue entry. */
export interface MatchQuery {
  artist: string;
  title: string;
  variant?: Variant;
  durationMs?: number;
  isrc?: string;
}

/** One search result. */
export interface Candidate {
  id: string;
  title: string;
  author?: string;
  durationMs?: number;
  isrc?: string;
}

export interface ScoredCandidate {
  candidate: Candidate;
  /** In [0, 1]; 0.55 and up is a match by default. */
  score: number;
  /** Why, in order: `title:0.98`, `artist:1.00`, `duration:+2s`, `channel:topic`, `variant-mismatch:live`, `penalty:reaction`… */
  reasons: string[];
  parsed: ParsedTitle;
}

export type MatchResult =
  | { ok: true; best: ScoredCandidate; ranked: ScoredCandidate[] }
  | { ok: false; reason: 'NO_CANDIDATES' | 'BELOW_THRESHOLD'; ranked: ScoredCandidate[] };

export const DEFAULT_MIN_SCORE = 0.55;

const WEIGHTS = { title: 0.45, artist: 0.3, duration: 0.15 } as const;

// Uploads that are not the song itself, or not only it. The word must be absent from the wanted title.
const JUNK: ReadonlyArray<{ reason: string; pattern: RegExp; penalty: number }> = [
  { reason: 'reaction', pattern: /\breact(?:s|ion|ing)?\b/i, penalty: 0.4 },
  {
    reason: 'tutorial',
    pattern:
      /\b(?:tutorial|lesson|how\s+to\s+(?:play|sing)|chords|tabs?|guitar\s+cover|drum\s+cover|piano\s+tutorial|synthesia)\b/i,
    penalty: 0.4,
  },
  { reason: '8d', pattern: /\b8d\b/i, penalty: 0.3 },
  { reason: 'long-loop', pattern: /\b(?:\d+\s*(?:hours?|hrs?)|1\s*hour|one\s+hour)\b/i, penalty: 0.4 },
  { reason: 'loop', pattern: /\b(?:loop(?:ed)?|on\s+repeat)\b/i, penalty: 0.3 },
  {
    reason: 'compilation',
    pattern:
      /\b(?:full\s+album|compilation|greatest\s+hits|best\s+of|top\s+\d+|playlist|megamix|medley|mashup|mix\s+20\d\d|non[\s-]?stop)\b/i,
    penalty: 0.35,
  },
  { reason: 'bass-boosted', pattern: /\bbass\s*boost(?:ed)?\b/i, penalty: 0.25 },
  { reason: 'reversed', pattern: /\brevers(?:e|ed)\b/i, penalty: 0.3 },
  { reason: 'fan-made', pattern: /\b(?:fan[\s-]?made|ai\s+cover|parody|meme)\b/i, penalty: 0.3 },
  {
    reason: 'dance-video',
    pattern: /\b(?:dance\s+practice|dance\s+cover|choreography|mirrored|fancam|relay\s+dance)\b/i,
    penalty: 0.3,
  },
  {
    reason: 'excerpt',
    pattern: /\b(?:teaser|trailer|snippet|preview|#shorts?|interview|behind\s+the\s+scenes|making\s+of)\b/i,
    penalty: 0.35,
  },
];

// A query that asks for one of these versions does not penalise the words that name it.
const JUNK_OF_VARIANT: Readonly<Record<string, readonly string[]>> = {
  tutorial: ['tutorial'],
  loop: ['long-loop', 'loop'],
  mashup: ['compilation'],
};

/** What scoring may know besides the candidates: the known artists, as `parseTitle` takes them. */
export interface MatchContext {
  knownArtists?: ArtistLookup;
}

// Uploads that are never the song a plain query asks for, however well the names match.
const NEVER_FOR_PLAIN = new Set(['tutorial', 'mashup', 'loop', 'reaction', 'about']);

/** The known artists plus the wanted one: a title-first upload of the wanted song still parses. */
function lookupWith(query: MatchQuery, known: ArtistLookup | undefined): ArtistLookup {
  const wanted = artistLookupKey(query.artist ?? '');
  return {
    has: (key: string): boolean => (key.length > 0 && key === wanted) || (known?.has(key) ?? false),
    spelling: (key: string): string | undefined => known?.spelling?.(key),
  };
}

/** Scores how well one search result matches the wanted song, with the reasons. */
export function scoreCandidate(query: MatchQuery, candidate: Candidate, context: MatchContext = {}): ScoredCandidate {
  const reasons: string[] = [];
  const parsed = parseTitle(
    { title: candidate.title, author: candidate.author, durationMs: candidate.durationMs },
    { knownArtists: lookupWith(query ?? { artist: '', title: '' }, context.knownArtists) },
  );
  const rawTitle = prepareText(candidate.title);
  const author = artistFromAuthor(prepareText(candidate.author));
  const everything = foldForKey(`${rawTitle} ${author.name}`);

  const wantedTitle = titleKey(query.title ?? '');
  const titleSim = Math.max(
    similarity(wantedTitle, titleKey(parsed.title)),
    // A title the parser got wrong may still contain the wanted one whole.
    wantedTitle.length >= 4 && everything.includes(wantedTitle) ? 0.8 : 0,
  );
  reasons.push(`title:${titleSim.toFixed(2)}`);

  const wantedArtist = artistKey(query.artist ?? '');
  let artistSim = 0.5;
  if (wantedArtist.length > 0) {
    artistSim = Math.max(
      similarity(wantedArtist, artistKey(parsed.artist)),
      similarity(wantedArtist, artistKey(author.name)) * (author.kind === 'none' ? 0.8 : 1),
      wantedArtist.length >= 3 && everything.includes(wantedArtist) ? 0.85 : 0,
    );
    reasons.push(`artist:${artistSim.toFixed(2)}`);
  }

  const duration = durationScore(query.durationMs, candidate.durationMs);
  reasons.push(duration.reason);

  let score = WEIGHTS.title * titleSim + WEIGHTS.artist * artistSim + WEIGHTS.duration * duration.score;

  const artistChannel = wantedArtist.length > 0 && artistKey(author.name) === wantedArtist;
  if (artistChannel && author.kind === 'topic') {
    score += 0.1;
    reasons.push('channel:topic');
  } else if (artistChannel && (author.kind === 'vevo' || author.kind === 'official')) {
    score += 0.08;
    reasons.push('channel:official');
  } else if (artistChannel) {
    score += 0.05;
    reasons.push('channel:artist');
  }

  const wanted = query.variant && query.variant.trim() ? query.variant.trim() : NO_VARIANT;
  const gotKind = variantKind(parsed.variant);
  if (variantKind(wanted) !== gotKind && NEVER_FOR_PLAIN.has(gotKind)) {
    reasons.push(`excluded:${gotKind}`);
    return { candidate, score: 0, reasons, parsed };
  }
  if (variantKind(wanted) !== gotKind) {
    score -= 0.5;
    reasons.push(`variant-mismatch:${parsed.variant}`);
  } else if (wanted !== parsed.variant && wanted.includes(':') && parsed.variant.includes(':')) {
    score -= 0.2;
    reasons.push(`variant-mismatch:${parsed.variant}`);
  }

  const wantedText = `${query.artist ?? ''} ${query.title ?? ''}`;
  const wantedJunk = JUNK_OF_VARIANT[variantKind(wanted)] ?? [];
  for (const junk of JUNK) {
    if (wantedJunk.includes(junk.reason)) continue;
    if (junk.pattern.test(rawTitle) && !junk.pattern.test(wantedText)) {
      score -= junk.penalty;
      reasons.push(`penalty:${junk.reason}`);
    }
  }

  if (query.isrc && candidate.isrc) {
    if (query.isrc.toUpperCase() === candidate.isrc.toUpperCase()) {
      score = Math.max(score, 0.99);
      reasons.push('isrc:match');
    } else {
      score -= 0.2;
      reasons.push('isrc:mismatch');
    }
  }

  return { candidate, score: round(Math.min(1, Math.max(0, score))), reasons, parsed };
}

/**
 * Ranks search results for the wanted song and returns the best, or `ok: false` when there are none
 * or none reaches `minScore`. Ties keep the search engine's order.
 */
export function pickBest(
  query: MatchQuery,
  candidates: readonly Candidate[],
  options: { minScore?: number } & MatchContext = {},
): MatchResult {
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const context: MatchContext = { knownArtists: options.knownArtists };
  const ranked = candidates
    .map((candidate, index) => ({ scored: scoreCandidate(query, candidate, context), index }))
    .sort((a, b) => b.scored.score - a.scored.score || a.index - b.index)
    .map((entry) => entry.scored);
  if (ranked.length === 0) return { ok: false, reason: 'NO_CANDIDATES', ranked };
  if (ranked[0].score < minScore) return { ok: false, reason: 'BELOW_THRESHOLD', ranked };
  return { ok: true, best: ranked[0], ranked };
}

function durationScore(wantedMs: number | undefined, gotMs: number | undefined): { score: number; reason: string } {
  if (!isDuration(wantedMs) || !isDuration(gotMs)) return { score: 0.5, reason: 'duration:unknown' };
  const diff = Math.round((gotMs - wantedMs) / 1000);
  const off = Math.abs(diff);
  const reason = `duration:${diff >= 0 ? '+' : ''}${diff}s`;
  if (off <= 3) return { score: 1, reason };
  if (off <= 8) return { score: 0.85, reason };
  if (off <= 15) return { score: 0.6, reason };
  if (off <= 30) return { score: 0.3, reason };
  // Far off: another edit, a live stretch, a compilation or a loop.
  return { score: off > wantedMs / 1000 ? -2 : -0.5, reason };
}

function isDuration(ms: number | undefined): ms is number {
  return typeof ms === 'number' && Number.isFinite(ms) && ms > 0;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
