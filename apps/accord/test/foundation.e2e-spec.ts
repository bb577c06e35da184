import { ChannelType } from 'discord.js';
import { eventually, startTestBot, type TestBot } from './support/test-bot';

interface HealthBody {
  status: string;
  details: Record<string, { status: string; nodes?: Array<{ name: string; state: string }> }>;
}

describe('Foundation (end to end on the fakes)', () => {
  let bot: TestBot;

  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot?.close();
  });

  const health = async (): Promise<{ status: number; body: HealthBody }> => {
    const response = await bot.app.inject({ method: 'GET', url: '/api/v1/health' });
    return { status: response.statusCode, body: response.json<HealthBody>() };
  };

  it('reaches READY and registers its slash commands in the development guild', async () => {
    const commands = await eventually(
      () => bot.discord.registeredCommands(bot.guild.id).length > 0 && bot.discord.registeredCommands(bot.guild.id),
    );
    expect(commands.map((command) => command.name)).toContain('ping');
    expect(bot.discord.identifyCount).toBe(1);
  });

  it('connects to the Lavalink node with its password and bot user id', async () => {
    const [node] = bot.lavalink;
    const session = await eventually(() => node.sessionList()[0]);
    expect(session).toBeDefined();
    expect(node.handshakes.at(-1)).toMatchObject({ status: 101 });
  });

  it('reports every part up with 200', async () => {
    const result = await eventually(async () => {
      const current = await health();
      return current.status === 200 && current;
    });
    // Without an owner's session: each part's state, no node names (see the security spec for owners).
    expect(result.body.details).toMatchObject({
      discord: { status: 'up' },
      lavalink: { status: 'up' },
      database: { status: 'up' },
    });
  });

  it('answers /ping through the interaction callback with each latency', async () => {
    const member = bot.guild.members.find((candidate) => !candidate.user?.bot);
    const interaction = bot.discord.slashCommand({
      guildId: bot.guild.id,
      channelId: bot.guild.channels.find((channel) => channel.type === ChannelType.GuildText)!.id,
      userId: member!.user.id,
      name: 'ping',
    });
    const reply = await bot.discord.waitForInteractionReply(interaction.id);
    expect(reply.type).toBe(4);
    expect(reply.data?.flags).toBe(64);
    expect(reply.data?.content).toMatch(/Discord gateway: /);
    expect(reply.data?.content).toMatch(/Lavalink "node-1": \d+ ms/);
    expect(reply.data?.content).toMatch(/Database: \d+ ms/);
  });

  it('reports Lavalink down with 503 when the node dies, and reconnects when it returns', async () => {
    const [node] = bot.lavalink;
    await node.kill();
    const down = await eventually(async () => {
      const current = await health();
      return current.status === 503 && current;
    });
    expect(down.body.details.lavalink.status).toBe('down');
    expect(down.body.details.discord.status).toBe('up');

    // Stay away long enough for shoukaku to give the node up (3 tries, 1 s apart).
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    await node.restart();
    const up = await eventually(async () => {
      const current = await health();
      return current.status === 200 && current;
    }, 20_000);
    expect(up.body.details.lavalink).toEqual({ status: 'up' });
  });
});
