import { once } from 'node:events';
import { createInterface } from 'node:readline';

/**
 * Streams JSON Lines from stdin to stdout, one answer a line and in order. Blank lines are skipped;
 * a line that is not JSON, or that the handler rejects, answers `{"error": "..."}`.
 */
export async function mapJsonLines(handle: (value: unknown) => unknown): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim().length === 0) continue;
    const out = JSON.stringify(answer(line, handle)) + '\n';
    if (!process.stdout.write(out)) await once(process.stdout, 'drain');
  }
}

function answer(line: string, handle: (value: unknown) => unknown): unknown {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { error: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  try {
    return handle(value);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function optionalNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
