// Accuracy of parseTitle on the shared title-parsing datasets (by path, never copied) and on the
// project's own fixtures. Usage:
//   npm run -s identity:eval -- --dataset ../shared/datasets/title-parsing [--artists FILE] [--misses]
// For icme2017-public.csv the known artists are the dataset's own query artists unless --artists names a file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  artistKey,
  cleanTitle,
  createArtistLookup,
  foldCaseAndSpaces,
  parseTitle,
  trackKey,
  variantKind,
  type ArtistLookup,
} from '@accord/track-identity';
import { loadParseCases, parseCase } from '../fixtures/load-fixtures';
import { parseCsv, readArtistsFile } from './read-inputs';

interface Row {
  set: string;
  cases: number;
  right: number;
  adjusted?: number;
  skipped?: number;
}

interface Miss {
  set: string;
  input: string;
  got: string;
  want: string;
}

const args = process.argv.slice(2);
const showMisses = args.includes('--misses');
const datasetArg = args[args.indexOf('--dataset') + 1];
const datasetDir = resolve(args.includes('--dataset') && datasetArg ? datasetArg : '../shared/datasets/title-parsing');
const artistsArg = args.includes('--artists') ? args[args.indexOf('--artists') + 1] : undefined;
const rows: Row[] = [];
const misses: Miss[] = [];
const notes: string[] = [];
const fold = foldCaseAndSpaces;

/** Our title with the featured artists written back the ways the datasets write them. */
function titleForms(title: string, featuring: readonly string[]): string[] {
  if (featuring.length === 0) return [title];
  const names = featuring.join(', ');
  const namesAnd = featuring.length > 1 ? `${featuring.slice(0, -1).join(', ')} & ${featuring.at(-1)}` : names;
  return [
    title,
    ...[names, namesAnd].flatMap((n) => [
      `${title} (feat. ${n})`,
      `${title} feat. ${n}`,
      `${title} ft. ${n}`,
      `${title} [feat. ${n}]`,
    ]),
  ];
}

function sameTitle(want: string, title: string, featuring: readonly string[]): boolean {
  return titleForms(title, featuring).some((form) => fold(form) === fold(want));
}

// Words that show the dataset kept in the title a marker that we move to `variant`.
const VARIANT_WORDS: Readonly<Record<string, RegExp>> = {
  remix: /\b(?:re-?mix|mix|rework|bootleg|edit|vip|dub)\b/i,
  cover: /\b(?:cover|performed\s+by)\b/i,
  live: /\blive\b/i,
  acoustic: /\b(?:acoustic|unplugged)\b/i,
  instrumental: /\binstrumental\b/i,
};

/** The dataset's title equals ours plus the variant marker we moved out (and featuring, written anywhere). */
function sameUpToVariant(want: string, title: string, variant: string): boolean {
  const words = VARIANT_WORDS[variantKind(variant)];
  if (!words) return false;
  const withoutFeat = want.replace(/[([]\s*(?:feat\.?|ft\.?|featuring)\s[^)\]]*[)\]]/gi, ' ');
  const folded = fold(withoutFeat);
  return folded.startsWith(fold(title)) && words.test(withoutFeat.slice(title.length));
}

function evalGetArtistTitle(file: string): void {
  interface GatCase {
    input: string;
    expected: { artist: string; title: string };
    optional: boolean;
    options?: { defaultArtist?: string; defaultTitle?: string };
  }
  const cases = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as GatCase);
  notes.push('get-artist-title: the defaultTitle case is skipped (no counterpart in parseTitle)');
  const tally = { all: [0, 0, 0, 0], required: [0, 0, 0, 0], optional: [0, 0, 0, 0] };
  for (const c of cases) {
    const bucket = c.optional ? tally.optional : tally.required;
    // defaultTitle ("the input is the artist, the title is given") has no counterpart in parseTitle.
    if (c.options?.defaultTitle !== undefined) {
      bucket[3]++;
      tally.all[3]++;
      continue;
    }
    const got = parseTitle({ title: c.input, author: c.options?.defaultArtist });
    const artistRight = fold(got.artist) === fold(c.expected.artist);
    const strict = artistRight && sameTitle(c.expected.title, got.title, got.featuring);
    const adjusted = strict || (artistRight && sameUpToVariant(c.expected.title, got.title, got.variant));
    for (const b of [bucket, tally.all]) {
      b[0]++;
      if (strict) b[1]++;
      if (adjusted) b[2]++;
    }
    if (!strict) {
      misses.push({
        set: adjusted ? 'get-artist-title (variant kept apart)' : 'get-artist-title',
        input: c.input,
        got: `${got.artist} || ${got.title} ${JSON.stringify(got.featuring)} ${got.variant}`,
        want: `${c.expected.artist} || ${c.expected.title}`,
      });
    }
  }
  const row = (set: string, [n, right, adjusted, skipped]: number[]): Row => ({
    set,
    cases: n,
    right,
    adjusted,
    skipped,
  });
  rows.push(row('get-artist-title: all', tally.all));
  rows.push(row('get-artist-title: non-optional', tally.required));
  rows.push(row('get-artist-title: optional', tally.optional));
}

type MfMode = 'title' | 'artist-key' | { skip: string };

/** How each metadata-filter file maps onto our policy. */
const MF_MODES: Readonly<Record<string, MfMode>> = {
  'filters-spotify': { skip: 'they strip "Live"; live is a variant for us' },
  'functions-fix-track-suffix': { skip: 'they rewrite remix suffixes; we move them into variant' },
  'functions-fix-various-artists': { skip: 'an album-artist rule with no counterpart here' },
  'functions-replace-smart-quotes': { skip: 'we keep typographic quotes in text; the key folds them' },
  'functions-remove-live': { skip: 'they strip "Live"; live is a variant for us' },
  'functions-album-artist-from-artist': 'artist-key',
  'functions-remove-additional-artists': 'artist-key',
};
const LIVE_MARKER = /[([]\s*live\b|\s-\s*live\b|\ben vivo\b/i;

function evalMetadataFilter(dir: string): void {
  interface MfCase {
    funcParameter?: string;
    fieldValue?: string;
    expectedValue: string;
  }
  const total = { n: 0, right: 0, skipped: 0 };
  const skippedWhy = new Map<string, number>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const name = file.replace(/\.json$/, '');
    const mode = MF_MODES[name] ?? 'title';
    const cases = JSON.parse(readFileSync(join(dir, file), 'utf8')) as MfCase[];
    let n = 0;
    let right = 0;
    let skipped = 0;
    for (const c of cases) {
      const input = c.funcParameter ?? c.fieldValue ?? '';
      const why =
        typeof mode === 'object'
          ? mode.skip
          : LIVE_MARKER.test(input)
            ? 'they strip "Live"; live is a variant for us'
            : '';
      if (why) {
        skipped++;
        skippedWhy.set(why, (skippedWhy.get(why) ?? 0) + 1);
        continue;
      }
      n++;
      let ok: boolean;
      let got: string;
      if (mode === 'artist-key') {
        got = artistKey(input);
        ok = got === artistKey(c.expectedValue);
      } else {
        const cleaned = cleanTitle(input);
        got = `${cleaned.title} ${JSON.stringify(cleaned.featuring)} ${cleaned.variant}`;
        ok = sameTitle(c.expectedValue, cleaned.title, cleaned.featuring);
      }
      if (ok) right++;
      else misses.push({ set: `metadata-filter/${name}`, input, got, want: c.expectedValue });
    }
    total.n += n;
    total.right += right;
    total.skipped += skipped;
    rows.push({ set: `  metadata-filter/${name}`, cases: n, right, skipped });
  }
  rows.push({ set: 'metadata-filter: all that apply', cases: total.n, right: total.right, skipped: total.skipped });
  for (const [why, count] of skippedWhy) notes.push(`metadata-filter: ${count} skipped (${why})`);
}

function evalOwnFixtures(): void {
  let n = 0;
  let right = 0;
  let exact = 0;
  const variantsByKey = new Map<string, Set<string>>();
  for (const { theme, cases } of loadParseCases()) {
    for (const c of cases) {
      n++;
      const got = parseCase(c);
      const ok = fold(got.artist) === fold(c.expect.artist) && fold(got.title) === fold(c.expect.title);
      const all =
        ok &&
        got.variant === (c.expect.variant ?? 'none') &&
        JSON.stringify(got.featuring) === JSON.stringify(c.expect.featuring ?? []);
      if (ok) right++;
      if (all) exact++;
      if (!all) {
        misses.push({ set: `own/${theme}`, input: c.title, got: JSON.stringify(got), want: JSON.stringify(c.expect) });
      }
      const key = trackKey(got);
      variantsByKey.set(key, (variantsByKey.get(key) ?? new Set<string>()).add(got.variant));
    }
  }
  const shared = [...variantsByKey.values()].filter((variants) => variants.size > 1).length;
  rows.push({ set: 'own fixtures: artist+title', cases: n, right });
  notes.push(`own fixtures: keys shared by two different variants: ${shared}`);
  rows.push({ set: 'own fixtures: +featuring+variant', cases: n, right: exact });
}

/**
 * icme2017: every upload found for five songs, labelled by its audio. An `official` upload must get
 * the song's key; every other audio content (cover, live, remix, instrumental, tutorial) must not.
 */
function evalIcme(file: string): void {
  const table = parseCsv(readFileSync(file, 'utf8'));
  const [header, ...body] = table;
  const col = (name: string): number => header.indexOf(name);
  const videos = body
    .filter((cells) => cells.length === header.length)
    .map((cells) => ({
      artist: cells[col('query_artist')],
      song: cells[col('query_title')],
      title: cells[col('video_title')],
      audio: cells[col('true_audio_content')],
    }));
  const lookup = artistsArg
    ? createArtistLookup(readArtistsFile(readFileSync(resolve(artistsArg), 'utf8')))
    : createArtistLookup(videos.map((video) => video.artist));
  const source = artistsArg ? `known artists from ${artistsArg}` : "known artists: the dataset's query artists";
  const runs: Array<{ label: string; known?: ArtistLookup }> = [
    { label: 'no context' },
    { label: 'known artists', known: lookup },
  ];
  for (const { label, known } of runs) {
    const tally = { official: 0, officialKeyed: 0, other: 0, otherKeyed: 0 };
    for (const video of videos) {
      const songKey = trackKey({ artist: video.artist, title: video.song });
      const got = parseTitle({ title: video.title }, { knownArtists: known });
      const keyed = trackKey(got) === songKey;
      const official = video.audio === 'official';
      if (official) {
        tally.official++;
        if (keyed) tally.officialKeyed++;
      } else {
        tally.other++;
        if (keyed) tally.otherKeyed++;
      }
      if (official !== keyed) {
        misses.push({
          set: `icme2017 ${label} (${official ? 'official not keyed' : `${video.audio} keyed as the song`})`,
          input: video.title,
          got: `${got.artist} || ${got.title} ${JSON.stringify(got.featuring)} ${got.variant}`,
          want: official ? songKey : `not ${songKey}`,
        });
      }
    }
    rows.push({
      set: `icme2017 official keyed as the song, ${label}`,
      cases: tally.official,
      right: tally.officialKeyed,
    });
    rows.push({
      set: `icme2017 other versions keyed as the song, ${label} (lower is better)`,
      cases: tally.other,
      right: tally.otherKeyed,
    });
  }
  notes.push(`icme2017: ${source}; no channel names or durations in this set`);
}

function pct(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
}

function printTable(): void {
  const header = ['set', 'cases', 'right', 'accuracy', 'variant kept apart', 'skipped'];
  const lines = rows.map((r): string[] => [
    r.set,
    String(r.cases),
    String(r.right),
    pct(r.right, r.cases),
    r.adjusted === undefined ? '' : `${r.adjusted} (${pct(r.adjusted, r.cases)})`,
    r.skipped ? String(r.skipped) : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const render = (cells: string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join(' | ')
      .trimEnd();
  const out = [render(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...lines.map(render)];
  process.stdout.write(`${out.join('\n')}\n`);
  process.stdout.write(
    '\nright = artist and title equal after folding case and spaces; our featured artists may be written back\n' +
      'as "(feat. X)" to meet a dataset that keeps them in the title. "variant kept apart" also counts cases whose\n' +
      'expected title keeps a remix/cover/live marker that our policy moves into `variant` (title otherwise equal).\n\n',
  );
  for (const note of notes) process.stdout.write(`- ${note}\n`);
  if (showMisses && misses.length > 0) {
    process.stdout.write('\nmisses:\n');
    for (const m of misses)
      process.stdout.write(`  [${m.set}] ${JSON.stringify(m.input)}\n    got  ${m.got}\n    want ${m.want}\n`);
  }
}

const gat = join(datasetDir, 'get-artist-title.jsonl');
const mf = join(datasetDir, 'metadata-filter');
if (existsSync(gat)) evalGetArtistTitle(gat);
else process.stdout.write(`(no ${gat}: skipped)\n`);
if (existsSync(mf)) evalMetadataFilter(mf);
const icme = join(datasetDir, 'icme2017-public.csv');
if (existsSync(icme)) evalIcme(icme);
evalOwnFixtures();
printTable();
