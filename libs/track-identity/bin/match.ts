// JSON Lines in: {"query": {...}, "candidates": [{"id", "title", "author", "durationMs"}]}; out: {"id", "score", "reasons"}.
import { pickBest, type Candidate, type MatchQuery } from '@accord/track-identity';
import { isRecord, mapJsonLines, optionalNumber, optionalString } from './json-lines';

function toQuery(value: unknown): MatchQuery {
  if (!isRecord(value) || typeof value.title !== 'string') throw new Error('expected "query" with a string "title"');
  return {
    artist: optionalString(value.artist) ?? '',
    title: value.title,
    variant: optionalString(value.variant),
    durationMs: optionalNumber(value.durationMs),
    isrc: optionalString(value.isrc),
  };
}

function toCandidate(value: unknown, index: number): Candidate {
  if (!isRecord(value)) throw new Error(`candidate ${index} is not an object`);
  const id = typeof value.id === 'string' || typeof value.id === 'number' ? String(value.id) : '';
  return {
    id,
    title: optionalString(value.title) ?? '',
    author: optionalString(value.author),
    durationMs: optionalNumber(value.durationMs),
    isrc: optionalString(value.isrc),
  };
}

function matchLine(value: unknown): unknown {
  if (!isRecord(value)) throw new Error('expected {"query": {...}, "candidates": [...]}');
  const query = toQuery(value.query);
  const candidates = Array.isArray(value.candidates) ? value.candidates.map(toCandidate) : [];
  const result = pickBest(query, candidates);
  if (result.ok) return { id: result.best.candidate.id, score: result.best.score, reasons: result.best.reasons };
  const top = result.ranked[0];
  return {
    id: null,
    score: top?.score ?? 0,
    reasons: [result.reason === 'NO_CANDIDATES' ? 'no-candidates' : 'below-threshold', ...(top?.reasons ?? [])],
  };
}

mapJsonLines(matchLine).catch((error: unknown) => {
  process.stderr.write(`identity:match failed: ${String(error)}\n`);
  process.exitCode = 1;
});
