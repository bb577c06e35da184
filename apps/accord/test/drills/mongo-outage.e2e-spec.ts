import { testDatabaseUri } from '@accord/testkit/db';
import { GuildFactory, MemberFactory, UserFactory } from '@accord/testkit/factories';
import { youtubeTrack, type FakeLavalinkNode } from '@accord/testkit/lavalink';
import { TcpProxy } from '@accord/testkit/net';
import mongoose, { type Connection } from 'mongoose';
import { GuildSettingsService } from '../../src/domain/guilds/guild-settings.service';
import { HistoryWriter } from '../../src/domain/history/history-writer.service';
import { LavalinkService } from '../../src/adapters/lavalink/lavalink.service';
import { PlaybackService } from '../../src/domain/playback/playback.service';
import { eventually, startTestBot, type TestBot } from '../support/test-bot';

/** How long MongoDB stays unreachable: the drill. */
const OUTAGE_MS = 30_000;

const catalogue = [
  youtubeTrack({ author: 'Robyn', title: 'Dancing On My Own', length: 280_000 }),
  youtubeTrack({ author: 'Lorde', title: 'Green Light', length: 234_000 }),
  youtubeTrack({ author: 'Caribou', title: 'Odessa', length: 290_000 }),
  youtubeTrack({ author: 'Tame Impala', title: 'The Less I Know The Better', length: 216_000 }),
];
const KEYS = {
  robyn: 'robyn|dancingonmyown|none',
  lorde: 'lorde|greenlight|none',
  caribou: 'caribou|odessa|none',
  tame: 'tameimpala|thelessiknowthebetter|none',
};
const ana = UserFactory.create({ username: 'ana' });
const ben = UserFactory.create({ username: 'ben' });

interface StoredPlay {
  trackKey: string;
  endReason?: string;
  endedAt: Date | null;
  requestedBy?: string;
}

describe('Drill: MongoDB unreachable for 30 s mid-session (end to end on the fakes)', () => {
  let bot: TestBot;
  let proxy: TcpProxy;
  /** A direct line to the same database, around the proxy: what is really stored. */
  let direct: Connection;
  let textChannelId: string;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };

  const guildId = (): string => bot.guild.id;
  const node = (): FakeLavalinkNode => bot.lavalink[0];
  const playback = (): PlaybackService => bot.app.get(PlaybackService);
  const health = async (): Promise<number> =>
    (await bot.app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode;
  const storedPlays = async (): Promise<StoredPlay[]> =>
    (await direct.collection('plays').find({}).sort({ startedAt: 1 }).toArray()) as unknown as StoredPlay[];
  const playing = (title: string): Promise<unknown> =>
    node().waitFor(() => node().player(guildId())?.track?.title === title && playback().snapshot(guildId())?.current, {
      timeoutMs: 20_000,
    });

  /** Runs a slash command and resolves with the text of its last answer (reply, edit or follow-up). */
  const command = async (userId: string, name: string, options?: Record<string, string | number>): Promise<string> => {
    const handle = bot.discord.slashCommand({ guildId: guildId(), channelId: textChannelId, userId, name, options });
    await bot.discord.waitForInteractionReply(handle.id);
    return eventually(() => {
      const last = bot.discord.interactionResponses(handle.id).at(-1)?.body as
        | { content?: string; data?: { content?: string; embeds?: Array<{ description?: string; title?: string }> } }
        | undefined;
      const data = last?.data ?? last;
      const embed = (data as { embeds?: Array<{ description?: string; title?: string }> } | undefined)?.embeds?.[0];
      return data?.content || embed?.description || embed?.title;
    }, 20_000);
  };

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    const databaseUri = testDatabaseUri();
    proxy = TcpProxy.forUri(databaseUri);
    await proxy.start();
    direct = await mongoose.createConnection(databaseUri).asPromise();

    const guild = GuildFactory.create({ members: [ana, ben].map((user) => MemberFactory.create({ user })) });
    textChannelId = GuildFactory.textChannel(guild).id;
    bot = await startTestBot({
      guilds: [guild],
      lavalinkCatalogue: catalogue,
      env: { MONGODB_URI: proxy.proxiedUri(databaseUri) },
    });
    await eventually(() => bot.app.get(LavalinkService).isAvailable());
    await eventually(async () => (await health()) === 200);
    await bot.app.get(GuildSettingsService).update(guild.id, { autoplay: false });
    for (const user of [ana, ben]) bot.discord.joinVoice(guild.id, user.id, GuildFactory.voiceChannel(guild).id);
    await eventually(() => bot.discord.voiceStates(guild.id).length >= 2);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    proxy?.restore();
    await bot?.close();
    await direct?.close();
    await proxy?.stop();
  });

  it('keeps playing and answering, holds the history writes, and flushes every play when MongoDB is back', async () => {
    // Robyn was requested before the outage; a song now known to the catalog.
    expect(await command(ana.id, 'play', { query: 'Robyn - Dancing On My Own' })).toMatch(/Dancing On My Own/);
    await playing('Dancing On My Own');
    await eventually(async () => (await storedPlays()).some((play) => play.trackKey === KEYS.robyn));

    proxy.cut();
    const cutAt = Date.now();
    await eventually(async () => (await health()) === 503, 20_000);

    // Requests go on: a known song and songs the catalog has never seen.
    expect(await command(ben.id, 'play', { query: 'Lorde - Green Light' })).toMatch(/Green Light/);
    expect(await command(ana.id, 'play', { query: 'Caribou - Odessa' })).toMatch(/Odessa/);
    expect(await command(ben.id, 'queue')).toMatch(/Green Light/);
    expect(await command(ben.id, 'move', { from: 2, to: 1 })).toMatch(/Odessa/);
    expect(await command(ben.id, 'move', { from: 2, to: 1 })).toMatch(/Green Light/);
    expect(await command(ana.id, 'pause')).toMatch(/Paused/i);
    expect(await command(ana.id, 'resume')).toMatch(/Resum/i);

    // Plays start and end while nothing can be written.
    node().advance(guildId(), 280_000);
    node().finishTrack(guildId());
    await playing('Green Light');
    node().advance(guildId(), 234_000);
    node().finishTrack(guildId());
    await playing('Odessa');
    expect(await command(ben.id, 'play', { query: 'Tame Impala - The Less I Know The Better' })).toMatch(
      /The Less I Know/,
    );
    expect(await command(ana.id, 'skip')).toMatch(/Skipped|skip/i);
    await playing('The Less I Know The Better');

    expect((await storedPlays()).map((play) => play.trackKey)).toEqual([KEYS.robyn]);
    expect(bot.app.get(HistoryWriter).pending).toBeGreaterThan(0);
    expect(await health()).toBe(503);

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - cutAt))));
    proxy.restore();

    await eventually(async () => (await health()) === 200, 30_000);
    expect(await bot.app.get(HistoryWriter).idle(30_000)).toBe(true);
    const plays = await storedPlays();
    expect(plays.map((play) => [play.trackKey, play.endReason ?? null])).toEqual([
      [KEYS.robyn, 'finished'],
      [KEYS.lorde, 'finished'],
      [KEYS.caribou, 'skipped'],
      [KEYS.tame, null],
    ]);
    // The saved session caught up with what happened during the outage (a failed save is tried
    // again every 2 s; one sent on a connection the outage left half-open first waits for the
    // driver's socket timeout, 15 s), and no playhead write holding an older session undid it.
    const stored = await eventually(async () => {
      const doc = await direct.collection('guilds').findOne({ guildId: guildId() });
      const session = doc?.session as { current?: { entry?: { track?: { title?: string } } } } | undefined;
      return session?.current?.entry?.track?.title === 'The Less I Know The Better' && session;
    }, 100_000);
    expect(stored).toBeTruthy();
    expect(unhandled).toEqual([]);
  }, 240_000);

  it('stops at once while MongoDB is away, and the stopped queue is cleared when it returns', async () => {
    const storedSession = async (): Promise<{ session?: unknown; sessionActive?: boolean } | null> =>
      (await direct.collection('guilds').findOne({ guildId: guildId() })) as {
        session?: unknown;
        sessionActive?: boolean;
      } | null;
    expect((await storedSession())?.sessionActive).toBe(true);
    bot.discord.leaveVoice(guildId(), ben.id); // ana alone with the bot may stop it

    proxy.cut();
    await eventually(async () => (await health()) === 503, 20_000);
    expect(await command(ana.id, 'stop')).toMatch(/stopped the music/);
    await eventually(() => bot.discord.botVoiceChannel(guildId()) === null);
    expect(playback().snapshot(guildId())).toBeNull();
    expect((await storedSession())?.sessionActive).toBe(true); // nothing could be written yet

    proxy.restore();
    // Cleared in the background once MongoDB is back: a restart will not bring the queue back.
    const cleared = await eventually(async () => {
      const doc = await storedSession();
      return doc?.sessionActive === false && doc;
    }, 30_000);
    expect(cleared.session).toBeNull();
    expect(unhandled).toEqual([]);
  }, 90_000);
});
