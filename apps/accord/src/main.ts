import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { createApp } from './bootstrap';
import { loadConfig } from './config/app-config';
import { closeOnSignals } from './graceful-shutdown';
import { createLogger } from './logging/logger.factory';

async function main(): Promise<void> {
  // A .env beside the process is read for local runs; variables already set (docker) win.
  if (existsSync('.env')) process.loadEnvFile('.env');

  const config = loadConfig(process.env);
  if (!config.ok) {
    const lines = (config.detail ?? '').split('\n').map((line) => `  - ${line}`);
    process.stderr.write(
      `Accord cannot start; fix these environment variables (see .env.example):\n${lines.join('\n')}\n`,
    );
    process.exit(1);
  }

  const { logger, ring } = createLogger(config.value);
  process.on('unhandledRejection', (reason) =>
    logger.error('Unhandled promise rejection', { reason, context: 'Process' }),
  );
  process.on('uncaughtException', (error) => logger.error('Uncaught exception', { error, context: 'Process' }));

  const app = await createApp({ config: config.value, logger, ring });
  closeOnSignals({ close: () => app.close(), logger, timeoutMs: config.value.shutdownTimeoutS * 1000 });
  await app.listen(config.value.http.port, config.value.http.host);
  logger.info(`HTTP server on ${await app.getUrl()} (API docs at /api/docs)`, { context: 'Bootstrap' });
}

// Anything that escapes boot (a port in use, a module failing to start) ends the process with one
// line instead of an unhandled rejection that leaves it half started.
main().catch((error: unknown) => {
  process.stderr.write(`Accord could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
