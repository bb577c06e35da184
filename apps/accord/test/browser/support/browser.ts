import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

const ROOT = resolve(__dirname, '../../../../..');
const PANEL_INDEX = join(ROOT, 'dist/apps/panel/index.html');
export const SCREENSHOT_DIR = join(ROOT, 'test-output/screenshots');
/** The README's pictures, rewritten only when `ACCORD_UPDATE_SCREENSHOTS=1`. */
export const DOCS_SCREENSHOT_DIR = join(ROOT, 'docs/screenshots');
const DOCS_MAX_BYTES = 200 * 1024;

/** Debian's Chromium (`apt-get install chromium`); playwright-core never downloads a browser here. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path): path is string => !!path && existsSync(path)) ?? null;
}

/**
 * Browser specs run when Chromium is installed. Without it they are skipped on a developer's
 * machine (with a note saying how to install it) and fail in CI, where it must be present.
 */
export function browserSpecsEnabled(): boolean {
  if (findChromium()) return true;
  if (process.env.CI) {
    throw new Error('Chromium is missing: CI must install it (apt-get install -y chromium) for the browser specs.');
  }
  process.stderr.write(
    'Skipping the browser specs: no Chromium at /usr/bin/chromium (apt-get install -y chromium, or set CHROMIUM_PATH).\n',
  );
  return false;
}

/** `describe` where Chromium is installed, else `describe.skip` (see `browserSpecsEnabled`). */
export function describeInBrowser(name: string, body: () => void): void {
  (browserSpecsEnabled() ? describe : describe.skip)(name, body);
}

/** The specs test the built panel: build it once when `dist/apps/panel` has none. */
export function ensurePanelBuilt(): void {
  if (existsSync(PANEL_INDEX)) return;
  try {
    execFileSync('npm', ['run', 'build:panel'], { cwd: ROOT, stdio: 'pipe', timeout: 120_000 });
  } catch (error) {
    const output = (error as { stdout?: Buffer; stderr?: Buffer }).stdout?.toString() ?? '';
    throw new Error(`The panel is not built and \`npm run build:panel\` failed:\n${output}\n${String(error)}`, {
      cause: error,
    });
  }
  if (!existsSync(PANEL_INDEX)) throw new Error(`\`npm run build:panel\` did not produce ${PANEL_INDEX}`);
}

/** A port nobody listens on now, so `PUBLIC_URL` (the OAuth redirect) can be known before the app boots. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export interface HeadlessChromium {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<HeadlessChromium> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium is not installed');
  // No --user-data-dir here: playwright refuses it in `launch()`, and gives every launch a fresh
  // temporary profile of its own (playwright_chromiumdev_profile-*), removed on close.
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

export const DESKTOP = { viewport: { width: 1280, height: 860 } };
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

/** A fresh browser profile; `locale` is what the page reads as `navigator.languages` (the panel's first language). */
export async function newContext(
  browser: Browser,
  device: typeof DESKTOP | typeof PHONE,
  baseURL: string,
  colorScheme: 'light' | 'dark' = 'light',
  locale = 'en-US',
): Promise<BrowserContext> {
  const context = await browser.newContext({ ...device, baseURL, colorScheme, locale });
  context.setDefaultTimeout(10_000);
  return context;
}

/** Headless Chromium with one desktop page on the panel at `base` (the app's origin). */
export async function openPanel(
  base: string,
): Promise<{ chromium: HeadlessChromium; context: BrowserContext; page: Page }> {
  const headless = await launchChromium();
  const context = await newContext(headless.browser, DESKTOP, base);
  return { chromium: headless, context, page: await context.newPage() };
}

/**
 * Collects what goes wrong in the page into `errors`: uncaught errors, and unless `console` is
 * false, the errors it logs to the console.
 */
export function watchErrors(page: Page, errors: string[], options: { console?: boolean } = {}): void {
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  if (options.console === false) return;
  page.on('console', (message) => {
    // Chromium logs every non-2xx answer as "Failed to load resource"; the panel shows those itself.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(`console: ${message.text()}`);
    }
  });
}

/** Waits for the element to show the text (playwright-core has no `expect`). */
export async function shows(locator: Locator, text: string | RegExp, timeout?: number): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ state: 'visible', timeout });
}

/** "Log in with Discord" from the login page, back on the overview at `base` (the fake Discord approves at once). */
export async function signIn(page: Page, base: string): Promise<void> {
  await page.goto('/');
  await page.waitForURL('**/login');
  await page.getByRole('link', { name: 'Log in with Discord' }).click();
  await page.waitForURL(`${base}/`);
}

/**
 * `test-output/screenshots/<name>.png`, the full page, for a reviewer to look at. With `docs` and
 * `ACCORD_UPDATE_SCREENSHOTS=1`, also `docs/screenshots/<docs>.png` for the README: the first
 * screen only, one pixel per CSS pixel, so each file stays small.
 */
export async function screenshot(page: Page, name: string, options: { docs?: string } = {}): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // From the top: a full-page capture of a scrolled page draws the sticky header mid-page.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true, animations: 'disabled' });
  if (!options.docs || process.env.ACCORD_UPDATE_SCREENSHOTS !== '1') return;
  mkdirSync(DOCS_SCREENSHOT_DIR, { recursive: true });
  const path = join(DOCS_SCREENSHOT_DIR, `${options.docs}.png`);
  await page.screenshot({ path, scale: 'css', animations: 'disabled' });
  const size = statSync(path).size;
  if (size > DOCS_MAX_BYTES) throw new Error(`${path} is ${Math.round(size / 1024)} KB, more than the README's 200 KB`);
}
