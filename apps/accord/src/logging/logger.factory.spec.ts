import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Transport from 'winston-transport';
import { withCorrelationId } from './correlation';
import { createLogger } from './logger.factory';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789AB';
const PASSWORD = 'lavalink-password-42';

/** Captures exactly what a transport receives, serialised as it would be written. */
class CaptureTransport extends Transport {
  readonly lines: string[] = [];
  override log(info: Record<string | symbol, unknown>, next: () => void): void {
    const rendered = info[Symbol.for('message')];
    this.lines.push(JSON.stringify(info) + (typeof rendered === 'string' ? rendered : ''));
    next();
  }
}

function silenceConsole(): void {
  const consoleStream = (console as unknown as { _stdout?: NodeJS.WriteStream })._stdout;
  if (consoleStream) jest.spyOn(consoleStream, 'write').mockImplementation(() => true);
  else jest.spyOn(console, 'log').mockImplementation(() => undefined);
}

describe(createLogger.name, () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'accord-logs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('never lets a secret reach any transport: console, file, ring or another', async () => {
    const capture = new CaptureTransport();
    // winston's Console transport writes to console._stdout when there is one, else console.log.
    const consoleLines: string[] = [];
    const consoleStream = (console as unknown as { _stdout?: NodeJS.WriteStream })._stdout;
    const stdout = consoleStream
      ? jest.spyOn(consoleStream, 'write').mockImplementation((chunk: unknown) => consoleLines.push(String(chunk)) > 0)
      : jest.spyOn(console, 'log').mockImplementation((line: unknown) => void consoleLines.push(String(line)));
    const { logger, ring } = createLogger(
      { logging: { level: 'debug', format: 'json', toFile: true, ringSize: 100, dir }, secrets: [TOKEN, PASSWORD] },
      [capture],
    );

    logger.info(`logging in with ${TOKEN}`, { context: 'Test' });
    logger.warn('node refused', { context: 'Test', headers: { Authorization: PASSWORD }, password: PASSWORD });
    logger.error(new Error(`connect failed: Bot ${TOKEN}`));
    logger.debug('callback', { url: '/spotify/callback?code=oauthcode123&state=abc' });
    await new Promise<void>((resolve) => logger.on('finish', resolve).end());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const consoleOutput = consoleLines.join('');
    stdout.mockRestore();

    const fileOutput = readdirSync(dir)
      .map((name) => readFileSync(join(dir, name), 'utf8'))
      .join('');
    const ringOutput = JSON.stringify(ring.recent());
    for (const output of [consoleOutput, fileOutput, ringOutput, capture.lines.join('\n')]) {
      expect(output.length).toBeGreaterThan(0);
      expect(output).not.toContain(TOKEN);
      expect(output).not.toContain(PASSWORD);
      expect(output).not.toContain('oauthcode123');
      expect(output).toContain('[redacted]');
    }
    expect(ring.recent()).toHaveLength(4);
  });

  it('tags entries with the correlation id of the work in progress', () => {
    const { logger, ring } = createLogger({
      logging: { level: 'info', format: 'json', toFile: false, ringSize: 10, dir },
      secrets: [],
    });
    silenceConsole();
    withCorrelationId('interaction-1', () => logger.info('inside', { context: 'Test' }));
    logger.info('outside');
    jest.restoreAllMocks();
    expect(ring.recent().map((entry) => [entry.message, entry.correlationId])).toEqual([
      ['inside', 'interaction-1'],
      ['outside', undefined],
    ]);
  });

  it('keeps only the newest entries in the ring', () => {
    const { logger, ring } = createLogger({
      logging: { level: 'info', format: 'json', toFile: false, ringSize: 10, dir },
      secrets: [],
    });
    silenceConsole();
    for (let i = 0; i < 25; i += 1) logger.info(`line ${i}`);
    jest.restoreAllMocks();
    expect(ring.recent().map((entry) => entry.message)).toEqual(Array.from({ length: 10 }, (_, i) => `line ${i + 15}`));
  });
});
