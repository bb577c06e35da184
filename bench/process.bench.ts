// Boots the production build (dist/apps/accord/main.js) as its own process against the fakes and
// the test database: time from spawn to a healthy bot, and its resident memory once idle. The bot
// runs with the Node flags the image starts it with (docker/Dockerfile's CMD), as it runs shipped.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestServer, withDatabaseName } from '@accord/testkit/db';
import { FakeDiscord } from '@accord/testkit/discord';
import {
  GuildFactory,
  MemberFactory,
  TextChannelFactory,
  UserFactory,
  VoiceChannelFactory,
} from '@accord/testkit/factories';
import { FakeLavalinkNode, generateTracks } from '@accord/testkit/lavalink';
import { percentile, round, type BenchResult } from './bench-result';
import { imageNodeFlags } from './image-node-flags';
import { freePort, healthy } from './local-bot';

const MAIN = join(__dirname, '..', 'dist', 'apps', 'accord', 'main.js');
const BOOTS = 5;
const IDLE_SETTLE_MS = 5_000;
const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GaBcDe.fake-token-for-the-bench-only-0000000';

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
  return kb / 1024;
}

/** SIGTERM and wait for the exit; returns how long the graceful shutdown took (ms). */
async function stop(child: ChildProcess): Promise<number> {
  if (child.exitCode !== null) return 0;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const started = performance.now();
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
  return performance.now() - started;
}

function botEnv(
  discord: FakeDiscord,
  lavalink: FakeLavalinkNode,
  databaseUri: string,
  port: number,
): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    DISCORD_TOKEN: TOKEN,
    DISCORD_CLIENT_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    MONGODB_URI: databaseUri,
    LAVALINK_NODES: `bench:bench-password@${lavalink.url}`,
    HTTP_PORT: String(port),
    HTTP_HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    LOG_TO_FILE: 'false',
  };
}

/** 50 guilds, each with a listener in voice who asked for a song: memory with 50 players. */
async function fiftyGuildsRss(databaseUri: string): Promise<{ rssMb: number; shutdownMs: number }> {
  const tracks = generateTracks({ count: 50, seed: 5 });
  const rooms = tracks.map(() => {
    const user = UserFactory.create();
    const text = TextChannelFactory.create();
    const voice = VoiceChannelFactory.create();
    const guild = GuildFactory.create({
      channels: [text, voice],
      members: [MemberFactory.create({ user })],
      voiceStates: [{ userId: user.id, channelId: voice.id }],
    });
    return { guild, userId: user.id, textId: text.id };
  });
  const discord = new FakeDiscord({ guilds: rooms.map((room) => room.guild), heartbeatIntervalMs: 5_000 });
  const lavalink = new FakeLavalinkNode({ name: 'bench', password: 'bench-password', catalogue: tracks });
  await Promise.all([discord.start(), lavalink.start()]);
  const port = await freePort();
  const child = spawn(process.execPath, [...imageNodeFlags(), MAIN], {
    env: botEnv(discord, lavalink, databaseUri, port),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitUntil(() => healthy(port), 60_000, 'the bot did not become healthy');
    // Global registration (no dev guild): the commands exist for every guild once registered.
    await waitUntil(() => Promise.resolve(discord.registeredCommands().length > 0), 30_000, 'no commands registered');
    rooms.forEach((room, index) =>
      discord.slashCommand({
        guildId: room.guild.id,
        channelId: room.textId,
        userId: room.userId,
        name: 'play',
        options: { query: `${tracks[index].author} - ${tracks[index].title}` },
      }),
    );
    await waitUntil(
      () => Promise.resolve(rooms.every((room) => lavalink.player(room.guild.id)?.track)),
      120_000,
      'not every guild started playing',
    );
    await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
    const rss = rssMb(child.pid!);
    // 50 sessions to save on the way out.
    return { rssMb: rss, shutdownMs: await stop(child) };
  } finally {
    await stop(child);
    await Promise.all([discord.stop(), lavalink.stop()]);
  }
}

async function waitUntil(probe: () => Promise<boolean>, timeoutMs: number, message: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${message} within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function run(): Promise<BenchResult[]> {
  if (!existsSync(MAIN)) throw new Error('dist/apps/accord/main.js is missing: run `npm run build` first');
  const database = await startTestServer();
  const guild = GuildFactory.create();
  const discord = new FakeDiscord({ guilds: [guild], heartbeatIntervalMs: 5_000 });
  const lavalink = new FakeLavalinkNode({ name: 'bench', password: 'bench-password' });
  await Promise.all([discord.start(), lavalink.start()]);

  const bootMs: number[] = [];
  const shutdownMs: number[] = [];
  let idleRss = Number.NaN;
  try {
    for (let boot = 0; boot < BOOTS; boot += 1) {
      const port = await freePort();
      const started = performance.now();
      const child = spawn(process.execPath, [...imageNodeFlags(), MAIN], {
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'production',
          DISCORD_TOKEN: TOKEN,
          DISCORD_CLIENT_ID: discord.applicationId,
          DISCORD_DEV_GUILD_ID: guild.id,
          DISCORD_API_URL: discord.apiUrl,
          MONGODB_URI: withDatabaseName(database.uri, 'accord_bench'),
          LAVALINK_NODES: `bench:bench-password@${lavalink.url}`,
          HTTP_PORT: String(port),
          HTTP_HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          LOG_TO_FILE: 'false',
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
        bootMs.push(performance.now() - started);
        if (boot === BOOTS - 1) {
          await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
          idleRss = rssMb(child.pid!);
        }
      } finally {
        shutdownMs.push(await stop(child));
      }
    }
  } finally {
    await Promise.all([discord.stop(), lavalink.stop()]);
  }
  let fifty: { rssMb: number; shutdownMs: number };
  try {
    fifty = await fiftyGuildsRss(withDatabaseName(database.uri, 'accord_bench_50'));
  } finally {
    await database.stop();
  }
  return [
    { name: 'process.boot_to_ready_ms', value: round(percentile(bootMs, 50), 0), unit: 'ms', better: 'lower' },
    { name: 'process.idle.rss_mb', value: round(idleRss, 1), unit: 'MB', better: 'lower' },
    // SIGTERM to exit: sessions saved, web server, Discord, Lavalink and MongoDB closed.
    { name: 'process.shutdown_ms', value: round(percentile(shutdownMs, 50), 0), unit: 'ms', better: 'lower' },
    { name: 'process.50_guilds.rss_mb', value: round(fifty.rssMb, 1), unit: 'MB', better: 'lower' },
    { name: 'process.50_guilds.shutdown_ms', value: round(fifty.shutdownMs, 0), unit: 'ms', better: 'lower' },
  ];
}
