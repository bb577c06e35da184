import { utilities as nestWinston } from 'nest-winston';
import * as winston from 'winston';
import DailyRotateFile from 'winston-daily-rotate-file';
import { MESSAGE } from 'triple-beam';
import type { AppConfig } from '../config/app-config';
import { currentCorrelationId } from './correlation';
import { LogRing } from './log-ring';
import { createRedactor } from './redactor';

export interface LoggerBundle {
  logger: winston.Logger;
  ring: LogRing;
}

/**
 * Builds the one winston logger of the process: redaction first (so no transport ever sees a
 * secret), then console (pretty in development, JSON in production), a daily-rotated JSON file
 * under the data dir, and the in-memory ring the panel streams.
 */
export function createLogger(
  config: Pick<AppConfig, 'logging' | 'secrets'>,
  extraTransports: winston.transport[] = [],
): LoggerBundle {
  const redact = createRedactor(config.secrets);
  const redaction = winston.format((info) => {
    const fields = info as Record<string | symbol, unknown>;
    for (const key of Object.keys(fields)) fields[key] = redact(fields[key]);
    // errors() leaves the raw text under winston's MESSAGE symbol too; a format-less transport prints it.
    if (typeof fields[MESSAGE] === 'string') fields[MESSAGE] = redact(fields[MESSAGE]);
    const correlationId = currentCorrelationId();
    if (correlationId && info.correlationId === undefined) info.correlationId = correlationId;
    return info;
  });
  const ring = new LogRing(config.logging.ringSize);

  const consoleFormat =
    config.logging.format === 'json'
      ? winston.format.json()
      : nestWinston.format.nestLike('Accord', { colors: process.stdout.isTTY, prettyPrint: true });

  const transports: winston.transport[] = [new winston.transports.Console({ format: consoleFormat }), ring];
  if (config.logging.toFile) {
    transports.push(
      new DailyRotateFile({
        dirname: config.logging.dir,
        filename: 'accord-%DATE%.log',
        datePattern: 'YYYY-MM-DD',
        maxSize: '20m',
        maxFiles: '14d',
        format: winston.format.json(),
      }),
    );
  }
  transports.push(...extraTransports);

  const logger = winston.createLogger({
    level: config.logging.level,
    // errors() first: it lifts an Error's non-enumerable message and stack into fields the redactor sees.
    format: winston.format.combine(winston.format.errors({ stack: true }), redaction(), winston.format.timestamp()),
    transports,
  });
  return { logger, ring };
}
