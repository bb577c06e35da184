import { type ChildProcessByStdio, spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { type Readable, type Writable } from 'node:stream';
import mongoose from 'mongoose';

/** A MongoDB-compatible server for one jest run. */
export interface TestServer {
  /** Base URI, without a database name. */
  readonly uri: string;
  /** What serves it: a server given by MONGODB_URI, FerretDB built here, or a downloaded mongod. */
  readonly kind: 'external' | 'ferretdb' | 'mongod';
  stop(): Promise<void>;
}

const ferretDbDir = resolve(__dirname, '../../../../tools/ferretdb');
const ferretDbBinary = join(ferretDbDir, 'bin/accord-testdb');
const readyTimeoutMs = 20_000;
const stopTimeoutMs = 5_000;

/**
 * Picks and starts the test server: `MONGODB_URI` when set (nothing started), mongod from
 * mongodb-memory-server when `ACCORD_TESTDB=mongod` (it downloads mongod, so it needs a machine
 * that can), otherwise FerretDB 1.x built from tools/ferretdb.
 */
export async function startTestServer(env: NodeJS.ProcessEnv = process.env): Promise<TestServer> {
  if (env.MONGODB_URI) {
    return { uri: env.MONGODB_URI, kind: 'external', stop: () => Promise.resolve() };
  }
  const choice = env.ACCORD_TESTDB ?? 'ferretdb';
  switch (choice) {
    case 'mongod':
      return startMongod();
    case 'ferretdb':
      return startFerretDb();
    default:
      throw new Error(`ACCORD_TESTDB must be 'ferretdb' (default) or 'mongod', not '${choice}'.`);
  }
}

async function startMongod(): Promise<TestServer> {
  // Loaded only on this path: the FerretDB path must not touch mongodb-memory-server at all.
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const server = await MongoMemoryServer.create().catch((error: unknown) => {
    throw new Error(
      'ACCORD_TESTDB=mongod: mongodb-memory-server could not start mongod (it downloads it on first use). ' +
        'Unset ACCORD_TESTDB to use FerretDB, or set MONGODB_URI.',
      { cause: error },
    );
  });
  return {
    uri: server.getUri(),
    kind: 'mongod',
    stop: async () => {
      await server.stop();
    },
  };
}

type ServerProcess = ChildProcessByStdio<Writable, Readable, Readable>;

async function startFerretDb(): Promise<TestServer> {
  buildFerretDb();
  const dir = await mkdtemp(join(tmpdir(), 'accord-testdb-'));
  // stdin stays open as a lifeline: if jest dies without its teardown, the server sees EOF and exits.
  const child = spawn(ferretDbBinary, ['-listen', '127.0.0.1:0', '-dir', join(dir, 'data'), '-exit-on-stdin-eof'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // A last resort for a parent that exits without teardown (for instance after a failed setup).
  const onExit = (): void => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  const stop = async (): Promise<void> => {
    process.off('exit', onExit);
    await stopProcess(child);
    await rm(dir, { recursive: true, force: true });
  };

  try {
    const uri = await waitForReady(child);
    await ping(uri);
    return { uri, kind: 'ferretdb', stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function buildFerretDb(): void {
  // build.sh returns at once when the binary is current; -q keeps that case silent.
  const result = spawnSync('bash', [join(ferretDbDir, 'build.sh'), '-q'], { stdio: 'inherit' });
  if (result.error !== undefined || result.status !== 0) {
    throw new Error(
      'Could not build the FerretDB test database (tools/ferretdb/build.sh, output above). ' +
        'Install Go >= 1.24 with access to the Go module proxy, or set MONGODB_URI to a MongoDB ' +
        'server the tests may use.' +
        (result.error ? ` (${result.error.message})` : ''),
    );
  }
}

/** Resolves with the URI from the server's `ready <uri>` line; rejects if it exits first. */
function waitForReady(child: ServerProcess): Promise<string> {
  const errorLines: string[] = [];
  // Always drain stderr (a full pipe would block the server) and pass its few lines on.
  createInterface({ input: child.stderr }).on('line', (line) => {
    errorLines.push(line);
    process.stderr.write(`[testdb] ${line}\n`);
  });
  const stdout = createInterface({ input: child.stdout });

  return new Promise<string>((resolveUri, reject) => {
    const settle = (): void => {
      clearTimeout(timer);
      child.off('error', onError).off('exit', onExit);
      stdout.off('line', onLine);
    };
    const fail = (reason: string): void => {
      settle();
      const details = errorLines.slice(-10).join('\n');
      reject(new Error(`FerretDB test database did not start: ${reason}${details ? `\n${details}` : ''}`));
    };
    const onError = (error: Error): void => fail(`${ferretDbBinary}: ${error.message}`);
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void =>
      fail(`it exited (${signal ?? `code ${code}`})`);
    const onLine = (line: string): void => {
      const match = /^ready (mongodb:\/\/\S+)$/.exec(line);
      if (match) {
        settle();
        resolveUri(match[1]);
      }
    };
    const timer = setTimeout(() => fail(`no ready line within ${readyTimeoutMs} ms`), readyTimeoutMs);
    child.on('error', onError).on('exit', onExit);
    stdout.on('line', onLine);
  });
}

/** Proves the server answers MongoDB commands, not only accepts TCP connections. */
async function ping(uri: string): Promise<void> {
  const connection = mongoose.createConnection(uri, { serverSelectionTimeoutMS: readyTimeoutMs });
  try {
    await connection.asPromise();
    await connection.getClient().db('admin').command({ ping: 1 });
  } catch (error) {
    throw new Error(`FerretDB test database at ${uri} does not answer ping: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    await connection.close();
  }
}

/** SIGTERM, then SIGKILL if the server has not exited in time. */
async function stopProcess(child: ServerProcess): Promise<void> {
  // No pid: it never started (spawn error), so there is nothing to stop.
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
  await exited;
  clearTimeout(timer);
}
