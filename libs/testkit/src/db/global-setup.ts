import { TEST_MONGODB_KIND_ENV, TEST_MONGODB_URI_ENV } from './test-database';
import { startTestServer, type TestServer } from './test-server';

/** The part of jest's global config that says which projects run. */
interface ProjectSelection {
  readonly selectProjects?: readonly string[];
  readonly ignoreProjects?: readonly string[];
}

// The projects of jest.config.js whose specs use the database.
const databaseProjects = ['integration', 'e2e'];

/** Where globalSetup leaves the server for globalTeardown (both run in jest's parent process). */
export const testServerKey = Symbol.for('accord.testkit.test-server');

/** True unless the run is limited to projects that never touch the database (`--selectProjects unit`). */
export function runNeedsDatabase(selection: ProjectSelection): boolean {
  const { selectProjects, ignoreProjects = [] } = selection;
  const running = selectProjects ?? databaseProjects;
  return running.some((name) => databaseProjects.includes(name) && !ignoreProjects.includes(name));
}

/**
 * jest globalSetup: starts the test server once for the run and publishes its base URI in
 * ACCORD_TEST_MONGODB_URI (its kind in ACCORD_TEST_MONGODB_KIND). It runs in jest's parent process
 * before the workers are forked, and workers inherit the parent's environment.
 */
// jest loads the default export of a globalSetup module.
export default async function globalSetup(globalConfig: ProjectSelection): Promise<void> {
  if (!runNeedsDatabase(globalConfig)) {
    return;
  }
  const server: TestServer = await startTestServer(process.env);
  process.env[TEST_MONGODB_URI_ENV] = server.uri;
  process.env[TEST_MONGODB_KIND_ENV] = server.kind;
  (globalThis as { [testServerKey]?: TestServer })[testServerKey] = server;
}
