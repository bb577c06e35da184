export {
  TEST_MONGODB_KIND_ENV,
  TEST_MONGODB_URI_ENV,
  dropTestDatabase,
  testDatabaseName,
  testDatabaseUri,
  testServerUri,
  withDatabaseName,
} from './test-database';
export { startTestServer, type TestServer } from './test-server';
