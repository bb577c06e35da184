import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where the Lavalink 4.2.2 jar is read from: `LAVALINK_JAR`, else `../shared/lavalink/Lavalink.jar`. */
export function lavalinkJarPath(): string {
  return process.env.LAVALINK_JAR ?? resolve(__dirname, '../../../../../shared/lavalink/Lavalink.jar');
}

/** The `java` that runs the jar: `LAVALINK_JAVA`, else `$JAVA_HOME/bin/java`, else `java` on PATH. */
export function javaPath(): string {
  if (process.env.LAVALINK_JAVA) return process.env.LAVALINK_JAVA;
  if (process.env.JAVA_HOME) return join(process.env.JAVA_HOME, 'bin', 'java');
  return 'java';
}

export type RealLavalinkAvailability = { ok: true } | { ok: false; reason: string };

let availability: RealLavalinkAvailability | undefined;

/** JVMs still running; killed when this process exits, so a crashed test run leaves none behind. */
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

function track(child: ChildProcess): void {
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const running of liveChildren) running.kill('SIGKILL');
  });
}

/** Whether this machine can run the real tier (Java 17+, the jar, ffmpeg for the media); cached per process. */
export function realLavalinkAvailability(): RealLavalinkAvailability {
  if (availability) return availability;
  const jar = lavalinkJarPath();
  if (!existsSync(jar)) {
    availability = { ok: false, reason: `no Lavalink jar at ${jar} (set LAVALINK_JAR)` };
    return availability;
  }
  const probe = spawnSync(javaPath(), ['-version'], { encoding: 'utf8' });
  const version = /version "(\d+)/.exec(`${probe.stderr ?? ''}${probe.stdout ?? ''}`);
  if (probe.error || !version) {
    availability = { ok: false, reason: `no Java found (${javaPath()})` };
  } else if (Number(version[1]) < 17) {
    availability = { ok: false, reason: `Java ${version[1]} is too old for Lavalink 4 (17+)` };
  } else if (spawnSync('ffmpeg', ['-hide_banner', '-version']).status !== 0) {
    availability = { ok: false, reason: 'ffmpeg is not installed (Debian: apt-get install ffmpeg)' };
  } else {
    availability = { ok: true };
  }
  return availability;
}

/**
 * `describe` for specs that need the real node: skipped with a one-line note when Java or the jar
 * is missing locally; in CI (`CI=true`) a missing prerequisite fails the file instead.
 */
export function describeWithRealLavalink(name: string, body: () => void): void {
  const found = realLavalinkAvailability();
  if (found.ok) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('has the real Lavalink node it needs', () => {
        throw new Error(`Real Lavalink tier cannot run in CI: ${found.reason}`);
      });
    });
  } else {
    process.stderr.write(`Skipping "${name}" (real Lavalink tier): ${found.reason}\n`);
    describe.skip(name, body);
  }
}

/** Where tools/bench-search-plugin/build.sh puts the test-only search plugin. */
export function benchSearchPluginDir(): string {
  return resolve(__dirname, '../../../../tools/bench-search-plugin/build/plugins');
}

let pluginBuild: Promise<string> | undefined;

/** Whether the built plugin jar is older than one of its sources (or missing). */
function benchSearchPluginStale(): boolean {
  const jar = join(benchSearchPluginDir(), 'accord-bench-search.jar');
  if (!existsSync(jar)) return true;
  const built = statSync(jar).mtimeMs;
  const sources = resolve(__dirname, '../../../../tools/bench-search-plugin');
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((entry) =>
        entry.isDirectory() ? newest(join(dir, entry.name)) : statSync(join(dir, entry.name)).mtimeMs,
      ),
    );
  return Math.max(newest(join(sources, 'src')), newest(join(sources, 'resources'))) > built;
}

/**
 * The folder holding the bench search plugin, built with `tools/bench-search-plugin/build.sh` first
 * when it is not there or older than its sources (CI builds it in `.ci/run`; needs a JDK's javac).
 */
export function ensureBenchSearchPlugin(): Promise<string> {
  pluginBuild ??= new Promise((done, fail) => {
    const dir = benchSearchPluginDir();
    if (!benchSearchPluginStale()) return done(dir);
    const script = resolve(__dirname, '../../../../tools/bench-search-plugin/build.sh');
    const build = spawn('bash', [script], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    build.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    build.once('exit', (code) => {
      if (code === 0) done(dir);
      else fail(new Error(`Building the bench search plugin failed:\n${stderr}`));
    });
  });
  return pluginBuild;
}

/** A free TCP port on loopback (the kernel's pick; released before the caller binds it). */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

export interface RealLavalinkNodeOptions {
  /** Node name handed to shoukaku (default `real-lavalink`). */
  name?: string;
  password?: string;
  /** Fixed port; a free one is picked when omitted. */
  port?: number;
  /** `playerUpdateInterval` in seconds (default 1, so tests see positions quickly). */
  playerUpdateIntervalSeconds?: number;
  /** PKCS12 trust store the JVM uses for TLS (the fake voice server's CA). */
  trustStore?: { path: string; password: string };
  /** A folder whose jars Lavalink loads as plugins (default: an empty one in its working directory). */
  pluginsDir?: string;
  /** The bench media server the search plugin asks (sets ACCORD_BENCH_CATALOGUE_URL for the JVM). */
  catalogueUrl?: string;
  /**
   * `frameBufferDurationMs` (default 5000, Lavalink's). Filter changes reach the voice endpoint
   * only once the frames already in this buffer are sent, so audio specs use a smaller one.
   */
  frameBufferDurationMs?: number;
  /** Extra keys under `lavalink.server` (merged as YAML lines, e.g. `bufferDurationMs: 400`). */
  serverYaml?: string[];
  /** Extra top-level YAML appended to application.yml (e.g. a plugin's settings). */
  extraYaml?: string;
  /** Heap limit (default `-Xmx256m`). */
  maxHeap?: string;
  /** How long `start` waits for `/version` (default 60 s). */
  startTimeoutMs?: number;
}

export interface LavalinkLogLine {
  time: number;
  line: string;
}

/**
 * The real Lavalink 4.2.2 server as a child JVM on a loopback port, with a generated
 * `application.yml` (http and local sources only) in its own temporary working directory.
 */
export class RealLavalinkNode {
  readonly name: string;
  readonly password: string;
  /** Every line the JVM printed (stdout and stderr), in order. */
  readonly log: LavalinkLogLine[] = [];

  private child: ChildProcess | undefined;
  private exited: Promise<number | null> | undefined;
  private workDir: string | undefined;
  private chosenPort: number | undefined;

  constructor(private readonly options: RealLavalinkNodeOptions = {}) {
    this.name = options.name ?? 'real-lavalink';
    this.password = options.password ?? 'youshallnotpass';
    this.chosenPort = options.port;
  }

  get host(): string {
    return '127.0.0.1';
  }

  get port(): number {
    if (this.chosenPort === undefined) throw new Error('RealLavalinkNode has not been started');
    return this.chosenPort;
  }

  /** `host:port`, as shoukaku's NodeOption.url wants it. */
  get url(): string {
    return `${this.host}:${this.port}`;
  }

  get baseUrl(): string {
    return `http://${this.url}`;
  }

  get nodeOption(): { name: string; url: string; auth: string } {
    return { name: this.name, url: this.url, auth: this.password };
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the JVM and resolves once `/version` answers (rejects if it exits or times out). */
  async start(): Promise<void> {
    if (this.running) throw new Error('RealLavalinkNode is already running');
    const found = realLavalinkAvailability();
    if (!found.ok) throw new Error(`RealLavalinkNode cannot start: ${found.reason}`);
    this.chosenPort ??= await freeLoopbackPort();
    this.workDir ??= await mkdtemp(join(tmpdir(), 'accord-lavalink-'));
    await writeFile(join(this.workDir, 'application.yml'), this.applicationYaml());
    await mkdir(join(this.workDir, 'plugins'), { recursive: true });

    const args = [
      this.options.maxHeap ?? '-Xmx256m',
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      '-Xshare:auto',
      ...(this.options.trustStore
        ? [
            `-Djavax.net.ssl.trustStore=${this.options.trustStore.path}`,
            `-Djavax.net.ssl.trustStorePassword=${this.options.trustStore.password}`,
            '-Djavax.net.ssl.trustStoreType=PKCS12',
          ]
        : []),
      '-jar',
      lavalinkJarPath(),
    ];
    const env = {
      ...process.env,
      ...(this.options.catalogueUrl ? { ACCORD_BENCH_CATALOGUE_URL: this.options.catalogueUrl } : {}),
    };
    const child = spawn(javaPath(), args, { cwd: this.workDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    track(child);
    this.exited = new Promise((done) => child.once('exit', (code) => done(code)));
    const collect = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim().length > 0) this.log.push({ time: Date.now(), line });
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);

    const deadline = Date.now() + (this.options.startTimeoutMs ?? 60_000);
    for (;;) {
      if (!this.running) throw new Error(`Lavalink exited during start:\n${this.tail(30)}`);
      if (await this.answersVersion()) return;
      if (Date.now() > deadline) {
        await this.kill();
        throw new Error(`Lavalink did not answer /version in time:\n${this.tail(30)}`);
      }
      await new Promise((done) => setTimeout(done, 200));
    }
  }

  /** SIGTERM and wait for the JVM to exit (SIGKILL after `graceMs`). */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.child?.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** SIGKILL: a crashed node (sockets reset, no close frames). */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** Stops the node if needed and removes its working directory. */
  async dispose(): Promise<void> {
    await this.kill();
    if (this.workDir) await rm(this.workDir, { recursive: true, force: true });
    this.workDir = undefined;
  }

  /** A REST call with the node's password, as a client would make it. */
  async request(
    method: string,
    path: string,
    options: { body?: unknown; password?: string | null } = {},
  ): Promise<{ status: number; body: unknown; text: string; headers: Headers }> {
    const headers: Record<string, string> = {};
    const password = options.password === undefined ? this.password : options.password;
    if (password !== null) headers.Authorization = password;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text.length > 0 ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      // plain text (e.g. /version)
    }
    return { status: response.status, body, text, headers: response.headers };
  }

  /** Log lines matching `pattern`. */
  logLines(pattern: RegExp): string[] {
    return this.log.map((entry) => entry.line).filter((line) => pattern.test(line));
  }

  /** The last `count` log lines, joined (for error messages). */
  tail(count: number): string {
    return this.log
      .slice(-count)
      .map((entry) => entry.line)
      .join('\n');
  }

  private async answersVersion(): Promise<boolean> {
    try {
      const response = await fetch(`${this.baseUrl}/version`, {
        headers: { Authorization: this.password },
        signal: AbortSignal.timeout(2_000),
      });
      return response.ok;
    } catch {
      return false;
    }
  }

  private applicationYaml(): string {
    const serverLines = [
      `password: "${this.password}"`,
      'sources:',
      '  youtube: false',
      '  bandcamp: false',
      '  soundcloud: false',
      '  twitch: false',
      '  vimeo: false',
      '  nico: false',
      '  http: true',
      '  local: true',
      'bufferDurationMs: 400',
      `frameBufferDurationMs: ${this.options.frameBufferDurationMs ?? 5000}`,
      `playerUpdateInterval: ${this.options.playerUpdateIntervalSeconds ?? 1}`,
      ...(this.options.serverYaml ?? []),
    ];
    return [
      'server:',
      `  port: ${this.port}`,
      `  address: ${this.host}`,
      'lavalink:',
      `  pluginsDir: "${this.options.pluginsDir ?? './plugins'}"`,
      '  server:',
      ...serverLines.map((line) => `    ${line}`),
      'logging:',
      '  file:',
      '    path: ./logs/',
      '  level:',
      '    root: INFO',
      '    lavalink: INFO',
      this.options.extraYaml ?? '',
      '',
    ].join('\n');
  }
}
