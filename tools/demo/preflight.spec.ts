import { mkdtempSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOutdated, demoPort, planDatabase, portFree } from './preflight';

describe('demo preflight', () => {
  describe(portFree.name, () => {
    let busy: Server;
    let port: number;
    beforeAll(async () => {
      busy = createServer();
      await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
      port = (busy.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

    it('names the busy port and says how to choose another', async () => {
      const check = await portFree(port);
      expect(check).toEqual({
        ok: false,
        problem: expect.stringContaining(`Port ${port} is in use by another program`) as string,
      });
      expect(!check.ok && check.problem).toContain(`DEMO_PORT=${port + 1} npm run demo`);
    });

    it('passes a free port', async () => {
      await new Promise<void>((resolve) => busy.close(() => resolve()));
      expect(await portFree(port)).toEqual({ ok: true });
      busy = createServer();
    });
  });

  it.each([
    [undefined, { ok: true, port: 3000 }],
    ['4100', { ok: true, port: 4100 }],
    ['http', { ok: false, problem: 'DEMO_PORT must be a port number (1-65535), not "http".' }],
    ['70000', { ok: false, problem: 'DEMO_PORT must be a port number (1-65535), not "70000".' }],
  ])('reads DEMO_PORT=%s', (value, expected) => {
    expect(demoPort(value)).toEqual(expected);
  });

  describe(planDatabase.name, () => {
    const missingBinary = '/nowhere/accord-testdb';

    it('uses MONGODB_URI when it is set', () => {
      expect(
        planDatabase({ mongodbUri: 'mongodb://db:27017', ferretDbBinary: missingBinary, goAvailable: false }),
      ).toEqual({ kind: 'external', uri: 'mongodb://db:27017' });
    });

    it('builds FerretDB first when Go is here and the binary is not', () => {
      expect(planDatabase({ ferretDbBinary: missingBinary, goAvailable: true })).toEqual({
        kind: 'ferretdb',
        build: true,
      });
    });

    it('says what to install, or which variable to set, without Go', () => {
      const plan = planDatabase({ ferretDbBinary: missingBinary, goAvailable: false });
      expect(plan.kind).toBe('missing');
      const problem = plan.kind === 'missing' ? plan.problem : '';
      expect(problem).toContain('Go 1.24 or newer');
      expect(problem).toContain('https://go.dev/dl/');
      expect(problem).toContain('npm run testdb:build');
      expect(problem).toContain('MONGODB_URI=mongodb://127.0.0.1:27017 npm run demo');
    });
  });

  describe(buildOutdated.name, () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'demo-preflight-'));
      mkdirSync(join(dir, 'src/deep'), { recursive: true });
      writeFileSync(join(dir, 'src/deep/a.ts'), 'a');
      writeFileSync(join(dir, 'out.js'), 'built');
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('is outdated when the output is missing or older than a source file', () => {
      expect(buildOutdated(join(dir, 'missing.js'), [join(dir, 'src')])).toBe(true);
      utimesSync(join(dir, 'out.js'), new Date(1_000_000), new Date(1_000_000));
      expect(buildOutdated(join(dir, 'out.js'), [join(dir, 'src')])).toBe(true);
    });

    it('is current when the output is newer than every source file', () => {
      utimesSync(join(dir, 'src/deep/a.ts'), new Date(1_000_000), new Date(1_000_000));
      expect(buildOutdated(join(dir, 'out.js'), [join(dir, 'src')])).toBe(false);
    });
  });
});
