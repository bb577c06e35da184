import { looksLikePersonName } from './given-names';

/**
 * Which side of "A - B" is the artist when nothing else tells: song titles are made of the little
 * words of a sentence ("Somebody That I Used to Know", "Part of Me"); artist names rarely are.
 */

// Pronouns and verbs weigh two, other little words one.
const STRONG = new Set(
  "i you me my your we us our it i'm im you're don't dont can't cant won't ain't is are was were".split(' '),
);
const WEAK = new Set(
  'to in on of the a an with at from that this what when where how know say love like never up down out all no not be'.split(
    ' ',
  ),
);

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .filter((word) => word.length > 0);
}

/** How much a text reads like a sentence: 2 a pronoun or verb, 1 another little word; a leading "The"/"A" is free. */
export function sentenceScore(text: string): number {
  const all = words(text);
  let score = 0;
  all.forEach((word, i) => {
    if (i === 0 && (word === 'the' || word === 'a')) return;
    if (STRONG.has(word)) score += 2;
    else if (WEAK.has(word)) score += 1;
  });
  return score;
}

/** One to four words, none of them the little words of a sentence, no digits only. */
export function looksLikeArtist(text: string): boolean {
  const all = words(text);
  if (all.length === 0 || all.length > 4) return false;
  if (all.every((word) => /^\d+$/.test(word))) return false;
  return sentenceScore(text) === 0;
}

/**
 * "Somebody That I Used to Know - Gotye": the left reads like a song, the right like a name; or the
 * right is a person's name and the left is not ("Starships - Nicki Minaj").
 */
export function artistOnRight(left: string, right: string): boolean {
  // "Boyfriend - Justin Bieber", "Song - Carly Rae Jepsen & Justin Bieber": a person's name on the right
  // only (the first of a credit list), and no band ("The ...") on the left.
  const person = right.replace(/\s(?:feat(?:uring)?|ft)\.?\s.*$/i, '').split(/\s*(?:&|,|\+|\band\b|\bx\b)\s*/i)[0];
  if (looksLikePersonName(person) && !looksLikePersonName(left) && !/^the\s/i.test(left.trim())) return true;
  if (!looksLikeArtist(right)) return false;
  const leftWords = words(left).length;
  const rightWords = words(right).length;
  const score = sentenceScore(left) + (leftWords >= rightWords + 3 ? 1 : 0);
  return score >= 3;
}
