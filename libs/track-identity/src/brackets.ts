/** A matched pair of brackets or quotes in a string, by index of the opening and closing character. */
export interface Pair {
  open: number;
  close: number;
  openChar: string;
}

const CLOSERS: Readonly<Record<string, string>> = {
  '(': ')',
  '[': ']',
  '{': '}',
  '【': '】',
  '「': '」',
  '『': '』',
  '〔': '〕',
  '《': '》',
  '〈': '〉',
  '“': '”',
  '„': '“',
  '«': '»',
};
const CLOSING_CHARS = new Set(Object.values(CLOSERS));

export const QUOTE_OPENERS = new Set(['"', '“', '„', '«', '「', '『']);

// Every character that can open a pair: text without any has no pairs.
const ANY_OPENER = /["([{【「『〔《〈“„«]/;

/**
 * Matches brackets and double quotes, tolerating unbalanced input: an unmatched opener is ignored
 * rather than swallowing the rest of the title.
 */
export function matchPairs(text: string): Pair[] {
  if (!ANY_OPENER.test(text)) return [];
  const stack: Array<{ ch: string; idx: number }> = [];
  const pairs: Pair[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      const quoteAt = findOpen(stack, '"');
      if (quoteAt >= 0) {
        pairs.push({ open: stack[quoteAt].idx, close: i, openChar: '"' });
        stack.length = quoteAt;
      } else {
        stack.push({ ch, idx: i });
      }
      continue;
    }
    // „ opens a German quote closed by “, so check closers before openers.
    if (CLOSING_CHARS.has(ch)) {
      const at = findOpenFor(stack, ch);
      if (at >= 0) {
        pairs.push({ open: stack[at].idx, close: i, openChar: stack[at].ch });
        stack.length = at;
        continue;
      }
    }
    if (ch in CLOSERS) stack.push({ ch, idx: i });
  }
  return pairs.sort((a, b) => a.open - b.open);
}

function findOpen(stack: ReadonlyArray<{ ch: string }>, ch: string): number {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i].ch === ch) return i;
  return -1;
}

function findOpenFor(stack: ReadonlyArray<{ ch: string }>, closer: string): number {
  for (let i = stack.length - 1; i >= 0; i--) if (CLOSERS[stack[i].ch] === closer) return i;
  return -1;
}

/** Pairs not nested in another pair. */
export function topLevelPairs(text: string): Pair[] {
  const out: Pair[] = [];
  let reach = -1;
  for (const pair of matchPairs(text)) {
    if (pair.open > reach) {
      out.push(pair);
      reach = pair.close;
    }
  }
  return out;
}

/** For each index, whether it sits inside (or on) a matched bracket or quote pair. */
export function coveredMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length);
  if (!ANY_OPENER.test(text)) return mask;
  for (const pair of topLevelPairs(text)) mask.fill(1, pair.open, pair.close + 1);
  return mask;
}

export interface SeparatorHit {
  index: number;
  length: number;
}

// Global copies of the separator patterns, compiled once: some of them are large.
const GLOBAL_COPIES = new WeakMap<RegExp, RegExp>();

function globalVersion(pattern: RegExp): RegExp {
  let copy = GLOBAL_COPIES.get(pattern);
  if (!copy) {
    copy = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
    GLOBAL_COPIES.set(pattern, copy);
  }
  return copy;
}

/** Matches of `pattern` (global) that start outside every bracket and quote. */
export function findTopLevel(text: string, pattern: RegExp, mask = coveredMask(text)): SeparatorHit[] {
  const hits: SeparatorHit[] = [];
  const re = globalVersion(pattern);
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const sepStart = m.index + (m[0].length - m[0].trimStart().length);
    if (mask[sepStart] === 0 && mask[m.index] === 0) hits.push({ index: m.index, length: m[0].length });
  }
  return hits;
}

/** Splits at every top-level match of `pattern`. */
export function splitTopLevel(text: string, pattern: RegExp): string[] {
  const hits = findTopLevel(text, pattern);
  const parts: string[] = [];
  let from = 0;
  for (const hit of hits) {
    parts.push(text.slice(from, hit.index));
    from = hit.index + hit.length;
  }
  parts.push(text.slice(from));
  return parts;
}
