import { deezerApiStandIn, type DeezerApiStandIn } from '@accord/testkit/deezer-api';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { driveSoak, sample, soakWorld, startSoak, type SoakOutcome } from '../support/soak';
import { startTestBot, type TestBot } from '../support/test-bot';

const GUILDS = 20;
const VIRTUAL_HOURS = 24;
/**
 * Long-form tracks (2.5-4.5 h sets): the day passes in a number of songs CI can afford (about 7 a
 * guild); `bench/soak.bench.ts` plays songs of ordinary length for the RSS slope.
 */
const world = soakWorld({ guilds: GUILDS, tasteSize: 20, minLengthMs: 2.5 * 3_600_000, maxLengthMs: 4.5 * 3_600_000 });

describe('Soak: 24 hours of autoplay in 20 guilds on virtual time', () => {
  let bot: TestBot;
  let deezer: DeezerApiStandIn;
  let outcome: SoakOutcome;

  const database = (): Connection => bot.app.get<Connection>(getConnectionToken());
  const count = (collection: string, filter: Record<string, unknown> = {}): Promise<number> =>
    database().collection(collection).countDocuments(filter);

  beforeAll(async () => {
    // Discovery stays on loopback: a Deezer that knows no one.
    deezer = deezerApiStandIn([]);
    bot = await startTestBot({
      guilds: world.rooms.map((room) => room.guild),
      lavalinkCatalogue: world.catalogue,
    });
    const node = bot.lavalink[0];
    await node.waitFor(() => node.sessionList().length === 1, { timeoutMs: 15_000 });
    await startSoak(bot.app, bot.discord, world);
    outcome = await driveSoak({
      app: bot.app,
      node,
      rooms: world.rooms,
      virtualHours: VIRTUAL_HOURS,
      sampleEveryRounds: 2,
      concurrency: 10,
      countPlays: () => count('plays'),
    });
  }, 120_000);
  afterAll(async () => {
    await bot?.close();
    deezer?.stop();
  });

  it('played the whole day in every guild, autoplay choosing every song after the first', async () => {
    expect(outcome.virtualHours).toBeGreaterThanOrEqual(VIRTUAL_HOURS);
    expect(outcome.finished).toBeGreaterThanOrEqual(GUILDS * 5);
    expect(await count('plays', { source: 'request' })).toBe(GUILDS);
  });

  it('keeps one play document per song played: every finished song closed, one open per guild', async () => {
    // The last songs' writes, and the next song's start in each guild, may still be on their way.
    const settled = async (): Promise<boolean> =>
      (await count('plays', { endReason: 'finished' })) === outcome.finished &&
      (await count('plays', { endedAt: null })) === GUILDS;
    for (let tries = 0; tries < 300 && !(await settled()); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await count('plays', { endReason: 'finished' })).toBe(outcome.finished);
    expect(await count('plays', { endedAt: null })).toBe(GUILDS);
    expect(await count('plays')).toBe(outcome.finished + GUILDS);
    // What does not grow with plays stays the size of the rooms.
    expect(await count('guilds')).toBe(GUILDS);
    expect(await count('guild_windows')).toBe(GUILDS);
    expect(await count('profiles')).toBe(GUILDS);
  });

  it('does not grow its timers or event listeners as songs go by', async () => {
    const [warm, ...later] = outcome.samples;
    expect(later.length).toBeGreaterThanOrEqual(2);
    // Measured once the day's writes have settled (the test before waited for them).
    const end = await sample(bot.app, outcome.virtualHours, await count('plays'));
    expect(end.listeners).toBeLessThanOrEqual(warm.listeners);
    expect(Math.max(...later.map((each) => each.listeners))).toBeLessThanOrEqual(warm.listeners);
    // A few timers come and go with each song (a pending write, a look-ahead); none pile up.
    expect(end.timers).toBeLessThanOrEqual(warm.timers + 3);
  });
});
