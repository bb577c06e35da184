import { findTopLevel } from './brackets';

// "feat. X", "ft X", and "ft.X" without a space after the dot.
const FEAT_LEAD = String.raw`(?:feat(?:uring)?|ft)(?:\.\s*|\s+)(?=\S)`;
/** "feat. X" / "ft X" / "featuring X" as the whole of an annotation; "with X" too, but not "with lyrics" or "with pictures". */
const FEAT_ANNOTATION = new RegExp(
  String.raw`^(?:${FEAT_LEAD}|with(?!\s+(?:\S+\s+){0,2}(?:lyrics?|pictures|pics|photos|images|subtitles|subs|letra|download)\b)\s+)(.+)$`,
  'i',
);
/** Unbracketed "feat. X" running to the end of a title or artist. */
const FEAT_INLINE = new RegExp(String.raw`(?:^|\s)${FEAT_LEAD}(.+)$`, 'i');

/** The featured artists of an annotation such as "feat. A, B & C", or null when it is not one. */
export function featuringFromAnnotation(annotation: string): string[] | null {
  const m = FEAT_ANNOTATION.exec(annotation.trim());
  return m ? splitArtistList(m[1]) : null;
}

/** Splits "Song ft. A & B" into the part before and the featured artists. */
export function splitInlineFeaturing(text: string): { rest: string; featuring: string[] } {
  const m = topLevelFeat(text);
  if (!m || m.index === 0) return { rest: text, featuring: [] };
  return { rest: text.slice(0, m.index).trim(), featuring: splitArtistList(m[1]) };
}

// "feat." inside brackets belongs to that annotation ("(Parody of X by Y feat. Z)"), not to the title.
function topLevelFeat(text: string): { index: number; 1: string } | null {
  const hit = findTopLevel(text, FEAT_INLINE)[0];
  if (!hit) return null;
  const m = FEAT_INLINE.exec(text.slice(hit.index));
  return m ? { index: hit.index + m.index, 1: m[1] } : null;
}

/**
 * Like `splitInlineFeaturing`, but the featured names stop at the first bracket, so that
 * "See You Again ft. Charlie Puth [Official Video] Furious 7 Soundtrack" leaves the tail to be read apart.
 */
export function splitInlineFeaturingBeforeBrackets(text: string): { rest: string; featuring: string[]; tail: string } {
  const m = topLevelFeat(text);
  if (!m || m.index === 0) return { rest: text, featuring: [], tail: '' };
  const names = m[1];
  const cut = names.search(/[([{【]/);
  const own = cut < 0 ? names : names.slice(0, cut);
  const tail = cut < 0 ? '' : names.slice(cut);
  const featuring = splitArtistList(own);
  if (featuring.length === 0) return { rest: text, featuring: [], tail: '' };
  return { rest: text.slice(0, m.index).trim(), featuring, tail };
}

/**
 * Splits an artist credit on the joiners uploaders use: ",", "&", "and", "+", "x", "×", "vs", "/" with
 * spaces, ";". "AC/DC" and "Brand X" stay whole because the joiners need spaces around them.
 */
export function splitArtistList(text: string): string[] {
  return text
    .split(/\s*[,;]\s*|\s+(?:&|and|\+|x|×|vs\.?|with|\/)\s+|\s*&\s*(?=\S)/i)
    .map(trimCreditEdges)
    .filter((part) => part.length > 0);
}

// Strip wrapper brackets and quotes left by the split, but keep "CHEETAH(치타)" whole.
function trimCreditEdges(part: string): string {
  let text = part.trim().replace(/^["'“”‘’]+|["'“”‘’]+$/g, '');
  const count = (ch: string): number => text.split(ch).length - 1;
  if (text.endsWith(')') && count(')') > count('(')) text = text.slice(0, -1);
  if (text.startsWith('(') && count('(') > count(')')) text = text.slice(1);
  return text.trim();
}
