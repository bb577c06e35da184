// Hostile bodies against the real HTTP server, in this process on the fakes: how long the answer to
// an 800 kB body of 400,000 nested arrays takes (POST /api/v1/auth/password, no session), and how
// long GET /api/v1/health takes while three clients keep sending such bodies.
import { startTestServer, withDatabaseName } from '@accord/testkit/db';
import { FakeDiscord } from '@accord/testkit/discord';
import { GuildFactory } from '@accord/testkit/factories';
import { FakeLavalinkNode } from '@accord/testkit/lavalink';
import { createApp } from '../apps/accord/src/bootstrap';
import { loadConfig } from '../apps/accord/src/config/app-config';
import { createLogger } from '../apps/accord/src/logging/logger.factory';
import { LavalinkService } from '../apps/accord/src/adapters/lavalink/lavalink.service';
import { percentile, round, type BenchResult } from './bench-result';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GaBcDe.fake-token-for-the-bench-only-0000000';
const DEPTH = 400_000;
const DEEP_REQUESTS = 100;
const ATTACKERS = 3;
const HEALTH_REQUESTS = 200;

export async function run(): Promise<BenchResult[]> {
  const database = await startTestServer();
  const guild = GuildFactory.create();
  const discord = new FakeDiscord({ guilds: [guild], heartbeatIntervalMs: 5_000 });
  const lavalink = new FakeLavalinkNode({ name: 'bench', password: 'bench-password' });
  await Promise.all([discord.start(), lavalink.start()]);
  const parsed = loadConfig({
    NODE_ENV: 'production',
    DISCORD_TOKEN: TOKEN,
    DISCORD_CLIENT_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    MONGODB_URI: withDatabaseName(database.uri, 'accord_deep_json_bench'),
    LAVALINK_NODES: `bench:bench-password@${lavalink.url}`,
    HTTP_PORT: '0',
    HTTP_HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    LOG_TO_FILE: 'false',
    ADMIN_SESSION_SECRET: 'a-session-secret-for-the-bench-only-0123456789',
    ADMIN_PASSWORD: 'bench password',
  });
  if (!parsed.ok) throw new Error(`deep-json bench config: ${parsed.detail}`);
  const { logger, ring } = createLogger(parsed.value);
  const app = await createApp({ config: parsed.value, logger, ring });
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  const deep = `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`;
  const attack = async (): Promise<number> => {
    const started = performance.now();
    const response = await fetch(`${base}/api/v1/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: deep,
    });
    await response.arrayBuffer();
    if (![400, 413, 429].includes(response.status)) throw new Error(`deep body answered ${response.status}`);
    return performance.now() - started;
  };
  try {
    await until(() => app.get(LavalinkService).isAvailable());

    // --- one deep body at a time -------------------------------------------------------------------
    const deepMs: number[] = [];
    for (let request = 0; request < DEEP_REQUESTS; request += 1) deepMs.push(await attack());

    // --- the health check while three clients keep sending them -------------------------------------
    let attacking = true;
    const attackers = Array.from({ length: ATTACKERS }, async () => {
      while (attacking) await attack();
    });
    const healthMs: number[] = [];
    try {
      for (let request = 0; request < HEALTH_REQUESTS; request += 1) {
        const started = performance.now();
        const response = await fetch(`${base}/api/v1/health`);
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`health answered ${response.status} under attack`);
        healthMs.push(performance.now() - started);
      }
    } finally {
      attacking = false;
      await Promise.all(attackers);
    }

    return [
      { name: 'api.deep_json.p99_ms', value: round(percentile(deepMs, 99), 2), unit: 'ms', better: 'lower' },
      {
        name: 'api.health_under_attack.p99_ms',
        value: round(percentile(healthMs, 99), 2),
        unit: 'ms',
        better: 'lower',
      },
    ];
  } finally {
    await app.close();
    logger.close();
    await Promise.all([discord.stop(), lavalink.stop()]);
    await database.stop();
  }
}

async function until(probe: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('deep-json bench: condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
