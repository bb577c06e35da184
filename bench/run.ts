// Runs every benchmark (bench/*.bench.ts and libs/*/bench/*.bench.ts), writes bench/results.json
// and prints a table. `npm run bench -- NAME_FILTER` runs only the files whose path contains it.
import { readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BenchModule, BenchResult } from './bench-result';

const root = join(__dirname, '..');

function benchFiles(): string[] {
  const files = readdirSync(__dirname)
    .filter((name) => name.endsWith('.bench.ts'))
    .map((name) => join(__dirname, name));
  for (const lib of readdirSync(join(root, 'libs'))) {
    const dir = join(root, 'libs', lib, 'bench');
    try {
      files.push(
        ...readdirSync(dir)
          .filter((name) => name.endsWith('.bench.ts'))
          .map((name) => join(dir, name)),
      );
    } catch {
      // this lib has no benchmarks
    }
  }
  return files.sort();
}

async function main(): Promise<void> {
  const filter = process.argv[2];
  const results: BenchResult[] = [];
  for (const file of benchFiles()) {
    const label = relative(root, file);
    if (filter && !label.includes(filter)) continue;
    process.stdout.write(`running ${label} ...\n`);
    const started = Date.now();
    const bench = (await import(file)) as BenchModule;
    const figures = await bench.run();
    results.push(...figures);
    process.stdout.write(`  ${figures.length} figure(s) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  writeFileSync(join(__dirname, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  const width = Math.max(...results.map((result) => result.name.length), 4);
  const lines = [
    `${'name'.padEnd(width)}  ${'value'.padStart(12)}  unit    better`,
    ...results.map(
      (result) =>
        `${result.name.padEnd(width)}  ${String(result.value).padStart(12)}  ${result.unit.padEnd(6)}  ${result.better}`,
    ),
  ];
  process.stdout.write(`\n${lines.join('\n')}\n\nwrote bench/results.json (${results.length} figures)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
