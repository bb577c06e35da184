import { TEST_MONGODB_URI_ENV, testDatabaseUri } from './test-database';

// jest setupFiles of the integration and e2e projects. Each spec file gets its own database as
// MONGODB_URI, so code that reads its config from the environment (the app booted by an e2e spec)
// never shares data with another file, even when files run in parallel. jest gives every file its
// own copy of process.env, so this does not leak into other files. testDatabaseUri() with no label
// returns this same database.
if (process.env[TEST_MONGODB_URI_ENV]) {
  process.env.MONGODB_URI = testDatabaseUri();
}
