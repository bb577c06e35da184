import type { GuildSettingsDto } from '@accord/contracts';
import { GuildFactory, MemberFactory, UserFactory } from '@accord/testkit/factories';
import { youtubeTrack } from '@accord/testkit/lavalink';
import { SponsorBlockStandIn } from '@accord/testkit/sponsorblock';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { LavalinkService } from '../../src/adapters/lavalink/lavalink.service';
import { PlaybackService } from '../../src/domain/playback/playback.service';
import { eventually, type TestBot } from '../support/test-bot';
import { browserSpecsEnabled, openPanel, signIn, watchErrors, type HeadlessChromium } from './support/browser';
import { startPanelBot } from './support/panel-bot';

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
const ana = UserFactory.create({ username: 'ana' });
const oscar = UserFactory.create({ username: 'oscar' }); // the bot owner, who signs in to the panel
const main = GuildFactory.create({
  name: 'Main Room',
  members: [MemberFactory.create({ user: ana }), MemberFactory.create({ user: oscar })],
});

const describeInBrowser = browserSpecsEnabled() ? describe : describe.skip;

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
    const found = await bot.app.get(LavalinkService).load('The Quiet Harbours Tidewater Lights', 'ytsearch');
    if (found.type !== 'search') throw new Error('the fake Lavalink did not find the song');
    await bot.app.get(PlaybackService).enqueue(
      {
        guildId: main.id,
        userId: ana.id,
        voiceChannelId: GuildFactory.voiceChannel(main).id,
        textChannelId: GuildFactory.textChannel(main).id,
      },
      [found.tracks[0]],
    );

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
