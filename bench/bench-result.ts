/** One reported figure. Names are dotted and stable: they are compared across versions. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  better: 'lower' | 'higher';
}

/** A benchmark module exports `run()`. */
export type BenchModule = { run: () => Promise<BenchResult[]> };

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
