// Where the idle bot's memory goes: boots the production build (dist/apps/accord/main.js) as its
// own process against the testkit fakes, as bench/process.bench.ts does, waits until it is idle,
// then asks tools/memory/probe.cjs (preloaded) for its memory figures before and after a full GC and
// for a heap snapshot, and summarises the snapshot by package (tools/memory/heap-by-module.ts).
//   node -r @swc-node/register tools/memory/idle-profile.ts [--no-snapshot] [--settle-ms=N] [--env=KEY=VALUE]
//     [-- NODE_FLAGS...]
// Without `--`, the bot runs with the flags of the image's CMD (docker/Dockerfile); `--` alone runs it bare.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, withDatabaseName } from '@accord/testkit/db';
import { FakeDiscord } from '@accord/testkit/discord';
import { GuildFactory } from '@accord/testkit/factories';
import { FakeLavalinkNode } from '@accord/testkit/lavalink';
import { imageNodeFlags } from '../../bench/image-node-flags';
import { summariseSnapshot } from './heap-by-module';
import { freePort, healthy } from '../../bench/local-bot';

const root = join(__dirname, '..', '..');
const MAIN = join(root, 'dist', 'apps', 'accord', 'main.js');
const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GaBcDe.fake-token-for-the-bench-only-0000000';
/** As bench/process.bench.ts: memory 5 s after the bot is healthy, unless `--settle-ms=N`. */
const DEFAULT_SETTLE_MS = 5_000;

/** Resident kB per kind of mapping: the node binary and libraries, the malloc heap, anonymous maps. */
function residentByMapping(pid: number): Record<string, number> {
  const totals: Record<string, number> = {};
  let kind = 'anonymous';
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const mapping = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping) {
      const path = mapping[1].trim();
      kind =
        path === ''
          ? 'anonymous'
          : path.startsWith('[')
            ? path
            : path.includes('node') && !path.endsWith('.so')
              ? 'node binary'
              : 'file';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) totals[kind] = (totals[kind] ?? 0) + Math.round((Number(rss[1]) / 1024) * 10) / 10;
  }
  return Object.fromEntries(Object.entries(totals).map(([name, mb]) => [name, Math.round(mb * 10) / 10]));
}

function vmRssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return Math.round((kb / 1024) * 10) / 10;
}

async function main(): Promise<void> {
  if (!existsSync(MAIN)) throw new Error('dist/apps/accord/main.js is missing: run `npm run build` first');
  const args = process.argv.slice(2);
  const separator = args.indexOf('--');
  const nodeFlags = separator >= 0 ? args.slice(separator + 1) : imageNodeFlags();
  const withSnapshot = !args.includes('--no-snapshot');
  const settleArg = args.find((arg) => arg.startsWith('--settle-ms='));
  const settleMs = settleArg ? Number(settleArg.split('=')[1]) : DEFAULT_SETTLE_MS;
  const extraEnv = Object.fromEntries(
    args
      .slice(0, separator >= 0 ? separator : undefined)
      .filter((arg) => arg.startsWith('--env='))
      .map((arg) => {
        const [key, ...value] = arg.slice('--env='.length).split('=');
        return [key, value.join('=')];
      }),
  );
  const out = join(tmpdir(), `accord-probe-${process.pid}.json`);
  const snapshotFile = join(tmpdir(), `accord-idle-${process.pid}.heapsnapshot`);

  const database = await startTestServer();
  const guild = GuildFactory.create();
  const discord = new FakeDiscord({ guilds: [guild], heartbeatIntervalMs: 5_000 });
  const lavalink = new FakeLavalinkNode({ name: 'bench', password: 'bench-password' });
  await Promise.all([discord.start(), lavalink.start()]);
  const port = await freePort();
  const child = spawn(process.execPath, ['--expose-gc', ...nodeFlags, '-r', join(__dirname, 'probe.cjs'), MAIN], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: discord.applicationId,
      DISCORD_DEV_GUILD_ID: guild.id,
      DISCORD_API_URL: discord.apiUrl,
      MONGODB_URI: withDatabaseName(database.uri, 'accord_memory'),
      LAVALINK_NODES: `bench:bench-password@${lavalink.url}`,
      HTTP_PORT: String(port),
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      LOG_TO_FILE: 'false',
      ACCORD_PROBE_OUT: out,
      ...(withSnapshot ? { ACCORD_PROBE_SNAPSHOT: snapshotFile } : {}),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const deadline = Date.now() + 60_000;
    while (!(await healthy(port))) {
      if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode} during boot`);
      if (Date.now() > deadline) throw new Error('the bot did not become healthy within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const rssTimeline: Array<{ afterMs: number; rssMb: number }> = [];
    for (let waited = 0; waited < settleMs; waited += 1_000) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, settleMs - waited)));
      rssTimeline.push({ afterMs: Math.min(waited + 1_000, settleMs), rssMb: vmRssMb(child.pid!) });
    }
    const idleRssMb = vmRssMb(child.pid!);
    const residentMb = residentByMapping(child.pid!);
    rmSync(out, { force: true });
    child.kill('SIGUSR2');
    const probeDeadline = Date.now() + 60_000;
    while (!existsSync(out) || readFileSync(out, 'utf8').length === 0) {
      if (Date.now() > probeDeadline) throw new Error('the probe did not answer within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const probe = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    process.stdout.write(
      `${JSON.stringify({ nodeFlags, extraEnv, settleMs, idleRssMb, rssTimeline, residentMb, ...probe }, null, 2)}\n`,
    );
    if (withSnapshot) {
      process.stdout.write(`\n${summariseSnapshot(readFileSync(snapshotFile, 'utf8'))}\n`);
      process.stdout.write(`snapshot kept at ${snapshotFile}\n`);
    }
  } finally {
    rmSync(out, { force: true });
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await Promise.all([discord.stop(), lavalink.stop()]);
    await database.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
