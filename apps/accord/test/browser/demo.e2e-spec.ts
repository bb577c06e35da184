import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import {
  DESKTOP,
  describeInBrowser,
  freePort,
  newContext,
  openPanel,
  screenshot,
  shows,
  type HeadlessChromium,
} from './support/browser';

const ROOT = resolve(__dirname, '../../../..');
const LINK = /http:\/\/127\.0\.0\.1:\d+\/api\/v1\/auth\/link\?token=[A-Za-z0-9_-]{43}/;

/** The processes under `root` (children, their children, ...), from `ps`. */
function descendants(root: number): Array<{ pid: number; args: string }> {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ pid: Number(match[1]), ppid: Number(match[2]), args: match[3] }));
  const found: Array<{ pid: number; args: string }> = [];
  const walk = (parent: number): void => {
    for (const row of rows.filter((candidate) => candidate.ppid === parent)) {
      found.push({ pid: row.pid, args: row.args });
      walk(row.pid);
    }
  };
  walk(root);
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describeInBrowser('npm run demo: Accord without Discord, signed in with its link (headless Chromium)', () => {
  let demo: ChildProcess;
  let output = '';
  let chromium: HeadlessChromium;
  let page: Page;
  let link: string;

  const printed = (pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> =>
    new Promise((resolveMatch, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the demo did not print ${pattern} in time:\n${output}`)),
        timeoutMs,
      );
      const check = (): void => {
        const match = pattern.exec(output);
        if (!match) return;
        clearTimeout(timer);
        demo.stdout?.off('data', check);
        resolveMatch(match);
      };
      demo.stdout?.on('data', check);
      demo.once('exit', () => reject(new Error(`the demo exited:\n${output}`)));
      check();
    });

  beforeAll(async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DEMO_PORT: String(port),
      // No bot build in a test run: the bot runs from source, as the other process specs run it.
      DEMO_BOT: 'source',
      DEMO_SPEED: '12',
      DEMO_EVENT_MS: '3000',
      // The fake Lavalink (the real one, where Java is, takes a minute to make its songs).
      DEMO_LAVALINK: 'fake',
    };
    // The demo starts its own FerretDB, as `npm run demo` does on a developer's machine.
    delete env.MONGODB_URI;
    // Its own process group, so the spec can press "Ctrl+C" on it as a terminal would.
    demo = spawn(process.execPath, ['-r', require.resolve('@swc-node/register'), join(ROOT, 'tools/demo/main.ts')], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    demo.stdout?.setEncoding('utf8');
    demo.stdout?.on('data', (chunk: string) => (output += chunk));
    demo.stderr?.setEncoding('utf8');
    demo.stderr?.on('data', (chunk: string) => (output += chunk));
    link = (await printed(LINK, 100_000))[0];
    ({ chromium, page } = await openPanel(new URL(link).origin));
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
    if (demo?.exitCode === null && demo.pid) process.kill(-demo.pid, 'SIGKILL');
  });

  it('prints a one-time link that opens the demo server page, signed in as its owner', async () => {
    expect(output).toContain('Open the panel as Ana, the server owner');
    await page.goto(link);
    await page.waitForURL(/\/guilds\/\d+$/);
    await shows(page.locator('h1, h2'), 'Accord Demo');
    await shows(page.locator('.user-name'), 'Ana');
    await shows(page.getByTestId('listeners'), 'Ben');
  });

  it('shows autoplay picking for the room: whose turn and why', async () => {
    await shows(page.getByTestId('np-reason'), /Ana|Ben|Cy|Dee|Eli|Fay/, 60_000);
    await screenshot(page, 'desktop-demo-guild', { docs: 'demo-guild' });
    // The demo logs each event in one line: listeners' actions and what plays.
    expect(output).toMatch(/\d\d:\d\d:\d\d {2}Ana turned autoplay on/);
    expect(output).toMatch(/\d\d:\d\d:\d\d {2}▶ /);
  }, 90_000);

  it('refuses the same link a second time', async () => {
    const context = await newContext(chromium.browser, DESKTOP, new URL(link).origin);
    const other = await context.newPage();
    await other.goto(link);
    await other.waitForURL('**/login?error=SIGN_IN_LINK_INVALID');
    await shows(other.locator('main'), 'That sign-in link was used already or has expired');
    await context.close();
  });

  it('stops everything on Ctrl+C and leaves no process behind', async () => {
    const started = descendants(demo.pid!);
    expect(started.some((process) => process.args.includes('apps/accord/src/main.ts'))).toBe(true);
    expect(started.some((process) => process.args.includes('accord-testdb'))).toBe(true);
    const exited = new Promise<number | null>((done) => demo.once('exit', (code) => done(code)));

    process.kill(-demo.pid!, 'SIGINT');

    expect(await exited).toBe(0);
    expect(output).toContain('Stopped. Nothing of the demo is left running.');
    expect(started.filter((process) => alive(process.pid))).toEqual([]);
  }, 40_000);
});
