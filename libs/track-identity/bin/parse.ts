// JSON Lines in: {"title", "author"?, "durationMs"?}; out: {"artist", "title", "featuring", "variant", "key"}.
import { parseTitle, trackKey } from '@accord/track-identity';
import { isRecord, mapJsonLines, optionalNumber, optionalString } from './json-lines';

function parseLine(value: unknown): unknown {
  const input = typeof value === 'string' ? { title: value } : value;
  if (!isRecord(input) || typeof input.title !== 'string') {
    throw new Error('expected {"title": string, "author"?: string, "durationMs"?: number}');
  }
  const parsed = parseTitle({
    title: input.title,
    author: optionalString(input.author),
    durationMs: optionalNumber(input.durationMs),
  });
  return { ...parsed, key: trackKey(parsed) };
}

mapJsonLines(parseLine).catch((error: unknown) => {
  process.stderr.write(`identity:parse failed: ${String(error)}\n`);
  process.exitCode = 1;
});
