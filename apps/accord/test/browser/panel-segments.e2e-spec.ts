import type { GuildSettingsDto } from '@accord/contracts';
import { GuildFactory } from '@accord/testkit/factories';
import { youtubeTrack } from '@accord/testkit/lavalink';
import { SponsorBlockStandIn } from '@accord/testkit/sponsorblock';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { eventually, type TestBot } from '../support/test-bot';
import { describeInBrowser, openPanel, signIn, watchErrors, type HeadlessChromium } from './support/browser';
import { enqueueSearch, mainRoom, startPanelBot } from './support/panel-bot';

const song = youtubeTrack({ author: 'The Quiet Harbours', title: 'Tidewater Lights', length: 215_000 });
const standIn = new SponsorBlockStandIn([
  {
    videoId: song.identifier,
    videoDuration: 215,
    segments: [
      { category: 'music_offtopic', start: 0, end: 7.5 },
      { category: 'intro', start: 10, end: 20 },
    ],
  },
]);
const { ana, oscar, main } = mainRoom();

describeInBrowser('Panel: skipped parts of YouTube songs in headless Chromium (end to end on the fakes)', () => {
  let bot: TestBot;
  let chromium: HeadlessChromium;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  const form = (): Locator => page.getByTestId('settings-form');
  const settings = async (): Promise<GuildSettingsDto> =>
    (await (await context.request.get(`/api/v1/guilds/${main.id}/settings`)).json()) as GuildSettingsDto;

  beforeAll(async () => {
    await standIn.start();
    let base: string;
    ({ bot, base } = await startPanelBot({
      guilds: [main],
      ownerId: oscar.id,
      lavalinkCatalogue: [song],
      env: { SPONSORBLOCK_URL: standIn.url },
    }));
    bot.discord.joinVoice(main.id, ana.id, GuildFactory.voiceChannel(main).id);
    ({ chromium, context, page } = await openPanel(base));
    watchErrors(page, pageErrors, { console: false });
    await signIn(page, base);
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
    await bot?.close();
    await standIn.stop();
  });

  it('shows on now playing what was skipped', async () => {
    await enqueueSearch(bot, main, ana.id, 'The Quiet Harbours Tidewater Lights');

    await page.goto(`/guilds/${main.id}`);
    await page.getByTestId('np-skipped').filter({ hasText: 'Skipped 0:07 of non-music at 0:00' }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('chooses what is skipped with the settings checkboxes, none turning it off', async () => {
    const nonMusic = form().getByRole('checkbox', { name: 'Non-music parts' });
    const intros = form().getByRole('checkbox', { name: 'Intros' });
    await nonMusic.waitFor();
    expect(await nonMusic.isChecked()).toBe(true);
    expect(await intros.isChecked()).toBe(false);

    await intros.check();
    await form().getByRole('button', { name: 'Save settings' }).click();
    await form().getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((await settings()).skipSegments).toEqual(['music_offtopic', 'intro']);

    await nonMusic.uncheck();
    await intros.uncheck();
    await form().getByRole('button', { name: 'Save settings' }).click();
    await eventually(async () => (await settings()).skipSegments.length === 0);

    await page.reload();
    await form().getByRole('checkbox', { name: 'Non-music parts' }).waitFor();
    expect(await form().getByRole('checkbox', { name: 'Non-music parts' }).isChecked()).toBe(false);
    expect(pageErrors).toEqual([]);
  });
});
