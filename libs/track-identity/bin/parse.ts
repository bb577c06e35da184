// JSON Lines in: {"title", "author"?, "durationMs"?}; out: {"artist", "title", "featuring", "variant", "key"}.
// Usage: npm run -s identity:parse [-- --artists FILE]   (FILE: one known artist name a line)
import { readFileSync } from 'node:fs';
import { createArtistLookup, parseTitle, trackKey, type ArtistLookup } from '@accord/track-identity';
import { isRecord, mapJsonLines, optionalNumber, optionalString } from './json-lines';
import { readArtistsFile } from './read-inputs';

function knownArtistsFromArgs(args: readonly string[]): ArtistLookup | undefined {
  const at = args.indexOf('--artists');
  if (at < 0) return undefined;
  const file = args[at + 1];
  if (!file) throw new Error('--artists needs a file (one artist name a line)');
  return createArtistLookup(readArtistsFile(readFileSync(file, 'utf8')));
}

function parseLine(value: unknown, knownArtists: ArtistLookup | undefined): unknown {
  const input = typeof value === 'string' ? { title: value } : value;
  if (!isRecord(input) || typeof input.title !== 'string') {
    throw new Error('expected {"title": string, "author"?: string, "durationMs"?: number}');
  }
  const parsed = parseTitle(
    { title: input.title, author: optionalString(input.author) },
    { durationMs: optionalNumber(input.durationMs), knownArtists },
  );
  return { ...parsed, key: trackKey(parsed) };
}

async function main(): Promise<void> {
  const knownArtists = knownArtistsFromArgs(process.argv.slice(2));
  return mapJsonLines((value) => parseLine(value, knownArtists));
}

main().catch((error: unknown) => {
  process.stderr.write(`identity:parse failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
