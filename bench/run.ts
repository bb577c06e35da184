// Runs every benchmark (bench/*.bench.ts and libs/*/bench/*.bench.ts), writes bench/results.json,
// prints a table and writes BENCHMARKS.md. `npm run bench -- FILTER...` runs only the files whose
// path contains one of the filters; the other files' figures are kept from the last run.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BenchModule, BenchResult } from './bench-result';
import { writeReport, type RecordedResult } from './report';

const root = join(__dirname, '..');
const resultsFile = join(__dirname, 'results.json');

function benchFiles(): string[] {
  const files = readdirSync(__dirname)
    .filter((name) => name.endsWith('.bench.ts'))
    .map((name) => join(__dirname, name));
  for (const lib of readdirSync(join(root, 'libs'))) {
    const dir = join(root, 'libs', lib, 'bench');
    if (!existsSync(dir)) continue;
    files.push(
      ...readdirSync(dir)
        .filter((name) => name.endsWith('.bench.ts'))
        .map((name) => join(dir, name)),
    );
  }
  return files.sort();
}

function previousResults(): RecordedResult[] {
  if (!existsSync(resultsFile)) return [];
  const parsed = JSON.parse(readFileSync(resultsFile, 'utf8')) as RecordedResult[];
  return parsed.filter((result) => typeof result.source === 'string');
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2).flatMap((arg) => arg.split(/\s+/).filter(Boolean));
  const ran = new Set<string>();
  const fresh: RecordedResult[] = [];
  for (const file of benchFiles()) {
    const source = relative(root, file);
    if (filters.length > 0 && !filters.some((filter) => source.includes(filter))) continue;
    process.stdout.write(`running ${source} ...\n`);
    const started = Date.now();
    const bench = (await import(file)) as BenchModule;
    const figures: BenchResult[] = await bench.run();
    const measuredAt = new Date().toISOString();
    fresh.push(...figures.map((figure) => ({ ...figure, source, measuredAt })));
    ran.add(source);
    process.stdout.write(`  ${figures.length} figure(s) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  const kept = filters.length > 0 ? previousResults().filter((result) => !ran.has(result.source)) : [];
  const results = [...kept, ...fresh].sort((a, b) => a.source.localeCompare(b.source));
  writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');

  const width = Math.max(...fresh.map((result) => result.name.length), 4);
  const lines = [
    `${'name'.padEnd(width)}  ${'value'.padStart(12)}  unit    better`,
    ...fresh.map(
      (result) =>
        `${result.name.padEnd(width)}  ${String(result.value).padStart(12)}  ${result.unit.padEnd(6)}  ${result.better}`,
    ),
  ];
  const report = writeReport(results, join(root, 'BENCHMARKS.md'));
  process.stdout.write(
    `\n${lines.join('\n')}\n\nwrote bench/results.json (${results.length} figures) and ${relative(root, report)}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
