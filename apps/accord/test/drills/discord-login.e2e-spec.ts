import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropTestDatabase, testDatabaseUri } from '@accord/testkit/db';
import { FakeDiscord } from '@accord/testkit/discord';
import { GuildFactory, type FakeGuildDefinition } from '@accord/testkit/factories';
import { FakeLavalinkNode } from '@accord/testkit/lavalink';
import { TcpProxy } from '@accord/testkit/net';
import { eventually } from '../support/test-bot';

const ROOT = join(__dirname, '..', '..', '..', '..');
const DIST_MAIN = join(ROOT, 'dist', 'apps', 'accord', 'main.js');
const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GaBcDe.fake-token-for-the-test-bench-only-000';
const UNHANDLED = /Unhandled promise rejection|unhandledRejection|Uncaught exception/i;

interface LogLine {
  level: string;
  message: string;
  context?: string;
}

interface HealthBody {
  status: string;
  details?: Record<string, { status: string; message?: string }>;
}

/**
 * The production build (`dist/apps/accord/main.js`, what the Docker image runs) in a child process,
 * configured only through the environment. Every stdout and stderr line is kept.
 */
class DistBot {
  readonly logs: LogLine[] = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    workDir: string,
  ) {
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        rmSync(workDir, { recursive: true, force: true });
        resolve(this.exit);
      }),
    );
    lines(child.stdout, (line) => this.logs.push(parseLine(line)));
    lines(child.stderr, (line) => this.stderr.push(line));
  }

  static async spawn(env: Record<string, string>): Promise<DistBot> {
    const port = await freePort();
    const workDir = mkdtempSync(join(tmpdir(), 'accord-dist-'));
    const child = spawn(process.execPath, [DIST_MAIN], {
      cwd: workDir,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        DISCORD_TOKEN: TOKEN,
        HTTP_PORT: String(port),
        HTTP_HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        LOG_FORMAT: 'json',
        LOG_TO_FILE: 'false',
        LAVALINK_RECONNECT_INTERVAL_S: '1',
        DATA_DIR: workDir,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new DistBot(child, port, workDir);
  }

  get running(): boolean {
    return this.exit === null;
  }

  async health(): Promise<{ status: number; body: HealthBody } | null> {
    try {
      const response = await fetch(`http://127.0.0.1:${this.port}/api/v1/health`);
      return { status: response.status, body: (await response.json()) as HealthBody };
    } catch {
      return null;
    }
  }

  logged(pattern: RegExp): LogLine[] {
    return this.logs.filter((line) => pattern.test(line.message));
  }

  /** Every line, stdout and stderr, for assertions on what an operator would read. */
  allText(): string[] {
    return [...this.logs.map((line) => line.message), ...this.stderr];
  }

  tail(count = 40): string {
    const out = this.logs.slice(-count).map((line) => `${line.level} [${line.context ?? ''}] ${line.message}`);
    return [...out, ...this.stderr.slice(-10).map((line) => `stderr: ${line}`)].join('\n');
  }

  async stop(): Promise<void> {
    if (!this.exit) this.child.kill('SIGKILL');
    await this.exited;
  }

  async terminate(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.exit) this.child.kill('SIGTERM');
    return this.exited;
  }
}

describe('The production build started while Discord, MongoDB and Lavalink are unreachable', () => {
  const databaseUri = testDatabaseUri();
  let guild: FakeGuildDefinition;
  let discordPort: number;
  let lavalinkPort: number;
  let discord: FakeDiscord;
  let node: FakeLavalinkNode;
  let database: TcpProxy;
  let bot: DistBot;

  beforeAll(async () => {
    ensureProductionBuild();
    guild = GuildFactory.create();
    [discordPort, lavalinkPort] = await Promise.all([freePort(), freePort()]);
    discord = new FakeDiscord({ guilds: [guild], port: discordPort, heartbeatIntervalMs: 1_000 });
    node = new FakeLavalinkNode({ name: 'main', password: 'secret-main', port: lavalinkPort });
    // MongoDB's address is a proxy that refuses every connection until restored.
    database = TcpProxy.forUri(databaseUri);
    await database.start();
    database.cut();
    bot = await DistBot.spawn({
      DISCORD_CLIENT_ID: discord.applicationId,
      DISCORD_DEV_GUILD_ID: guild.id,
      DISCORD_API_URL: `http://127.0.0.1:${discordPort}/api`,
      MONGODB_URI: database.proxiedUri(databaseUri),
      LAVALINK_NODES: `main:secret-main@127.0.0.1:${lavalinkPort}`,
    });
  }, 300_000);

  afterAll(async () => {
    await bot?.stop();
    await Promise.all([discord?.stop().catch(() => undefined), node?.stop(), database?.stop()]);
    await dropTestDatabase(databaseUri);
  });

  it('stays up for 20 s, says it is connecting to Discord and retries with growing delays', async () => {
    const first = await eventually(async () => (await bot.health()) ?? undefined, 30_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${bot.tail()}`);
    });
    expect(first.status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 20_000));

    expect(bot.running).toBe(true);
    const health = await bot.health();
    expect(health?.status).toBe(503);
    expect(health?.body.details?.discord).toMatchObject({ status: 'down' });
    expect(health?.body.details?.discord.message).toMatch(/^connecting to Discord/);
    expect(health?.body.details?.database).toMatchObject({ status: 'down' });
    expect(health?.body.details?.lavalink).toMatchObject({ status: 'down' });

    const retries = bot.logged(/^Discord unreachable \(ECONNREFUSED.*; login attempt \d+ in [\d.]+ s$/);
    expect(retries.length).toBeGreaterThanOrEqual(3);
    expect(retries.length).toBeLessThanOrEqual(6);
    const delays = retries.map((line) => Number(/in ([\d.]+) s$/.exec(line.message)?.[1]));
    expect(delays[0]).toBeLessThanOrEqual(1.2);
    for (let index = 1; index < delays.length; index += 1) expect(delays[index]).toBeGreaterThan(delays[index - 1]);
    expect(bot.allText().filter((line) => UNHANDLED.test(line))).toEqual([]);
  }, 60_000);

  it('logs in, registers its commands, and connects to MongoDB and Lavalink once they are reachable', async () => {
    await discord.start();
    await node.start();
    database.restore();

    const healthy = await eventually(async () => {
      const health = await bot.health();
      return health?.status === 200 && health;
    }, 90_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${bot.tail()}`);
    });

    expect(healthy.body.details).toMatchObject({
      discord: { status: 'up' },
      lavalink: { status: 'up' },
      database: { status: 'up' },
    });
    expect(bot.logged(/^Logged in to Discord as /)).toHaveLength(1);
    await eventually(() => discord.registeredCommands(guild.id).some((command) => command.name === 'play'), 20_000);
    expect(bot.logged(/^Registered \d+ slash command\(s\) in development server/)).toHaveLength(1);
    expect(node.handshakes.length).toBeGreaterThanOrEqual(1);
    expect(bot.logged(/^Connected to MongoDB/).length).toBeGreaterThanOrEqual(1);
    expect(bot.allText().filter((line) => UNHANDLED.test(line))).toEqual([]);
  }, 120_000);

  it('stops cleanly afterwards', async () => {
    expect(await bot.terminate()).toEqual({ code: 0, signal: null });
    expect(bot.allText().filter((line) => UNHANDLED.test(line))).toEqual([]);
  }, 30_000);
});

describe('The production build with a token Discord refuses', () => {
  const databaseUri = testDatabaseUri('refused');
  let guild: FakeGuildDefinition;
  let node: FakeLavalinkNode;
  const bots: DistBot[] = [];
  const discords: FakeDiscord[] = [];

  const boot = async (discord: FakeDiscord): Promise<DistBot> => {
    discords.push(discord);
    await discord.start();
    const bot = await DistBot.spawn({
      DISCORD_CLIENT_ID: discord.applicationId,
      DISCORD_DEV_GUILD_ID: guild.id,
      DISCORD_API_URL: discord.apiUrl,
      MONGODB_URI: databaseUri,
      LAVALINK_NODES: `main:secret-main@${node.url}`,
    });
    bots.push(bot);
    return bot;
  };
  const refusal = (bot: DistBot): LogLine[] => bot.logs.filter((line) => /DISCORD_TOKEN/.test(line.message));

  beforeAll(async () => {
    ensureProductionBuild();
    guild = GuildFactory.create();
    node = new FakeLavalinkNode({ name: 'main', password: 'secret-main' });
    await node.start();
  }, 300_000);

  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.stop()));
    await Promise.all(discords.map((discord) => discord.stop()));
    await node?.stop();
    await dropTestDatabase(databaseUri);
  });

  it('exits 1 with one line naming DISCORD_TOKEN when the gateway closes with 4004 at login', async () => {
    const bot = await boot(new FakeDiscord({ guilds: [guild], gatewayToken: 'another-token' }));

    const exit = await withTimeout(bot.exited, 30_000, () => bot.tail());

    expect(exit).toEqual({ code: 1, signal: null });
    expect(refusal(bot)).toEqual([
      expect.objectContaining({ level: 'error', message: expect.stringMatching(/4004.*Accord stops\.$/) as string }),
    ]);
    expect(bot.logged(/login attempt/)).toEqual([]);
    expect(bot.allText().filter((line) => UNHANDLED.test(line))).toEqual([]);
  }, 45_000);

  it('exits 1 the same way when the REST API answers 401', async () => {
    const bot = await boot(new FakeDiscord({ guilds: [guild], token: 'another-token' }));

    const exit = await withTimeout(bot.exited, 30_000, () => bot.tail());

    expect(exit).toEqual({ code: 1, signal: null });
    expect(refusal(bot)).toHaveLength(1);
    expect(bot.allText().filter((line) => UNHANDLED.test(line))).toEqual([]);
  }, 45_000);

  it('exits 1 when a running bot is closed with 4004 (the token was reset)', async () => {
    const discord = new FakeDiscord({ guilds: [guild], heartbeatIntervalMs: 1_000 });
    const bot = await boot(discord);
    await eventually(async () => (await bot.health())?.status === 200, 45_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${bot.tail()}`);
    });

    discord.closeGateway(4004);
    const exit = await withTimeout(bot.exited, 30_000, () => bot.tail());

    expect(exit).toEqual({ code: 1, signal: null });
    expect(refusal(bot)).toHaveLength(1);
    expect(bot.allText().filter((line) => UNHANDLED.test(line))).toEqual([]);
  }, 90_000);
});

/**
 * Builds `dist/` when it is missing or older than the sources (CI's test jobs do not all build first);
 * the drill is about the bundle production runs, not the TypeScript sources.
 */
let buildChecked = false;
function ensureProductionBuild(): void {
  // Once per file: both groups of drills run the same bundle.
  if (buildChecked) return;
  buildChecked = true;
  if (existsSync(DIST_MAIN) && statSync(DIST_MAIN).mtimeMs >= newestSourceMtime()) return;
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', timeout: 280_000 });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
}

function newestSourceMtime(): number {
  let newest = 0;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !/\.(e2e-|int-|real-)?spec\.ts$/.test(entry.name)) {
        newest = Math.max(newest, statSync(path).mtimeMs);
      }
    }
  };
  for (const dir of [
    'apps/accord/src',
    'libs/core/src',
    'libs/contracts/src',
    'libs/track-identity/src',
    'libs/recommender/src',
  ]) {
    if (existsSync(join(ROOT, dir))) walk(join(ROOT, dir));
  }
  return newest;
}

function parseLine(line: string): LogLine {
  if (line.startsWith('{')) {
    try {
      return JSON.parse(line) as LogLine;
    } catch {
      // fall through: kept as raw text
    }
  }
  return { level: 'raw', message: line };
}

function lines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (!stream) return;
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line) onLine(line);
      newline = buffered.indexOf('\n');
    }
  });
}

async function withTimeout<T>(promise: Promise<T>, ms: number, detail: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`not within ${ms} ms:\n${detail()}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
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
