import { distance } from 'fastest-levenshtein';

/**
 * Similarity of two folded strings in [0, 1]: 1 - Levenshtein distance / longer length, raised when
 * one contains the other ("bohemianrhapsody" in "bohemianrhapsodylivewembley").
 */
export function similarity(a: string, b: string): number {
  if (a.length === 0 && b.length === 0) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  if (a === b) return 1;
  const edit = 1 - distance(a, b) / Math.max(a.length, b.length);
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  const contained = shorter.length >= 3 && longer.includes(shorter) ? 0.7 + 0.3 * (shorter.length / longer.length) : 0;
  return Math.max(edit, contained);
}
