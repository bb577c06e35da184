import { featuringFromAnnotation, splitInlineFeaturing } from './featuring';
import { isFluff } from './fluff';
import { CONCERT_DATE, detectVariant, type VariantHit } from './variant';

/** What the parser learnt from annotations so far: featured artists and the first variant seen. */
export interface Collected {
  featuring: string[];
  variant: VariantHit | null;
}

export type AnnotationKind = 'featuring' | 'variant' | 'fluff' | 'other';

export function emptyCollected(): Collected {
  return { featuring: [], variant: null };
}

/**
 * Classifies one annotation ("feat. X", "Live at Wembley", "Official Video", "in C for Two Virgins")
 * and records what it tells. Featuring beats variant beats fluff, so "(Official Remix)" is a remix.
 * A `loose` annotation stood outside brackets, where a date names the night of a live recording.
 */
export function absorbAnnotation(
  annotation: string,
  into: Collected,
  options: { loose?: boolean } = {},
): AnnotationKind {
  const text = annotation.trim();
  const featuring = featuringFromAnnotation(text);
  if (featuring) {
    into.featuring.push(...featuring);
    return 'featuring';
  }
  // "Moby Remix feat. X" holds both; in "(Boyce Avenue feat. Jane Roe cover)" the marker follows the names.
  const inline = splitInlineFeaturing(text);
  const rest = inline.rest;
  const afterNames = inline.featuring.length > 0 && detectVariant(rest) === null ? detectVariant(text) : null;
  const names = afterNames
    ? inline.featuring.map((name) => name.replace(/\s+(?:cover|remix|mix|version|live)$/i, ''))
    : inline.featuring;
  into.featuring.push(...names);
  const variant =
    detectVariant(rest) ?? afterNames ?? (options.loose && CONCERT_DATE.test(rest) ? { kind: 'live' } : null);
  if (variant) {
    into.variant ??= variant;
    return 'variant';
  }
  if (inline.featuring.length > 0) return 'featuring';
  return isFluff(rest) ? 'fluff' : 'other';
}
