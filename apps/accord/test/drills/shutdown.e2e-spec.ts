import { createConnection as connectTcp, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createConnection, type Connection } from 'mongoose';
import { dropTestDatabase, testDatabaseUri } from '@accord/testkit/db';
import { FakeDiscord } from '@accord/testkit/discord';
import { GuildFactory, MemberFactory, UserFactory, type FakeGuildDefinition } from '@accord/testkit/factories';
import { FakeLavalinkNode, youtubeTrack } from '@accord/testkit/lavalink';
import type { PersistedSession } from '../../src/domain/guilds/guild-session.types';
import { answerOf, BotProcess } from '../support/bot-process';
import { eventually } from '../support/test-bot';

const catalogue = [
  youtubeTrack({ author: 'Daft Punk', title: 'One More Time', length: 320_000 }),
  youtubeTrack({ author: 'Justice', title: 'Genesis', length: 234_000 }),
];
const ana = UserFactory.create({ username: 'ana' });

/**
 * A TCP relay in front of the test database that can stall: bytes stop flowing both ways while
 * the sockets stay open, which is what a hung database host looks like to the driver.
 */
class StallingRelay {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private stalled = false;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {
    this.server = createServer((client) => {
      const upstream = connectTcp(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => this.sockets.delete(socket));
      }
      client.on('data', (data) => this.stalled || upstream.write(data));
      upstream.on('data', (data) => this.stalled || client.write(data));
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  }

  static async forUri(uri: string): Promise<StallingRelay> {
    const { hostname, port } = new URL(uri.replace(/^mongodb:/, 'http:'));
    const relay = new StallingRelay(hostname, Number(port));
    await new Promise<void>((resolve) => relay.server.listen(0, '127.0.0.1', () => resolve()));
    return relay;
  }

  relayedUri(uri: string): string {
    const { port } = this.server.address() as AddressInfo;
    return uri.replace(/^(mongodb:\/\/(?:[^@/]*@)?)([^/?]+)/, `$1127.0.0.1:${port}`);
  }

  stall(): void {
    this.stalled = true;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('Graceful shutdown of the bot process (SIGTERM)', () => {
  let discord: FakeDiscord;
  let node: FakeLavalinkNode;
  let guild: FakeGuildDefinition;
  let hungGuild: FakeGuildDefinition;
  let database: Connection;
  let bot: BotProcess | undefined;
  const databaseUri = testDatabaseUri();

  const storedSession = async (): Promise<PersistedSession | null> => {
    const doc = await database.collection('guilds').findOne({ guildId: guild.id });
    return (doc?.session as PersistedSession | null) ?? null;
  };

  /** Boots the bot, has Ana ask for two songs in `guild` and waits for the first to play. */
  const startPlaying = async (
    guild: FakeGuildDefinition,
    uri: string,
    env: Record<string, string>,
  ): Promise<BotProcess> => {
    const started = await BotProcess.start({ discord, lavalink: [node], databaseUri: uri, devGuildId: guild.id, env });
    await eventually(() => discord.registeredCommands(guild.id).some((command) => command.name === 'play'), 20_000);
    const text = GuildFactory.textChannel(guild).id;
    for (const query of ['Daft Punk One More Time', 'Justice Genesis']) {
      await answerOf(
        discord,
        discord.slashCommand({ guildId: guild.id, channelId: text, userId: ana.id, name: 'play', options: { query } }),
      );
    }
    await node.waitFor(() => node.player(guild.id)?.track?.title === 'One More Time', { timeoutMs: 10_000 });
    return started;
  };

  beforeAll(async () => {
    guild = GuildFactory.create({ members: [MemberFactory.create({ user: ana })] });
    hungGuild = GuildFactory.create({ members: [MemberFactory.create({ user: ana })] });
    discord = new FakeDiscord({ guilds: [guild, hungGuild], heartbeatIntervalMs: 1_000 });
    // No periodic playerUpdate: the playhead reaches the database only when the test moves it, so
    // a write after the signal can only be the shutdown's own.
    node = new FakeLavalinkNode({ name: 'main', password: 'secret-main', catalogue, playerUpdateIntervalMs: 600_000 });
    await Promise.all([discord.start(), node.start()]);
    database = await createConnection(databaseUri, { serverSelectionTimeoutMS: 10_000 }).asPromise();
    for (const each of [guild, hungGuild]) discord.joinVoice(each.id, ana.id, GuildFactory.voiceChannel(each).id);
  });
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });
  afterAll(async () => {
    await database?.close();
    await Promise.all([node?.stop(), discord?.stop()]);
    await dropTestDatabase(databaseUri);
    await dropTestDatabase(testDatabaseUri('hung'));
  });

  it('saves the session, leaves Lavalink playing, closes the database and exits 0', async () => {
    bot = await startPlaying(guild, databaseUri, { SHUTDOWN_TIMEOUT_S: '10' });
    node.advance(guild.id, 42_000);
    // Lavalink reports the playhead every few seconds (and once at the start, which the bot stored),
    // and the bot stores at most one position each 5 s: report it until it is stored.
    await eventually(async () => {
      node.setPosition(guild.id, 42_000);
      return ((await storedSession())?.current?.positionMs ?? 0) >= 42_000;
    });
    const deletesBefore = node.requests.filter((request) => request.method === 'DELETE').length;
    const signalledAt = Date.now();

    const exit = await bot.signal('SIGTERM');

    expect(exit).toEqual({ code: 0, signal: null });
    expect(bot.logged(/^SIGTERM received/)).toBeDefined();
    expect(bot.logged(/^MongoDB connection closed$/)).toBeDefined();
    expect(bot.logged(/^Shut down cleanly in \d+ ms$/)).toBeDefined();
    expect(bot.logged(/did not finish within/)).toBeUndefined();
    const saved = await storedSession();
    expect(new Date(saved!.updatedAt).getTime()).toBeGreaterThanOrEqual(signalledAt);
    expect(saved?.current?.entry.track.title).toBe('One More Time');
    expect(saved?.current?.positionMs).toBeGreaterThanOrEqual(42_000);
    expect(saved?.queue.map((entry) => entry.track.title)).toEqual(['Genesis']);
    // Left for the next start to resume: the player was not deleted and still plays.
    expect(node.requests.filter((request) => request.method === 'DELETE').length).toBe(deletesBefore);
    expect(node.player(guild.id)?.track?.title).toBe('One More Time');
  });

  it('exits anyway (code 1) when a hung database holds the shutdown past SHUTDOWN_TIMEOUT_S', async () => {
    const relay = await StallingRelay.forUri(databaseUri);
    try {
      bot = await startPlaying(hungGuild, relay.relayedUri(testDatabaseUri('hung')), { SHUTDOWN_TIMEOUT_S: '2' });
      relay.stall();

      const exit = await bot.signal('SIGTERM');

      expect(exit).toEqual({ code: 1, signal: null });
      expect(bot.logged(/^Shutdown did not finish within 2 s; exiting anyway$/)).toBeDefined();
      expect(bot.logged(/^Shut down cleanly/)).toBeUndefined();
    } finally {
      await relay.stop();
    }
  });
});
