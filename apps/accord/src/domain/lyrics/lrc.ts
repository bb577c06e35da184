import type { TimedLine } from './lyrics.types';

/** `[mm:ss]`, `[mm:ss.x]`, `[mm:ss.xx]`, `[mm:ss.xxx]` (and `:` for the fraction, as some files write it). */
const TIME_TAG = /\[(\d{1,3}):(\d{1,2})(?:[.:](\d{1,3}))?\]/g;
const LEADING_TAGS = /^(?:\s*\[\d{1,3}:\d{1,2}(?:[.:]\d{1,3})?\])+/;

/**
 * Reads LRC text into lines sorted by time. A line with several time tags is sung at each; metadata
 * tags (`[ar:...]`, `[offset:...]`) and lines without a time are left out. Never throws.
 */
export function parseLrc(text: string): TimedLine[] {
  const lines: TimedLine[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const tags = LEADING_TAGS.exec(raw);
    if (!tags) continue;
    const words = raw.slice(tags[0].length).trim();
    for (const match of tags[0].matchAll(TIME_TAG)) {
      const [, minutes, seconds, fraction = '0'] = match;
      if (Number(seconds) >= 60) continue;
      const fractionMs = Math.round(Number(`0.${fraction}`) * 1000);
      lines.push({ timeMs: (Number(minutes) * 60 + Number(seconds)) * 1000 + fractionMs, text: words });
    }
  }
  return lines.sort((a, b) => a.timeMs - b.timeMs);
}
