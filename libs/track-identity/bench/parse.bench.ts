// Throughput of parseTitle (bare, and with a channel, a duration and 100,000 known artists) and latency
// of pickBest over 20 candidates, on generated corpora.
import { performance } from 'node:perf_hooks';
import { createArtistLookup, parseTitle, pickBest, type Candidate } from '../src';

interface Metric {
  name: string;
  value: number;
  unit: string;
  better: 'lower' | 'higher';
}

const ARTISTS = [
  'Queen',
  'Dua Lipa',
  'TWICE(트와이스)',
  'The Beatles',
  'Sigur Rós',
  'Calvin Harris, Dua Lipa',
  'YOASOBI',
  'a-ha',
];
const SONGS = [
  'Bohemian Rhapsody',
  'Levitating',
  'FANCY',
  'Hey Jude',
  'Hoppípolla',
  'One Kiss',
  '夜に駆ける',
  'Take On Me',
];
const SHAPES: Array<(artist: string, song: string) => string> = [
  (a, s) => `${a} - ${s} (Official Video)`,
  (a, s) => `${a} – ${s} [HD] (Remastered 2011)`,
  (a, s) => `${a} "${s}" M/V`,
  (a, s) => `${s} (Live at Wembley '86)`,
  (a, s) => `${a} - ${s} ft. Someone Else (Lyrics) #music`,
  (a, s) => `【MV】${a}「${s}」Official Music Video`,
  (a, s) => `${a} | ${s} | Skrillex Remix`,
  (a, s) => `${s} - Remastered 2009`,
];

// Real-world shapes: title first, no separator, markers without brackets, dance and tutorial uploads.
const CONTEXT_SHAPES: Array<(artist: string, song: string) => string> = [
  (a, s) => `${s} - ${a} (Lyrics)`,
  (a, s) => `${a} ${s} lyrics HD`,
  (a, s) => `${s} by ${a} | Choreography`,
  (a, s) => `${a} - ${s} Piano Tutorial`,
  (a, s) => `Just Dance 2020 | ${s} - ${a}`,
  (a, s) => `${s}~${a}~Lyrics`,
  (a, s) => `${a} - ${s} (Cover by Someone Else) [Vietsub + Engsub]`,
  (a, s) => `'${s}' ${a} Dance Cover`,
];

function contextCorpus(size: number): Array<{ title: string; author: string; durationMs: number }> {
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  return Array.from({ length: size }, () => {
    const artist = ARTISTS[next(ARTISTS.length)];
    const title = CONTEXT_SHAPES[next(CONTEXT_SHAPES.length)](artist, SONGS[next(SONGS.length)]);
    return { title, author: 'Some Channel', durationMs: 180000 + next(120000) };
  });
}

// A fixed linear congruential sequence: the same corpus on every run, without Math.random.
function corpus(size: number): Array<{ title: string; author: string }> {
  const out: Array<{ title: string; author: string }> = [];
  let seed = 42;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let i = 0; i < size; i++) {
    const artist = ARTISTS[next(ARTISTS.length)];
    const song = SONGS[next(SONGS.length)];
    const shape = next(SHAPES.length);
    out.push({ title: SHAPES[shape](artist, song), author: shape === 7 ? `${artist} - Topic` : 'Some Channel' });
  }
  return out;
}

export async function run(): Promise<Metric[]> {
  // Let the runner's own pending work settle before timing.
  await new Promise<void>((done) => setImmediate(done));
  const titles = corpus(20000);
  for (const t of titles.slice(0, 2000)) parseTitle(t); // warm-up
  const started = performance.now();
  for (const t of titles) parseTitle(t);
  const parseSeconds = (performance.now() - started) / 1000;

  const knownArtists = createArtistLookup([...ARTISTS, ...Array.from({ length: 100000 }, (_, i) => `Artist ${i}`)]);
  const withContext = contextCorpus(20000);
  for (const t of withContext.slice(0, 2000)) parseTitle(t, { knownArtists });
  const contextStarted = performance.now();
  for (const t of withContext) parseTitle(t, { channel: t.author, durationMs: t.durationMs, knownArtists });
  const contextSeconds = (performance.now() - contextStarted) / 1000;

  const queries = 200;
  const candidates: Candidate[] = titles
    .slice(0, 20)
    .map((t, i) => ({ id: String(i), ...t, durationMs: 200000 + i * 1000 }));
  const matchStarted = performance.now();
  for (let q = 0; q < queries; q++) {
    pickBest({ artist: ARTISTS[q % ARTISTS.length], title: SONGS[q % SONGS.length], durationMs: 210000 }, candidates);
  }
  const matchMs = (performance.now() - matchStarted) / queries;

  return [
    {
      name: 'identity.parse.titles_per_s',
      value: Math.round(titles.length / parseSeconds),
      unit: 'titles/s',
      better: 'higher',
    },
    {
      name: 'identity.parse_with_context.titles_per_s',
      value: Math.round(withContext.length / contextSeconds),
      unit: 'titles/s',
      better: 'higher',
    },
    { name: 'identity.match.ms_per_query', value: Math.round(matchMs * 1000) / 1000, unit: 'ms', better: 'lower' },
  ];
}
