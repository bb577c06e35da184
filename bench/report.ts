// Writes BENCHMARKS.md from the recorded figures: one table per section, what each figure means,
// the machine it ran on, and the command that reproduces it.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { BenchResult } from './bench-result';
import { meaningOf, SECTIONS, type FigureSection } from './figures';

/** A figure as bench/results.json keeps it: where it came from and when. */
export interface RecordedResult extends BenchResult {
  source: string;
  measuredAt: string;
}

export function writeReport(results: readonly RecordedResult[], path: string): string {
  writeFileSync(path, renderReport(results));
  // The repository's formatter aligns the tables, so the committed file passes `npm run check`.
  execFileSync(process.execPath, [require.resolve('prettier/bin/prettier.cjs'), '--write', '--log-level=warn', path]);
  return path;
}

export function renderReport(results: readonly RecordedResult[]): string {
  const sectionOf = (name: string): FigureSection | undefined =>
    SECTIONS.find((section) => section.prefixes.some((prefix) => name.startsWith(prefix)));
  const lines: string[] = [
    '# Benchmarks',
    '',
    'Every figure Accord reports, from one `npm run bench` (it builds the bot, runs `bench/*.bench.ts` and',
    '`libs/*/bench/*.bench.ts`, and writes `bench/results.json` and this file). Nothing here is a timed test',
    'assertion: the tests check behaviour, the benchmarks measure it. Everything runs offline on the test',
    'bench (fake Discord, fake Lavalink nodes, FerretDB 1.x as the database unless `MONGODB_URI` is set).',
    '',
    `Machine: ${machine()}. Times are wall-clock on a shared machine and move with its load; compare`,
    'figures from the same machine only.',
    '',
    'Reproduce everything with `npm run bench`, or one section with the command under it (the other',
    "sections' figures are kept from their last run).",
    '',
  ];
  for (const section of SECTIONS) {
    const figures = results.filter((result) => sectionOf(result.name) === section);
    if (figures.length === 0) continue;
    lines.push(`## ${section.title}`, '', section.about, '', '```sh', `npm run bench -- ${section.filter}`, '```', '');
    lines.push(...table(figures));
  }
  const others = results.filter((result) => !sectionOf(result.name));
  if (others.length > 0) {
    lines.push('## Other figures', '');
    lines.push(...table(others));
  }
  lines.push(
    '## Evaluations',
    '',
    'Accuracy figures come from evaluations on public datasets rather than benchmarks; they are reported',
    'with their method and reproduce commands in `libs/track-identity/README.md` (title parsing and',
    'matching) and `libs/recommender/README.md` (group recommendation against baselines).',
    '',
  );
  return lines.join('\n');
}

function table(figures: readonly RecordedResult[]): string[] {
  const rows = figures.map((figure) => [
    `\`${figure.name}\``,
    `${formatValue(figure.value)} ${figure.unit}`,
    figure.better === 'lower' ? 'lower' : 'higher',
    meaningOf(figure.name),
    `\`${figure.source}\``,
    figure.measuredAt.slice(0, 10),
  ]);
  const header = ['figure', 'value', 'better', 'meaning', 'from', 'measured'];
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
  ];
}

function formatValue(value: number): string {
  return Math.abs(value) >= 1000 ? Math.round(value).toLocaleString('en-US') : String(value);
}

function machine(): string {
  const cores = cpus();
  const model = cores[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  return `${model}, ${cores.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}/${process.arch}`;
}
