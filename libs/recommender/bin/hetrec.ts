import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Readers for the HetRec 2011 Last.fm layout (tab separated, header line first). */

/** Rows of a .dat file without its header; tags.dat is ISO-8859-1 with CRLF ends, the rest UTF-8. */
export function readTable(path: string, encoding: BufferEncoding = 'utf8'): string[][] {
  const text = readFileSync(path, encoding);
  const rows: string[][] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.length === 0) continue;
    rows.push(line.split('\t'));
  }
  return rows;
}

/** One dataset directory, loaded. */
export interface HetrecData {
  /** userID -> artistID -> play count. */
  userArtists: Map<string, Map<string, number>>;
  artistNames: Map<string, string>;
  tagNames: Map<string, string>;
  /** [userID, artistID, tagID] triples. */
  taggings: Array<[string, string, string]>;
  /** userID -> friends. */
  friends: Map<string, Set<string>>;
}

/** Reads user_artists, artists, tags, user_taggedartists and user_friends from `dir`. */
export function loadHetrec(dir: string): HetrecData {
  const userArtists = new Map<string, Map<string, number>>();
  for (const [user, artist, weight] of readTable(join(dir, 'user_artists.dat'))) {
    const row = userArtists.get(user) ?? new Map<string, number>();
    row.set(artist, Number(weight));
    userArtists.set(user, row);
  }
  const artistNames = new Map(readTable(join(dir, 'artists.dat')).map(([id, name]) => [id, name] as [string, string]));
  const tagNames = new Map(
    readTable(join(dir, 'tags.dat'), 'latin1').map(([id, name]) => [id, name] as [string, string]),
  );
  const taggings = readTable(join(dir, 'user_taggedartists.dat')).map(
    ([user, artist, tag]) => [user, artist, tag] as [string, string, string],
  );
  const friends = new Map<string, Set<string>>();
  for (const [user, friend] of readTable(join(dir, 'user_friends.dat'))) {
    const set = friends.get(user) ?? new Set<string>();
    set.add(friend);
    friends.set(user, set);
  }
  return { userArtists, artistNames, tagNames, taggings, friends };
}

/** Reads holdout pairs (user_artists layout) as userID -> artistIDs. */
export function loadPairs(path: string): Map<string, Set<string>> {
  const pairs = new Map<string, Set<string>>();
  for (const [user, artist] of readTable(path)) {
    const set = pairs.get(user) ?? new Set<string>();
    set.add(artist);
    pairs.set(user, set);
  }
  return pairs;
}
