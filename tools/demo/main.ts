/**
 * `npm run demo`: Accord without Discord. Starts the test database, a fake Discord with a server
 * of simulated listeners, a fake Lavalink, and the production bot as a child process pointed at
 * them; prints a one-time sign-in link to the panel; Ctrl+C stops all of it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { dropTestDatabase, startTestServer, withDatabaseName, type TestServer } from '@accord/testkit/db';
import { seededRandom } from '@accord/recommender';
import { FakeDiscord } from '@accord/testkit/discord';
import {
  GuildFactory,
  MemberFactory,
  TextChannelFactory,
  UserFactory,
  VoiceChannelFactory,
} from '@accord/testkit/factories';
import { buildOutdated, demoPort, goAvailable, planDatabase, portFree } from './preflight';
import { lavalinkChoice, startFakeLavalink, startRealLavalink, type DemoLavalink } from './lavalink';
import { answerOf } from '../../apps/accord/test/support/interaction-answer';
import { ANSWER_TIMEOUT_MS, DemoRoom, nowPlayingEmbed, summary, type RoomMember } from './room';
import { LISTENERS, demoCatalogue } from './world';

const ROOT = resolve(__dirname, '../..');
const FERRETDB_BINARY = join(ROOT, 'tools/ferretdb/bin/accord-testdb');
const BOT_BUILD = join(ROOT, 'dist/apps/accord/main.js');
const PANEL_BUILD = join(ROOT, 'dist/apps/panel/index.html');
const PRELOAD = join(__dirname, 'bot-preload.ts');
const BOT_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GaBcDe.fake-token-for-the-demo-only-0000000';
const DATABASE_NAME = 'accord_demo';
const BOT_READY_MS = 120_000;
const BOT_STOP_MS = 15_000;
/** How long each song is on the real Lavalink (it plays in real time). */
const REAL_SONG_S = 90;
const LINK = /https?:\/\/\S+\/api\/v1\/auth\/link\?token=[A-Za-z0-9_-]+/;

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const event = (line: string): void => say(`${new Date().toISOString().slice(11, 19)}  ${line}`);

/** Everything the demo started, stopped in reverse order once. */
class Stack {
  private readonly steps: Array<{ what: string; stop: () => Promise<void> | void }> = [];
  private stopping: Promise<void> | null = null;

  add(what: string, stop: () => Promise<void> | void): void {
    this.steps.push({ what, stop });
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step.stop();
        } catch (error) {
          say(`  could not stop ${step.what}: ${String(error)}`);
        }
      }
    })();
    return this.stopping;
  }
}

async function main(): Promise<number> {
  const port = demoPort(process.env.DEMO_PORT);
  if (!port.ok) return fail(port.problem);
  const free = await portFree(port.port);
  if (!free.ok) return fail(free.problem);
  const database = planDatabase({
    mongodbUri: process.env.MONGODB_URI,
    ferretDbBinary: FERRETDB_BINARY,
    goAvailable: goAvailable(),
  });
  if (database.kind === 'missing') return fail(database.problem);

  const fromSource = process.env.DEMO_BOT === 'source';
  if (!fromSource && buildOutdated(BOT_BUILD, [join(ROOT, 'apps/accord/src'), join(ROOT, 'libs')])) {
    say('Building the bot (npm run build), since dist/apps/accord is missing or older than the source...');
    if (!run('npm', ['run', 'build'])) return fail('`npm run build` failed (output above).');
  }
  if (buildOutdated(PANEL_BUILD, [join(ROOT, 'apps/panel/src'), join(ROOT, 'libs/contracts/src')])) {
    say('Building the panel (npm run build:panel), since dist/apps/panel is missing or older than the source...');
    if (!run('npm', ['run', 'build:panel'])) return fail('`npm run build:panel` failed (output above).');
  }

  const stack = new Stack();
  let exiting = false;
  const shutDown = (signal: string): void => {
    if (exiting) return;
    exiting = true;
    say(`\n${signal}: stopping the bot, the fakes and the database...`);
    void stack.stop().then(() => {
      say('Stopped. Nothing of the demo is left running.');
      process.exit(0);
    });
  };
  process.on('SIGINT', () => shutDown('Ctrl+C'));
  process.on('SIGTERM', () => shutDown('SIGTERM'));

  const workDir = mkdtempSync(join(tmpdir(), 'accord-demo-'));
  stack.add('the work folder', () => rmSync(workDir, { recursive: true, force: true }));

  // The database.
  if (database.kind === 'ferretdb' && database.build) {
    say('Building the test database (FerretDB, tools/ferretdb) with Go: once, a few minutes...');
  }
  let server: TestServer;
  try {
    server = await startTestServer(database.kind === 'external' ? { MONGODB_URI: database.uri } : {});
  } catch (error) {
    await stack.stop();
    return fail(`The database did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  stack.add('the database', () => server.stop());
  const databaseUri = withDatabaseName(server.uri, DATABASE_NAME);
  if (server.kind === 'external') await dropTestDatabase(databaseUri);
  event(`Database: ${server.kind === 'external' ? `${DATABASE_NAME} on MONGODB_URI` : 'FerretDB (test database)'}`);

  // The fake Discord: a server, its owner and the listeners.
  const users = LISTENERS.map((listener) =>
    UserFactory.create({ username: listener.name.toLowerCase(), global_name: listener.name }),
  );
  const members: RoomMember[] = LISTENERS.map((listener, index) => ({ listener, user: users[index] }));
  const host = members[0];
  const text = TextChannelFactory.create({ name: 'music' });
  const voice = VoiceChannelFactory.create({ name: 'Listening Room' });
  const guild = GuildFactory.create({
    name: 'Accord Demo',
    owner: host.user,
    channels: [text, voice],
    members: members.slice(1).map(({ user }) => MemberFactory.create({ user })),
  });

  // Lavalink: the real node when this machine has it, else the fake one.
  let choice: ReturnType<typeof lavalinkChoice>;
  try {
    choice = lavalinkChoice(process.env.DEMO_LAVALINK);
  } catch (error) {
    await stack.stop();
    return fail(error instanceof Error ? error.message : String(error));
  }
  if (choice.note) event(choice.note);
  let lavalink: DemoLavalink | null = null;
  if (choice.kind === 'real') {
    event(
      `The real Lavalink (Java found): making ${demoCatalogue().length} songs of ${REAL_SONG_S} s with ffmpeg and starting it...`,
    );
    lavalink = await startRealLavalink(demoCatalogue(), REAL_SONG_S).catch((error: unknown) => {
      if (process.env.DEMO_LAVALINK === 'real') throw error;
      event(`The real Lavalink did not start (${String(error).split('\n')[0]}); the fake one plays instead.`);
      return null;
    });
  }
  if (!lavalink) {
    const speed = Number(process.env.DEMO_SPEED ?? 4);
    lavalink = await startFakeLavalink(demoCatalogue(), Number.isFinite(speed) && speed > 0 ? speed : 4);
  }
  const node = lavalink;
  stack.add('Lavalink', () => node.stop());

  const discord = new FakeDiscord({
    guilds: [guild],
    heartbeatIntervalMs: 10_000,
    voiceEndpoint: node.voiceEndpoint,
  });
  await discord.start();
  stack.add('the fake Discord', () => discord.stop());
  event(`Fake Discord with "Accord Demo" (${members.length} listeners), ${node.kind} Lavalink`);

  // The bot, as production runs it.
  const publicUrl = `http://127.0.0.1:${port.port}`;
  const logPath = join(workDir, 'bot.log');
  const bot = startBot({
    fromSource,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
      NODE_ENV: 'production',
      DISCORD_TOKEN: BOT_TOKEN,
      DISCORD_CLIENT_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_DEV_GUILD_ID: guild.id,
      OWNER_IDS: host.user.id,
      MONGODB_URI: databaseUri,
      LAVALINK_NODES: node.nodes,
      LAVALINK_RECONNECT_INTERVAL_S: '1',
      HTTP_PORT: String(port.port),
      HTTP_HOST: '127.0.0.1',
      PUBLIC_URL: publicUrl,
      ADMIN_SESSION_SECRET: randomBytes(32).toString('hex'),
      LASTFM_API_KEY: 'demo-lastfm-key',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      LOG_TO_FILE: 'false',
      DATA_DIR: workDir,
      ...node.env,
    },
    logPath,
  });
  stack.add('the bot', () => stopBot(bot));
  event(`Starting the bot (${fromSource ? 'from source' : 'dist/apps/accord'}); its log: ${logPath}`);
  const ready = await waitForBot(bot, port.port, discord, guild.id);
  if (!ready.ok) {
    const kept = join(tmpdir(), 'accord-demo-bot.log');
    copyFileSync(logPath, kept);
    await stack.stop();
    return fail(`${ready.problem} Its log: ${kept}; the last lines:\n${ready.tail}`);
  }
  event(`The bot is up: panel at ${publicUrl}`);

  // The room: tastes first, then the evening.
  const room = new DemoRoom({
    discord,
    playing: () => {
      const own = node.playing(guild.id);
      if (own !== undefined) return own;
      const embed = nowPlayingEmbed(discord, text.id);
      return embed?.title ? { title: embed.title, lengthMs: REAL_SONG_S * 1000 } : null;
    },
    guildId: guild.id,
    voiceChannelId: voice.id,
    textChannelId: text.id,
    members,
    log: event,
    random: seededRandom(Number(process.env.DEMO_SEED ?? 17)),
  });
  stack.add('the listeners', () => room.stop());
  event('Warm-up: each listener plays and likes a few favourite songs, so the bot learns their taste');
  await room.warmUp();
  await room.open(host, ['Ana', 'Ben', 'Cy', 'Dee'], 'Daft Punk - Around the World');

  const link = async (): Promise<void> => {
    const handle = discord.slashCommand({ guildId: guild.id, channelId: text.id, userId: host.user.id, name: 'panel' });
    const answer = await answerOf(discord, handle, ANSWER_TIMEOUT_MS);
    const url = LINK.exec((answer as { content?: string }).content ?? '')?.[0];
    if (!url) {
      event(`/panel gave no link: ${summary(answer)}`);
      return;
    }
    say('');
    say('  Open the panel as Ana, the server owner (the link signs you in once, within 10 minutes):');
    say(`    ${url}`);
    say(`  ${process.stdin.isTTY ? 'Press Enter for a new link, ' : ''}Ctrl+C to stop the demo.`);
    say('');
  };
  await link();
  if (process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin });
    lines.on('line', () => void link());
    stack.add('the keyboard', () => lines.close());
  }
  room.live(Number(process.env.DEMO_EVENT_MS ?? 8_000));
  return -1;
}

function startBot(input: { fromSource: boolean; env: NodeJS.ProcessEnv; logPath: string }): ChildProcess {
  const entry = input.fromSource ? join(ROOT, 'apps/accord/src/main.ts') : BOT_BUILD;
  // Its own process group, so Ctrl+C in the terminal reaches the demo only, which stops the bot in
  // order; stdin is a pipe that closes if the demo dies, and the bot then stops (bot-preload.ts).
  const child = spawn(process.execPath, ['-r', require.resolve('@swc-node/register'), '-r', PRELOAD, entry], {
    cwd: ROOT,
    env: input.env,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const log = createWriteStream(input.logPath);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

async function stopBot(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), BOT_STOP_MS);
  await exited;
  clearTimeout(timer);
}

async function waitForBot(
  child: ChildProcess,
  port: number,
  discord: FakeDiscord,
  guildId: string,
): Promise<{ ok: true } | { ok: false; problem: string; tail: string }> {
  const lines: string[] = [];
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    lines.push(
      ...chunk
        .split('\n')
        .filter(Boolean)
        .map((line) => line.slice(0, 400)),
    );
    lines.splice(0, Math.max(0, lines.length - 20));
  });
  const deadline = Date.now() + BOT_READY_MS;
  for (;;) {
    if (child.exitCode !== null)
      return { ok: false, problem: 'The bot exited while starting.', tail: lines.join('\n') };
    const healthy = await fetch(`http://127.0.0.1:${port}/api/v1/health`)
      .then((response) => response.status === 200)
      .catch(() => false);
    if (healthy && discord.registeredCommands(guildId).some((command) => command.name === 'panel')) return { ok: true };
    if (Date.now() > deadline) {
      return { ok: false, problem: `The bot was not ready within ${BOT_READY_MS / 1000} s.`, tail: lines.join('\n') };
    }
    await new Promise((done) => setTimeout(done, 250));
  }
}

function run(command: string, args: string[]): boolean {
  return spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' }).status === 0;
}

function fail(problem: string): number {
  process.stderr.write(`\nThe demo cannot start.\n${problem}\n`);
  return 1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(
      `The demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.kill(process.pid, 'SIGTERM');
  },
);
