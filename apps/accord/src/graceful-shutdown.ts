import type * as winston from 'winston';

export interface GracefulShutdownOptions {
  /** Closes the application: lifecycle hooks (sessions saved), web server, Discord, Lavalink, MongoDB. */
  close: () => Promise<void>;
  logger: winston.Logger;
  timeoutMs: number;
  exit?: (code: number) => void;
  now?: () => number;
}

/** Winston's console and file transports write asynchronously: give them a moment before exiting. */
const LOG_FLUSH_MS = 500;

/**
 * Stops the process gracefully, within a bound: the app is closed (sessions saved, Lavalink left
 * playing for the next start to resume, web server and database closed) and the process exits 0;
 * if anything hangs past `timeoutMs` (a stuck database, a client holding a connection open) it
 * exits 1 anyway, so an orchestrator's stop never has to fall back to SIGKILL.
 */
export async function shutDownGracefully(signal: string, options: GracefulShutdownOptions): Promise<void> {
  const { logger, timeoutMs } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const now = options.now ?? (() => performance.now());
  const started = now();
  logger.info(`${signal} received: saving sessions and closing connections (at most ${timeoutMs / 1000} s)`, {
    context: 'Shutdown',
  });
  let finished = false;
  const deadline = setTimeout(() => {
    if (finished) return;
    finished = true;
    logger.error(`Shutdown did not finish within ${timeoutMs / 1000} s; exiting anyway`, { context: 'Shutdown' });
    void flush(logger).finally(() => exit(1));
  }, timeoutMs);
  try {
    await options.close();
  } catch (error: unknown) {
    if (finished) return;
    finished = true;
    clearTimeout(deadline);
    logger.error('Shutdown failed', { error, context: 'Shutdown' });
    await flush(logger);
    exit(1);
    return;
  }
  if (finished) return;
  finished = true;
  clearTimeout(deadline);
  logger.info(`Shut down cleanly in ${Math.round(now() - started)} ms`, { context: 'Shutdown' });
  await flush(logger);
  exit(0);
}

/** Runs `shutDownGracefully` on the first SIGTERM or SIGINT; a second signal exits at once. */
export function closeOnSignals(options: GracefulShutdownOptions): void {
  let stopping = false;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      options.logger.warn(`${signal} received again: exiting now`, { context: 'Shutdown' });
      exit(1);
      return;
    }
    stopping = true;
    void shutDownGracefully(signal, options);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

async function flush(logger: winston.Logger): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, LOG_FLUSH_MS);
    logger.once('finish', () => {
      clearTimeout(timer);
      resolve();
    });
    logger.end();
  });
}
