import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeDiscord } from '@accord/testkit/discord';
import type { FakeLavalinkNode } from '@accord/testkit/lavalink';
import { TEST_TOKEN } from './test-bot';

export { answerOf } from './interaction-answer';

const ROOT = join(__dirname, '..', '..', '..', '..');
const MAIN = join(ROOT, 'apps', 'accord', 'src', 'main.ts');

export interface BotProcessOptions {
  discord: FakeDiscord;
  lavalink: FakeLavalinkNode[];
  databaseUri: string;
  /** Registers the commands in this guild (instant) instead of globally. */
  devGuildId?: string;
  env?: Record<string, string>;
}

export interface BotExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One JSON log line the bot printed. */
export interface BotLogLine {
  level: string;
  message: string;
  context?: string;
  [key: string]: unknown;
}

/**
 * The bot as production runs it: `apps/accord/src/main.ts` in a child process of its own
 * (compiled on the fly by @swc-node/register, so no build is needed), configured only through
 * the environment, pointed at fakes that live in the test process. Drills kill it, signal it and
 * start it again on the same fakes and database.
 */
export class BotProcess {
  readonly logs: BotLogLine[] = [];
  readonly exited: Promise<BotExit>;
  private exit: BotExit | null = null;
  private buffered = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly workDir: string,
  ) {
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        rmSync(this.workDir, { recursive: true, force: true });
        resolve(this.exit);
      }),
    );
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => this.read(chunk));
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      if (process.env.TEST_BOT_STDERR) process.stderr.write(chunk);
    });
  }

  /** Spawns the bot and resolves once its health endpoint answers 200 (Discord, Lavalink and MongoDB up). */
  static async start(options: BotProcessOptions, timeoutMs = 45_000): Promise<BotProcess> {
    const port = await freePort();
    // Its own working directory: no developer's .env is picked up, and DATA_DIR stays out of the repo.
    const workDir = mkdtempSync(join(tmpdir(), 'accord-bot-'));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
      NODE_ENV: 'production',
      DISCORD_TOKEN: TEST_TOKEN,
      DISCORD_CLIENT_ID: options.discord.applicationId,
      DISCORD_API_URL: options.discord.apiUrl,
      MONGODB_URI: options.databaseUri,
      LAVALINK_NODES: options.lavalink
        .map((node) => `${node.nodeOption.name}:${node.nodeOption.auth}@${node.url}`)
        .join(','),
      LAVALINK_RECONNECT_INTERVAL_S: '1',
      HTTP_PORT: String(port),
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      LOG_TO_FILE: 'false',
      DATA_DIR: workDir,
      ...(options.devGuildId ? { DISCORD_DEV_GUILD_ID: options.devGuildId } : {}),
      ...options.env,
    };
    const child = spawn(process.execPath, ['-r', require.resolve('@swc-node/register'), MAIN], {
      cwd: workDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const bot = new BotProcess(child, port, workDir);
    const deadline = Date.now() + timeoutMs;
    while ((await bot.healthStatus()) !== 200) {
      if (bot.exit) throw new Error(`the bot exited during boot (${JSON.stringify(bot.exit)}):\n${bot.tail()}`);
      if (Date.now() > deadline) {
        bot.child.kill('SIGKILL');
        throw new Error(`the bot was not healthy within ${timeoutMs} ms:\n${bot.tail()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return bot;
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.exit === null;
  }

  /** `GET /api/v1/health` status, or 0 when nothing answers. */
  async healthStatus(): Promise<number> {
    try {
      const response = await fetch(`http://127.0.0.1:${this.port}/api/v1/health`);
      await response.arrayBuffer();
      return response.status;
    } catch {
      return 0;
    }
  }

  async health(): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`http://127.0.0.1:${this.port}/api/v1/health`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** Sends a signal and waits for the process to end. */
  async signal(signal: NodeJS.Signals): Promise<BotExit> {
    if (this.exit) return this.exit;
    this.child.kill(signal);
    return this.exited;
  }

  /** Kills the process if it still runs (for `afterAll`). */
  async stop(): Promise<void> {
    if (this.exit) return;
    await this.signal('SIGKILL');
  }

  /** True once a log line's message matches. */
  logged(pattern: RegExp): BotLogLine | undefined {
    return this.logs.find((line) => pattern.test(line.message));
  }

  /** The last log lines, for failure messages. */
  tail(lines = 30): string {
    return this.logs
      .slice(-lines)
      .map((line) => `${line.level} [${line.context ?? ''}] ${line.message}`)
      .join('\n');
  }

  private read(chunk: string): void {
    this.buffered += chunk;
    let newline = this.buffered.indexOf('\n');
    while (newline >= 0) {
      const line = this.buffered.slice(0, newline).trim();
      this.buffered = this.buffered.slice(newline + 1);
      if (line.startsWith('{')) {
        try {
          this.logs.push(JSON.parse(line) as BotLogLine);
        } catch {
          this.logs.push({ level: 'raw', message: line });
        }
      } else if (line) {
        this.logs.push({ level: 'raw', message: line });
      }
      newline = this.buffered.indexOf('\n');
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
