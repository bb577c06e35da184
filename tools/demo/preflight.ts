import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** What the demo needs before it starts anything, each with what to do when it is missing. */
export type Check = { ok: true } | { ok: false; problem: string };

export const DEFAULT_DEMO_PORT = 3000;

/** `DEMO_PORT` as a port number, or what is wrong with it. */
export function demoPort(value: string | undefined): { ok: true; port: number } | { ok: false; problem: string } {
  if (value === undefined || value === '') return { ok: true, port: DEFAULT_DEMO_PORT };
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    return { ok: false, problem: `DEMO_PORT must be a port number (1-65535), not "${value}".` };
  }
  return { ok: true, port };
}

/** Whether the panel's port is free on loopback; when it is not, which one and how to pick another. */
export function portFree(port: number): Promise<Check> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? 'is in use by another program' : `cannot be opened (${error.code})`;
      resolve({
        ok: false,
        problem:
          `Port ${port} ${why}, and the demo serves the panel there.\n` +
          `Stop what uses it, or choose another port: DEMO_PORT=${port === 3000 ? 3100 : port + 1} npm run demo`,
      });
    });
    server.listen(port, '127.0.0.1', () => server.close(() => resolve({ ok: true })));
  });
}

export type DatabasePlan =
  { kind: 'external'; uri: string } | { kind: 'ferretdb'; build: boolean } | { kind: 'missing'; problem: string };

/**
 * Where the demo's data lives: `MONGODB_URI` when set, else the FerretDB test database of
 * tools/ferretdb (built first when Go is here and the binary is not).
 */
export function planDatabase(input: {
  mongodbUri?: string;
  ferretDbBinary: string;
  goAvailable: boolean;
}): DatabasePlan {
  if (input.mongodbUri) return { kind: 'external', uri: input.mongodbUri };
  if (existsSync(input.ferretDbBinary)) return { kind: 'ferretdb', build: false };
  if (input.goAvailable) return { kind: 'ferretdb', build: true };
  return {
    kind: 'missing',
    problem:
      'The demo needs a database, and there is none yet:\n' +
      '  - the test database (FerretDB, tools/ferretdb) is not built, and building it needs Go 1.24 or newer,\n' +
      '    which is not installed: get it from https://go.dev/dl/ (or your package manager, e.g. apt-get install golang-go),\n' +
      '    then run `npm run testdb:build` (a few minutes, once);\n' +
      '  - or point the demo at a MongoDB you have: MONGODB_URI=mongodb://127.0.0.1:27017 npm run demo\n' +
      '    (it uses the database accord_demo there and empties it first).',
  };
}

/** True when `go version` runs. */
export function goAvailable(): boolean {
  const result = spawnSync('go', ['version'], { stdio: 'ignore' });
  return result.error === undefined && result.status === 0;
}

/**
 * True when `output` is missing or older than a file under `sources` (a build to redo). Walks
 * the folders once; node_modules and dist are skipped.
 */
export function buildOutdated(output: string, sources: string[]): boolean {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  const newer = (path: string): boolean => {
    const stat = statSync(path);
    if (!stat.isDirectory()) return stat.mtimeMs > built;
    return readdirSync(path).some(
      (name) => name !== 'node_modules' && name !== 'dist' && !name.startsWith('.') && newer(join(path, name)),
    );
  };
  return sources.some((source) => existsSync(source) && newer(source));
}
