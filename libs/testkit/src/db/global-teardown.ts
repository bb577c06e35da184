import { testServerKey } from './global-setup';
import { type TestServer } from './test-server';

/** jest globalTeardown: stops the server globalSetup started and removes its files. */
// jest loads the default export of a globalTeardown module.
export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { [testServerKey]?: TestServer };
  const server = holder[testServerKey];
  delete holder[testServerKey];
  await server?.stop();
}
