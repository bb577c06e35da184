/**
 * Trains the item model once and prints what it cost, as one JSON line:
 *   node -r @swc-node/register libs/recommender/bin/train.ts --dataset DIR
 *   node -r @swc-node/register libs/recommender/bin/train.ts --synthetic-users 200 --synthetic-plays 20000
 * `peakMb` is the process's peak resident memory minus its resident memory just before training
 * (the interactions already loaded), so it is what training itself adds.
 */
import { parseArgs } from 'node:util';
import { trainItemModel, type Interaction } from '../src/model/item-model';
import { seededRandom } from '../src/seeded-random';
import { loadHetrec } from './hetrec';

/**
 * A small instance: `users` listeners with one or two favourite genres each and `plays` plays over
 * tracks of 40 genres x 15 artists x 5 tracks, aggregated to log(1 + plays) per (user, track).
 */
export function syntheticInteractions(users: number, plays: number, seed: number): Interaction[] {
  const random = seededRandom(seed);
  const genres = 40;
  const artistsPerGenre = 15;
  const tracksPerArtist = 5;
  const counts = new Map<string, number>();
  const tastes = Array.from({ length: users }, () => [Math.floor(random() * genres), Math.floor(random() * genres)]);
  for (let p = 0; p < plays; p++) {
    const u = Math.floor(random() * users);
    // 80% of plays in the first favourite genre, 15% the second, 5% anywhere.
    const r = random();
    const genre = r < 0.8 ? tastes[u][0] : r < 0.95 ? tastes[u][1] : Math.floor(random() * genres);
    // Popular artists and tracks are played more (squared uniform skews towards index 0).
    const artist = genre * artistsPerGenre + Math.floor(random() ** 2 * artistsPerGenre);
    const track = artist * tracksPerArtist + Math.floor(random() ** 2 * tracksPerArtist);
    const key = `${u}\t${track}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()].map(([key, count]) => {
    const [userId, itemId] = key.split('\t');
    return { userId: `user${userId}`, itemId: `track${itemId}`, value: Math.log1p(count) };
  });
}

function hetrecInteractions(dir: string): Interaction[] {
  const data = loadHetrec(dir);
  const out: Interaction[] = [];
  for (const [userId, artists] of data.userArtists)
    for (const [itemId, plays] of artists) out.push({ userId, itemId, value: Math.log1p(plays) });
  return out;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      dataset: { type: 'string' },
      'synthetic-users': { type: 'string' },
      'synthetic-plays': { type: 'string' },
      seed: { type: 'string', default: '1' },
    },
  });
  const interactions = values.dataset
    ? hetrecInteractions(values.dataset)
    : syntheticInteractions(
        Number(values['synthetic-users'] ?? 200),
        Number(values['synthetic-plays'] ?? 20000),
        Number(values.seed),
      );
  const before = process.memoryUsage().rss;
  const started = performance.now();
  const model = trainItemModel(interactions, { seed: Number(values.seed) });
  const seconds = (performance.now() - started) / 1000;
  // maxRSS is in kilobytes.
  const peakMb = (process.resourceUsage().maxRSS * 1024 - before) / (1024 * 1024);
  process.stdout.write(
    `${JSON.stringify({
      users: new Set(interactions.map((x) => x.userId)).size,
      items: model.items.length,
      interactions: interactions.length,
      seconds: Math.round(seconds * 100) / 100,
      peakMb: Math.round(Math.max(0, peakMb)),
    })}\n`,
  );
}

if (require.main === module) main();
