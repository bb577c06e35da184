/**
 * The learned model's costs and the offline evaluation's headline figures:
 * - `recs.model.{hetrec,synthetic_200_users}.train_s` / `.train_peak_mb`: training the item model
 *   (EASE + item-kNN + iALS) in a child process, on HetRec Last.fm 2K and on a synthetic instance of
 *   200 users and 20,000 plays; peak memory is what training adds to the resident set.
 * - `recs.eval.{engine,baseline_*}.{ndcg_at_10,every_member_hit}`: the engine and the strongest
 *   baseline on the report split (seed 2, 1,500 groups), side by side.
 * HetRec is read from `$ACCORD_HETREC_DIR` or `../shared/datasets/hetrec2011-lastfm-2k` (beside the
 * project, never copied into it); without it, only the synthetic figures are reported.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchResult, printFigures } from './pick.bench';

const ROOT = join(__dirname, '..', '..', '..');
const DATASET = process.env.ACCORD_HETREC_DIR ?? join(ROOT, '..', 'shared', 'datasets', 'hetrec2011-lastfm-2k');
/** The report split and the strongest baseline on it (see the README's evaluation). */
const REPORT_SEED = '2';
const BASELINE = 'blend-avg';

function node(script: string, args: string[]): string {
  return execFileSync(process.execPath, ['-r', '@swc-node/register', join(__dirname, '..', 'bin', script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

function lastJson<T>(output: string): T {
  const lines = output.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}

function train(name: string, args: string[]): BenchResult[] {
  // Median time of three runs; the largest peak.
  const runs = [0, 1, 2].map(() => lastJson<{ seconds: number; peakMb: number }>(node('train.ts', args)));
  const seconds = runs.map((r) => r.seconds).sort((a, b) => a - b)[1];
  return [
    { name: `recs.model.${name}.train_s`, value: seconds, unit: 's', better: 'lower' },
    {
      name: `recs.model.${name}.train_peak_mb`,
      value: Math.max(...runs.map((r) => r.peakMb)),
      unit: 'MB',
      better: 'lower',
    },
  ];
}

interface EvalLine {
  strategy?: string;
  ndcg?: number;
  everyoneHitShare?: number;
  totalSeconds?: number;
}

function evaluate(): BenchResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'accord-recs-'));
  try {
    node('split.ts', [
      '--dataset',
      DATASET,
      '--out-dir',
      dir,
      '--seed',
      REPORT_SEED,
      '--cliques3',
      '500',
      '--cliques4',
      '500',
      '--random',
      '500',
    ]);
    const output = node('eval.ts', [
      '--dataset',
      join(dir, 'dataset'),
      '--groups',
      join(dir, 'groups.jsonl'),
      '--holdout',
      join(dir, 'holdout.dat'),
      '--k',
      '10',
      '--out',
      join(dir, 'out.jsonl'),
      '--strategy',
      `engine,${BASELINE}`,
    ]);
    const lines = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as EvalLine);
    const results: BenchResult[] = [];
    for (const line of lines) {
      if (!line.strategy) continue;
      const name = line.strategy === 'engine' ? 'engine' : `baseline_${line.strategy.replace('-', '_')}`;
      results.push(
        { name: `recs.eval.${name}.ndcg_at_10`, value: line.ndcg ?? NaN, unit: 'ratio', better: 'higher' },
        {
          name: `recs.eval.${name}.every_member_hit`,
          value: line.everyoneHitShare ?? NaN,
          unit: 'ratio',
          better: 'higher',
        },
      );
    }
    const total = lines.find((line) => line.totalSeconds !== undefined)?.totalSeconds;
    if (total !== undefined) results.push({ name: 'recs.eval.run_s', value: total, unit: 's', better: 'lower' });
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchResult[]> {
  const results = train('synthetic_200_users', ['--synthetic-users', '200', '--synthetic-plays', '20000']);
  if (existsSync(join(DATASET, 'user_artists.dat'))) {
    results.push(...train('hetrec', ['--dataset', DATASET]));
    await Promise.resolve();
    results.push(...evaluate());
  } else {
    process.stderr.write(`recs model bench: no HetRec data at ${DATASET}; synthetic figures only\n`);
  }
  return results;
}

if (require.main === module) printFigures(run);
