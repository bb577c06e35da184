import type { GuildSettingsDto, QueuePageDto } from '@accord/contracts';
import { GuildFactory } from '@accord/testkit/factories';
import { youtubeTrack, type FakeLavalinkNode } from '@accord/testkit/lavalink';
import { SourceEvent, type SourceAttemptedEvent } from '@accord/core';
import { Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { BrowserContext, Page } from 'playwright-core';
import { LavalinkService } from '../../src/adapters/lavalink/lavalink.service';
import { PlaybackService } from '../../src/domain/playback/playback.service';
import type { PlayableTrack } from '../../src/domain/playback/playback.types';
import { eventually, type TestBot } from '../support/test-bot';
import {
  PHONE,
  describeInBrowser,
  newContext,
  openPanel,
  screenshot,
  shows,
  signIn,
  watchErrors,
  type HeadlessChromium,
} from './support/browser';
import { mainRoom, startPanelBot } from './support/panel-bot';

const catalogue = [
  youtubeTrack({ author: 'Daft Punk', title: 'One More Time', length: 320_000 }),
  youtubeTrack({ author: 'Justice', title: 'D.A.N.C.E.', length: 242_000 }),
  youtubeTrack({ author: 'Kavinsky', title: 'Nightcall', length: 258_000 }),
  youtubeTrack({ author: 'Air', title: 'La Femme d Argent', length: 430_000 }),
  youtubeTrack({ author: 'Phoenix', title: 'Lisztomania', length: 241_000 }),
  youtubeTrack({ author: 'Cassius', title: 'Feeling for You', length: 225_000 }),
];
const AUTOPLAY_REASON = 'Because ana plays Daft Punk and Justice';
// What youtube-plugin answers once YouTube's player script changed under it.
const SIG_FUNCTION_MISSING =
  '(yts.version: 1.18.2) All clients failed to load the item.\n\nClient [WEB] failed: Must find sig function from ' +
  'script: https://www.youtube.com/s/player/6740c111/player_ias.vflset/en_US/base.js';

const { ana, oscar, main } = mainRoom();

describeInBrowser('Admin panel in headless Chromium (end to end on the fakes)', () => {
  let bot: TestBot;
  let chromium: HeadlessChromium;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const pageErrors: string[] = [];

  const playback = (): PlaybackService => bot.app.get(PlaybackService);
  const tracks = async (...queries: string[]): Promise<PlayableTrack[]> => {
    const found: PlayableTrack[] = [];
    for (const query of queries) {
      const result = await bot.app.get(LavalinkService).load(query, 'ytsearch');
      if (result.type !== 'search') throw new Error(`no result for ${query}`);
      found.push(result.tracks[0]);
    }
    return found;
  };
  const node = (): FakeLavalinkNode => {
    const name = playback().snapshot(main.id)?.node;
    const found = bot.lavalink.find((fake) => fake.nodeOption.name === name);
    if (!found) throw new Error(`no active node (${String(name)})`);
    return found;
  };
  const queueTitles = async (): Promise<string[]> => {
    const response = await context.request.get(`/api/v1/guilds/${main.id}/queue`);
    return ((await response.json()) as QueuePageDto).items.map((item) => item.track.title);
  };

  beforeAll(async () => {
    ({ bot, base } = await startPanelBot({ guilds: [main], ownerId: oscar.id, lavalinkCatalogue: catalogue }));
    bot.discord.joinVoice(main.id, ana.id, GuildFactory.voiceChannel(main).id);
    ({ chromium, context, page } = await openPanel(base));
    watchErrors(page, pageErrors);
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
    await bot?.close();
  });

  it('logs in through the fake Discord OAuth and shows the overview', async () => {
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByRole('link', { name: 'Log in with Discord' }).waitFor();
    await page.getByLabel('Owner password').waitFor();
    await screenshot(page, 'desktop-01-login');

    await page.getByRole('link', { name: 'Log in with Discord' }).click();
    await page.waitForURL(`${base}/`);
    await shows(page.getByTestId('guild-list'), 'Main Room');
    await shows(page.locator('.tile'), 'Discord ping');
    await shows(page.locator('.row'), 'node-1');

    expect(bot.discord.oauthExchanges.at(-1)).toMatchObject({
      redirectUri: `${base}/api/v1/auth/discord/callback`,
      ok: true,
    });
    await screenshot(page, 'desktop-02-overview', { docs: 'overview' });
  });

  it('opens the guild page and follows now playing when the fake Lavalink finishes a track', async () => {
    const requester = {
      guildId: main.id,
      userId: ana.id,
      voiceChannelId: GuildFactory.voiceChannel(main).id,
      textChannelId: GuildFactory.textChannel(main).id,
    };
    await playback().enqueue(requester, await tracks('One More Time', 'D.A.N.C.E.'));
    await playback().enqueue(requester, await tracks('Nightcall'), { source: 'autoplay', reason: AUTOPLAY_REASON });
    await playback().enqueue(requester, await tracks('La Femme d Argent', 'Lisztomania', 'Feeling for You'));
    const fake = node();
    await fake.waitFor(() => fake.player(main.id)?.track?.title === 'One More Time');

    await page.getByRole('link', { name: /Main Room/ }).click();
    await page.waitForURL(`**/guilds/${main.id}`);
    await shows(page.getByTestId('np-title'), 'One More Time');
    await shows(page.getByTestId('listeners'), 'ana');
    await screenshot(page, 'desktop-03-guild');

    fake.finishTrack(main.id);

    await shows(page.getByTestId('np-title'), 'D.A.N.C.E.');
    expect(await page.getByTestId('queue-row').count()).toBe(4);
  });

  it('skips from the panel: Lavalink is told to play the next track, and its autoplay reason shows', async () => {
    const fake = node();
    const before = fake.playerPatches.length;

    await page.getByRole('button', { name: /Skip/ }).click();

    await fake.waitFor(() => fake.player(main.id)?.track?.title === 'Nightcall');
    const sent = fake.playerPatches.slice(before).filter((patch) => patch.guildId === main.id);
    expect(sent.some((patch) => typeof patch.body.track?.encoded === 'string')).toBe(true);
    await shows(page.getByTestId('np-title'), 'Nightcall');
    await shows(page.getByTestId('np-reason'), AUTOPLAY_REASON);
    await screenshot(page, 'desktop-04-guild-after-skip', { docs: 'guild' });
  });

  it('reorders the queue by dragging a row', async () => {
    expect(await queueTitles()).toEqual(['La Femme d Argent', 'Lisztomania', 'Feeling for You']);
    const rows = page.getByTestId('queue-row');
    const handle = rows.nth(2).getByRole('button', { name: /^Move/ });
    const from = (await handle.boundingBox())!;
    const target = (await rows.nth(0).boundingBox())!;

    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2, target.y + 4, { steps: 12 });
    await page.mouse.up();

    await eventually(async () => (await queueTitles())[0] === 'Feeling for You');
    expect(await queueTitles()).toEqual(['Feeling for You', 'La Femme d Argent', 'Lisztomania']);
    await shows(rows.first(), 'Feeling for You');
  });

  it('saves a setting that is still there after a reload', async () => {
    const form = page.getByTestId('settings-form');
    await form.getByLabel('Default volume').fill('80');
    await form.getByLabel('Autoplay when the queue runs low').uncheck();

    await form.getByRole('button', { name: 'Save settings' }).click();
    await shows(form.getByRole('status'), 'Saved.');
    await page.reload();

    await page.getByTestId('settings-form').getByLabel('Default volume').waitFor();
    expect(await page.getByTestId('settings-form').getByLabel('Default volume').inputValue()).toBe('80');
    expect(await page.getByTestId('settings-form').getByLabel('Autoplay when the queue runs low').isChecked()).toBe(
      false,
    );
    const saved = (await (await context.request.get(`/api/v1/guilds/${main.id}/settings`)).json()) as GuildSettingsDto;
    expect(saved).toMatchObject({ defaultVolume: 80, autoplay: false });
  });

  it('checks the form before sending, and says under the field what to fix', async () => {
    const form = page.getByTestId('settings-form');
    await form.getByLabel('Default volume').fill('500');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await shows(form.getByTestId('error-defaultVolume'), 'from 0 to 150');
    await shows(form.getByRole('alert'), 'Some settings need fixing');
    await form.getByTestId('error-defaultVolume').scrollIntoViewIfNeeded();
    await screenshot(page, 'desktop-05-settings-400');

    await form.getByLabel('Default volume').fill('80');
    const saved = (await (await context.request.get(`/api/v1/guilds/${main.id}/settings`)).json()) as GuildSettingsDto;
    expect(saved).toMatchObject({ defaultVolume: 80, djRoleId: null });
  });

  it('removes queue entries, and shows the 409 when there is too little left to shuffle', async () => {
    const rows = page.getByTestId('queue-row');
    await rows
      .first()
      .getByRole('button', { name: /^Remove/ })
      .click();
    await eventually(async () => (await queueTitles()).length === 2);
    await rows
      .first()
      .getByRole('button', { name: /^Remove/ })
      .click();
    await eventually(async () => (await queueTitles()).length === 1);

    await page.getByRole('button', { name: 'Shuffle' }).click();

    await shows(page.getByRole('alert'), /Not possible right now/);
    expect(await queueTitles()).toEqual(['Lisztomania']);
  });

  it('filters the logs and tails new lines live', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Logs' }).click();
    await page.waitForURL('**/logs');
    await page.getByLabel('Level').selectOption('warn');
    const searched = page.waitForResponse((response) => response.url().includes('search=panel-marker'));
    await page.getByLabel('Search').fill('panel-marker');
    await searched;
    await shows(page.getByTestId('log-lines'), 'No line matches');

    const logger = new Logger('BrowserSpec');
    logger.warn('panel-marker: a line the filter lets through');
    logger.warn('a warning the search filters out');
    logger.error('panel-marker: an error is more severe, so it shows too');

    await shows(page.getByTestId('log-line'), 'panel-marker: a line the filter lets through');
    await shows(page.getByTestId('log-line'), 'panel-marker: an error is more severe');
    expect(await page.getByTestId('log-line').count()).toBe(2);
    await screenshot(page, 'desktop-06-logs', { docs: 'logs' });
  });

  it('shows the Lavalink nodes', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Nodes' }).click();
    await shows(page.getByTestId('nodes'), 'node-1');
    await shows(page.getByTestId('nodes'), 'connected');
    await screenshot(page, 'desktop-07-nodes');
  });

  it('shows a banner with the steps to fix YouTube on the overview while it is degraded, gone once plays start', async () => {
    const lavalink = bot.app.get(LavalinkService);
    const youtubeStatus = async (): Promise<string> => {
      const response = await context.request.get('/api/v1/health');
      return ((await response.json()) as { details: { youtube: { status: string } } }).details.youtube.status;
    };
    for (const fake of bot.lavalink) fake.failEveryLoad(SIG_FUNCTION_MISSING, 'suspicious');
    // The tracks played above count as YouTube working: it takes most of the recent attempts failing.
    for (let attempt = 10; attempt < 22 && (await youtubeStatus()) !== 'degraded'; attempt++) {
      await lavalink.load(`https://www.youtube.com/watch?v=brokenvid${attempt}`);
    }
    expect(await youtubeStatus()).toBe('degraded');

    await page.goto('/');
    const banner = page.getByTestId('youtube-banner');
    await shows(banner, 'YouTube is not playing');
    await shows(banner, /\d+ of the last \d+ YouTube loads and plays failed/);
    await shows(banner, 'Must find sig function from script');
    await shows(banner, 'When YouTube stops playing');
    expect(await banner.getByRole('listitem').count()).toBe(4);
    await shows(banner.getByRole('listitem').nth(1), 'Check the cipher service');
    await shows(page.locator('.tile'), 'degraded');
    await screenshot(page, 'desktop-08-youtube-degraded');

    for (const fake of bot.lavalink) fake.catalogue.clearOutcomes();
    // Three tracks that play (as the Lavalink adapter reports them) mean YouTube works again.
    for (let play = 0; play < 3; play++) {
      bot.app.get(EventEmitter2).emit(SourceEvent.Attempted, {
        source: 'youtube',
        stage: 'play',
        outcome: 'played',
        at: new Date(),
      } satisfies SourceAttemptedEvent);
    }
    await page.reload();
    await shows(page.locator('.tile'), 'youtube');
    expect(await page.getByTestId('youtube-banner').count()).toBe(0);
  });

  it('switches to the dark theme and keeps it after a reload', async () => {
    await page.goto(`/guilds/${main.id}`);
    await shows(page.getByTestId('np-title'), 'Nightcall');
    await page.getByTestId('theme-toggle').click(); // system -> light
    await page.getByTestId('theme-toggle').click(); // light -> dark
    await page.reload();
    await shows(page.getByTestId('np-title'), 'Nightcall');

    await page.locator('.live-open').waitFor(); // the live socket is back after the reload
    expect(await page.evaluate('document.documentElement.dataset.theme')).toBe('dark');
    await screenshot(page, 'desktop-09-guild-dark', { docs: 'guild-dark' });
  });

  it('works on a phone screen', async () => {
    const phone = await newContext(chromium.browser, PHONE, base, 'dark');
    const small = await phone.newPage();
    watchErrors(small, pageErrors);
    await small.goto('/');
    await small.waitForURL('**/login');
    await small.getByRole('link', { name: 'Log in with Discord' }).waitFor();
    await screenshot(small, 'phone-01-login');
    await signIn(small, base);
    await shows(small.getByTestId('guild-list'), 'Main Room');
    await screenshot(small, 'phone-02-overview');

    const pages: Array<[string, string, () => Promise<void>]> = [
      ['phone-03-guild', `/guilds/${main.id}`, () => shows(small.getByTestId('np-title'), 'Nightcall')],
      ['phone-04-logs', '/logs', () => small.getByTestId('log-lines').waitFor()],
      ['phone-05-nodes', '/nodes', () => shows(small.getByTestId('nodes'), 'node-1')],
      ['phone-06-history', '/history', () => small.getByTestId('history-table').waitFor()],
    ];
    for (const [name, path, ready] of pages) {
      await small.goto(path);
      await ready();
      const overflow = await small.evaluate('document.documentElement.scrollWidth - window.innerWidth');
      expect({ name, overflow }).toEqual({ name, overflow: 0 });
      await screenshot(small, name, { docs: name === 'phone-03-guild' ? 'phone-guild' : undefined });
    }
    await phone.close();
  });

  it('signs out: back to the login page, and pages need a session again', async () => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Log in with Discord' }).waitFor();
    await page.goto('/logs');

    await page.waitForURL('**/login?next=%2Flogs');
    expect((await context.request.get('/api/v1/auth/me')).status()).toBe(401);
    expect(pageErrors).toEqual([]);
  });
});
