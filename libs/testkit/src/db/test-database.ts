import { createHash, randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import mongoose from 'mongoose';

/**
 * Environment variable through which jest's globalSetup hands the base URI of the test server
 * (no database name) to the test workers, which inherit the parent's environment.
 */
export const TEST_MONGODB_URI_ENV = 'ACCORD_TEST_MONGODB_URI';

/** What globalSetup found or started, published beside the URI: `external`, `ferretdb` or `mongod`. */
export const TEST_MONGODB_KIND_ENV = 'ACCORD_TEST_MONGODB_KIND';

// FerretDB accepts only ^[a-zA-Z0-9_-]{1,63}$ as a database name; MongoDB accepts a superset.
const MAX_DB_NAME = 63;
const MAX_SLUG = 36;

// One map per test file: jest gives every file its own global object, and it survives
// jest.resetModules(), so a label maps to the same database for the whole file.
const registryKey = Symbol.for('accord.testkit.test-databases');

/** The base URI published by globalSetup; throws with a hint when the tests were not started by it. */
export function testServerUri(): string {
  const uri = process.env[TEST_MONGODB_URI_ENV];
  if (!uri) {
    throw new Error(
      `${TEST_MONGODB_URI_ENV} is not set: run the tests with the root jest.config.js, whose globalSetup ` +
        'starts the test database (or set MONGODB_URI to a MongoDB server the tests may use).',
    );
  }
  return uri;
}

/**
 * URI of this test file's own database on the test server. The same label returns the same
 * database for the whole file; no label is the file's default database, the one that
 * `per-file-database.ts` puts in `process.env.MONGODB_URI`.
 */
export function testDatabaseUri(label?: string): string {
  const databases = fileDatabases();
  const key = label ?? '';
  let uri = databases.get(key);
  if (uri === undefined) {
    uri = withDatabaseName(testServerUri(), testDatabaseName({ testPath: currentTestPath(), label }));
    databases.set(key, uri);
  }
  return uri;
}

/**
 * A unique database name, valid for MongoDB and FerretDB: `t_<file>_<label>_<hash>_<random>`.
 * The hash of the full test path keeps same-named files apart; the random part keeps parallel or
 * repeated runs against one shared server apart.
 */
export function testDatabaseName(options: { testPath?: string; label?: string; random?: string } = {}): string {
  const { testPath, label } = options;
  const random = options.random ?? randomBytes(4).toString('hex');
  const file = testPath ? slug(basename(testPath).replace(/\.[jt]s$/, '')) : '';
  const hash = testPath ? createHash('sha256').update(testPath).digest('hex').slice(0, 6) : '';
  const words = [file, label === undefined ? '' : slug(label)].filter(Boolean).join('_').slice(0, MAX_SLUG);
  return ['t', words, hash, random]
    .filter(Boolean)
    .join('_')
    .replace(/[^a-zA-Z0-9_-]/g, '')
    .slice(0, MAX_DB_NAME);
}

/**
 * Replaces the database of a MongoDB URI, keeping hosts, credentials and options. When the URI has
 * credentials and no authSource, the old database (or admin) stays the authentication database, as
 * it was before the path changed.
 */
export function withDatabaseName(uri: string, databaseName: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/)([^/?]*)(?:\/([^?]*))?(?:\?(.*))?$/.exec(uri);
  if (!match) {
    throw new Error('Not a MongoDB connection string (expected mongodb:// or mongodb+srv://).');
  }
  const [, scheme, authority, oldDatabase = '', query = ''] = match;
  const params = new URLSearchParams(query);
  if (authority.includes('@') && !params.has('authSource')) {
    params.set('authSource', oldDatabase === '' ? 'admin' : decodeURIComponent(oldDatabase));
  }
  const search = params.toString();
  return `${scheme}${authority}/${databaseName}${search ? `?${search}` : ''}`;
}

/** Drops the database named in `uri`; a database that was never written to is fine. */
export async function dropTestDatabase(uri: string): Promise<void> {
  const connection = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    await connection.asPromise();
    await connection.dropDatabase();
  } finally {
    await connection.close();
  }
}

function fileDatabases(): Map<string, string> {
  const holder = globalThis as { [registryKey]?: Map<string, string> };
  holder[registryKey] ??= new Map<string, string>();
  return holder[registryKey];
}

// expect is a global only once the test framework is installed: not yet in jest's setupFiles.
function currentTestPath(): string | undefined {
  return typeof expect === 'undefined' ? undefined : expect.getState().testPath;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
