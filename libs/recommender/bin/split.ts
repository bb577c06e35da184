/**
 * Makes an evaluation split of a HetRec Last.fm directory:
 *   npm run -s recs:split -- --dataset ../shared/datasets/hetrec2011-lastfm-2k --out-dir DIR --seed 1
 * Writes DIR/dataset (a copy with held-out pairs removed, also from user_taggedartists.dat),
 * DIR/holdout.dat (the hidden user-artist pairs) and DIR/groups.jsonl (friend cliques of 3 and 4,
 * random groups of 2-5). Deterministic with the seed.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { seededRandom } from '../src/seeded-random';
import { loadHetrec } from './hetrec';

const { values } = parseArgs({
  options: {
    dataset: { type: 'string' },
    'out-dir': { type: 'string' },
    seed: { type: 'string', default: '1' },
    'holdout-share': { type: 'string', default: '0.2' },
    cliques3: { type: 'string', default: '200' },
    cliques4: { type: 'string', default: '200' },
    random: { type: 'string', default: '200' },
    'min-artists': { type: 'string', default: '10' },
  },
});
if (!values.dataset || !values['out-dir']) {
  process.stderr.write('usage: recs:split --dataset DIR --out-dir DIR [--seed N] [--holdout-share 0.2]\n');
  process.exit(2);
}
const datasetDir = values.dataset;
const outDir = values['out-dir'];
const random = seededRandom(Number(values.seed));
const data = loadHetrec(datasetDir);
const minArtists = Number(values['min-artists']);

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

const byNumber = (a: string, b: string): number => Number(a) - Number(b);
// Only users with enough artists to hold some out and keep some.
const eligible = [...data.userArtists.entries()]
  .filter(([, artists]) => artists.size >= minArtists)
  .map(([user]) => user)
  .sort(byNumber);
const eligibleSet = new Set(eligible);
const friendsOf = (u: string): string[] =>
  [...(data.friends.get(u) ?? [])].filter((f) => eligibleSet.has(f) && Number(f) > Number(u)).sort(byNumber);
const areFriends = (a: string, b: string): boolean => data.friends.get(a)?.has(b) ?? false;

// All friend triangles and 4-cliques (members in increasing id order, so each clique once).
const triangles: string[][] = [];
const quads: string[][] = [];
for (const u of eligible) {
  const higher = friendsOf(u);
  for (let i = 0; i < higher.length; i++) {
    for (let j = i + 1; j < higher.length; j++) {
      if (!areFriends(higher[i], higher[j])) continue;
      triangles.push([u, higher[i], higher[j]]);
      for (let k = j + 1; k < higher.length; k++) {
        if (areFriends(higher[i], higher[k]) && areFriends(higher[j], higher[k]))
          quads.push([u, higher[i], higher[j], higher[k]]);
      }
    }
  }
}

interface Group {
  id: string;
  members: number[];
}
const groups: Group[] = [];
shuffle(triangles)
  .slice(0, Number(values.cliques3))
  .forEach((members, i) => groups.push({ id: `c3-${i + 1}`, members: members.map(Number) }));
shuffle(quads)
  .slice(0, Number(values.cliques4))
  .forEach((members, i) => groups.push({ id: `c4-${i + 1}`, members: members.map(Number) }));
for (let i = 0; i < Number(values.random); i++) {
  const size = 2 + Math.floor(random() * 4);
  const members = shuffle([...eligible])
    .slice(0, size)
    .sort(byNumber);
  groups.push({ id: `r${size}-${i + 1}`, members: members.map(Number) });
}

// Hide a share of every group member's artists.
const share = Number(values['holdout-share']);
const held = new Map<string, Set<string>>();
for (const user of [...new Set(groups.flatMap((g) => g.members.map(String)))].sort(byNumber)) {
  const artists = [...(data.userArtists.get(user)?.keys() ?? [])].sort(byNumber);
  const count = Math.max(1, Math.round(artists.length * share));
  held.set(user, new Set(shuffle(artists).slice(0, count)));
}

const copyDir = join(outDir, 'dataset');
mkdirSync(copyDir, { recursive: true });
for (const file of ['artists.dat', 'tags.dat', 'user_friends.dat'])
  copyFileSync(join(datasetDir, file), join(copyDir, file));

// Filter the two user-artist files line by line, keeping their bytes (and line ends) as they are.
function filterLines(file: string, keep: (cols: string[]) => boolean): { kept: string; dropped: string[] } {
  const lines = readFileSync(join(datasetDir, file), 'utf8').split('\n');
  const out = [lines[0]];
  const dropped: string[] = [];
  for (const line of lines.slice(1)) {
    if (line.trim().length === 0) continue;
    if (keep(line.replace(/\r$/, '').split('\t'))) out.push(line);
    else dropped.push(line);
  }
  return { kept: `${out.join('\n')}\n`, dropped };
}
const isHeld = (cols: string[]): boolean => held.get(cols[0])?.has(cols[1]) ?? false;
const userArtists = filterLines('user_artists.dat', (cols) => !isHeld(cols));
writeFileSync(join(copyDir, 'user_artists.dat'), userArtists.kept);
writeFileSync(
  join(outDir, 'holdout.dat'),
  `userID\tartistID\tweight\n${userArtists.dropped.map((l) => l.replace(/\r$/, '')).join('\n')}\n`,
);
writeFileSync(
  join(copyDir, 'user_taggedartists.dat'),
  filterLines('user_taggedartists.dat', (cols) => !isHeld(cols)).kept,
);
writeFileSync(join(outDir, 'groups.jsonl'), groups.map((g) => JSON.stringify(g)).join('\n') + '\n');

process.stdout.write(
  `${JSON.stringify({
    groups: groups.length,
    triangles: triangles.length,
    fourCliques: quads.length,
    heldOutPairs: userArtists.dropped.length,
    dataset: copyDir,
    holdout: join(outDir, 'holdout.dat'),
    groupsFile: join(outDir, 'groups.jsonl'),
  })}\n`,
);
