import { GuildFactory, MemberFactory, UserFactory } from '@accord/testkit/factories';
import { youtubeTrack, type FakeLavalinkNode } from '@accord/testkit/lavalink';
import type { YoutubeHealthDto } from '@accord/contracts';
import { InteractionResponseType } from 'discord.js';
import { ADMIN_ENV, loginWithPassword, type PanelClient } from './support/admin-session';
import { eventually, readyForCommands, startTestBot, type TestBot } from './support/test-bot';

const catalogue = [
  youtubeTrack({ author: 'Daft Punk', title: 'One More Time', length: 320_000 }),
  youtubeTrack({ author: 'Justice', title: 'D.A.N.C.E.', length: 242_000 }),
  youtubeTrack({ author: 'Kavinsky', title: 'Nightcall', length: 258_000 }),
];
const ana = UserFactory.create({ username: 'ana' });

// What Lavalink 4.2 with youtube-plugin 1.18 answers once YouTube's player script changed and the
// plugin cannot find the signature function: every client fails, each with the script it read.
const PLAYER_SCRIPT = 'https://www.youtube.com/s/player/6740c111/player_ias.vflset/en_US/base.js';
const ALL_CLIENTS_FAILED = [
  '(yts.version: 1.18.2) All clients failed to load the item.',
  `Client [WEB] failed: Must find sig function from script: ${PLAYER_SCRIPT}\n\tat dev.lavalink.youtube.cipher.LocalSignatureCipherManager.extractFromScript(LocalSignatureCipherManager.java:324)`,
  'Client [ANDROID_VR] failed: This video requires login.\n\tat dev.lavalink.youtube.clients.skeleton.Client.getPlayabilityStatus(Client.java:94)',
].join('\n\n');

interface HealthBody {
  status: string;
  details: { youtube: YoutubeHealthDto } & Record<string, { status: string }>;
}

describe('YouTube breakage detection (end to end on the fakes)', () => {
  let bot: TestBot;
  let node: FakeLavalinkNode;
  let textChannelId: string;
  let owner: PanelClient;

  // The details (counts, cause, steps) are for bot owners; anyone else sees each part's state.
  const health = async (as: 'owner' | 'anyone' = 'owner'): Promise<{ status: number; body: HealthBody }> => {
    const response =
      as === 'owner'
        ? await owner.request({ method: 'GET', url: '/api/v1/health' })
        : await bot.app.inject({ method: 'GET', url: '/api/v1/health' });
    return { status: response.statusCode, body: response.json<HealthBody>() };
  };
  const play = async (query: string): Promise<void> => {
    const command = bot.discord.slashCommand({
      guildId: bot.guild.id,
      channelId: textChannelId,
      userId: ana.id,
      name: 'play',
      options: { query },
    });
    // Deferred, then answered by an edit of the reply or, for a refusal, an ephemeral follow-up.
    const reply = await bot.discord.waitForInteractionReply(command.id);
    if (reply.type !== InteractionResponseType.DeferredChannelMessageWithSource) return;
    await bot.discord.waitUntil(
      () =>
        bot.discord.requests.find(
          (request) => request.path.includes(`/webhooks/`) && request.path.includes(command.token),
        ),
      { timeoutMs: 15_000 },
      `the answer to /play ${query}`,
    );
  };
  const ping = async (): Promise<string> => {
    const command = bot.discord.slashCommand({
      guildId: bot.guild.id,
      channelId: textChannelId,
      userId: ana.id,
      name: 'ping',
    });
    return (await bot.discord.waitForInteractionReply(command.id)).data?.content ?? '';
  };
  const logged = (text: string): Array<{ level: string; message: string }> =>
    bot.ring.recent().filter((entry) => entry.message.includes(text));

  beforeAll(async () => {
    const guild = GuildFactory.create({ members: [MemberFactory.create({ user: ana })] });
    textChannelId = GuildFactory.textChannel(guild).id;
    bot = await startTestBot({
      guilds: [guild],
      lavalinkCatalogue: catalogue,
      env: { ...ADMIN_ENV, LOG_LEVEL: 'info' },
    });
    owner = await loginWithPassword(bot);
    [node] = bot.lavalink;
    await readyForCommands(bot, guild.id);
    bot.discord.joinVoice(guild.id, ana.id, GuildFactory.voiceChannel(guild).id);
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('reports YouTube up beside the other parts while nothing has failed', async () => {
    const { status, body } = await health();

    expect(status).toBe(200);
    expect(body.details.youtube).toEqual({
      status: 'up',
      attempts: 0,
      failures: 0,
      breakageFailures: 0,
      newestCause: null,
      degradedSince: null,
    });
    expect(await ping()).toContain('• YouTube: ok');
  });

  it('stays up while only single videos fail (deleted ones), however many', async () => {
    node.failEveryLoad('This video is unavailable', 'common');

    for (let n = 10; n < 16; n++) await play(`https://www.youtube.com/watch?v=deletedvi${n}`);

    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body.details.youtube).toMatchObject({ status: 'up', breakageFailures: 0, newestCause: null });
    expect(body.details.youtube.failures).toBeGreaterThanOrEqual(6);
    expect(logged("YouTube looks broken on YouTube's side")).toEqual([]);
  });

  it('turns YouTube degraded with the newest cause when /play keeps failing like a cipher change, still 200, warned once', async () => {
    node.failEveryLoad(
      ALL_CLIENTS_FAILED,
      'suspicious',
      `dev.lavalink.youtube.AllClientsFailedException: ${ALL_CLIENTS_FAILED}`,
    );

    // The deleted videos above count as attempts too: it takes most of the recent ones failing.
    for (let n = 10; n < 30 && (await health()).body.details.youtube.status !== 'degraded'; n++) {
      await play(`https://www.youtube.com/watch?v=cipherbrk${n}`);
    }
    const { status, body } = await health();

    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.details.youtube.status).toBe('degraded');
    expect((await health('anyone')).body.details.youtube).toMatchObject({ status: 'degraded' });
    const youtube = body.details.youtube;
    expect(youtube.breakageFailures).toBeGreaterThanOrEqual(Math.max(5, youtube.attempts * 0.6));
    expect(youtube.failures).toBe(youtube.attempts);
    expect(youtube.newestCause?.kind).toBe('cipher');
    expect(youtube.newestCause?.message).toContain(
      `Client [WEB] failed: Must find sig function from script: ${PLAYER_SCRIPT}`,
    );
    expect(youtube.newestCause?.message).not.toContain('\tat ');
    expect(youtube.steps).toHaveLength(4);
    expect(youtube.help).toBe('When YouTube stops playing');
    const warnings = logged("YouTube looks broken on YouTube's side");
    expect(warnings).toHaveLength(1);
    expect(warnings[0].level).toBe('warn');
    expect(warnings[0].message).toContain('1. Update the plugin');
    expect(warnings[0].message).toContain('yt-cipher');
    const answer = await ping();
    expect(answer).toContain('• YouTube: degraded');
    expect(answer).toContain('signature/cipher errors');
    expect(answer).toContain('2. Check the cipher service');
  });

  it('goes back to up after three tracks play, with one line saying so', async () => {
    node.catalogue.clearOutcomes();

    await play('Daft Punk - One More Time');
    await node.waitFor(() => node.player(bot.guild.id)?.track?.title === 'One More Time');
    await play('Justice - D.A.N.C.E.');
    await play('Kavinsky - Nightcall');
    node.finishTrack(bot.guild.id);
    await node.waitFor(() => node.player(bot.guild.id)?.track?.title === 'D.A.N.C.E.');
    node.finishTrack(bot.guild.id);
    await node.waitFor(() => node.player(bot.guild.id)?.track?.title === 'Nightcall');
    // The first two finished; this one counts once Lavalink reports its playhead moving.
    node.advance(bot.guild.id, 5_000);
    const { status, body } = await eventually(async () => {
      const current = await health();
      return current.body.details.youtube.status === 'up' && current;
    });

    expect(status).toBe(200);
    expect(body.details.youtube).toMatchObject({ attempts: 3, failures: 0, newestCause: null, degradedSince: null });
    expect(body.details.youtube.steps).toBeUndefined();
    expect(logged('YouTube plays again')).toEqual([expect.objectContaining({ level: 'info' })]);
    expect(logged("YouTube looks broken on YouTube's side")).toHaveLength(1);
    expect(await ping()).toContain('• YouTube: ok');
  });
});
