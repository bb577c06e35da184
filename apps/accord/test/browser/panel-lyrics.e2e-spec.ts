import type { GuildLyricsDto } from '@accord/contracts';
import { GuildFactory } from '@accord/testkit/factories';
import { youtubeTrack } from '@accord/testkit/lavalink';
import { recordedLrclib, type RecordedLrclib } from '@accord/testkit/lrclib';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { PlaybackService } from '../../src/domain/playback/playback.service';
import { eventually, type TestBot } from '../support/test-bot';
import {
  describeInBrowser,
  openPanel,
  screenshot,
  signIn,
  watchErrors,
  type HeadlessChromium,
} from './support/browser';
import { enqueueSearch, mainRoom, startPanelBot } from './support/panel-bot';

const catalogue = [youtubeTrack({ author: 'The Quiet Harbours', title: 'Tidewater Lights', length: 215_000 })];

const { ana, oscar, main } = mainRoom();

describeInBrowser('Panel lyrics card in headless Chromium (end to end on the fakes)', () => {
  let bot: TestBot;
  let lrclib: RecordedLrclib;
  let chromium: HeadlessChromium;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  const playback = (): PlaybackService => bot.app.get(PlaybackService);
  const highlighted = (): Locator => page.getByTestId('lyrics').locator('[aria-current="true"]');
  /** Waits until the highlighted line is `text` (playwright-core has no `expect`). */
  const highlights = async (text: string, timeout = 10_000): Promise<void> => {
    await highlighted().filter({ hasText: text }).waitFor({ state: 'visible', timeout });
  };

  beforeAll(async () => {
    lrclib = await recordedLrclib();
    let base: string;
    ({ bot, base } = await startPanelBot({
      guilds: [main],
      ownerId: oscar.id,
      lavalinkCatalogue: catalogue,
      env: { LRCLIB_URL: lrclib.url },
    }));
    bot.discord.joinVoice(main.id, ana.id, GuildFactory.voiceChannel(main).id);
    ({ chromium, context, page } = await openPanel(base));
    watchErrors(page, pageErrors, { console: false });
    await signIn(page, base);
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
    await bot?.close();
    await lrclib?.stop();
  });

  it('highlights the synced line being sung and moves it as the song plays and when it seeks', async () => {
    await enqueueSearch(bot, main, ana.id, 'The Quiet Harbours Tidewater Lights');
    await eventually(() => playback().snapshot(main.id)?.current?.entry.track.title === 'Tidewater Lights');
    // Just before the first line (0:12.00), then the second (0:14.60).
    await playback().seek(main.id, 10_500);

    await page.goto(`/guilds/${main.id}`);
    await page.getByTestId('lyrics').waitFor();
    await page.getByText('Lyrics from LRCLIB').waitFor();
    await highlights('Harbour lights are blinking slow');
    await highlights('Every boat knows where to go');
    expect(await highlighted().count()).toBe(1);

    // A seek far into the song: the highlight follows, and the box scrolls to keep it in view.
    const lines = (await (await context.request.get(`/api/v1/guilds/${main.id}/lyrics`)).json()) as GuildLyricsDto;
    const target = lines.synced!.findLast((line) => line.timeMs <= 100_000 && line.text !== '')!;
    await playback().seek(main.id, target.timeMs + 100);
    await highlights(target.text);
    // The box scrolls smoothly: wait until the sung line (far below the box's first screen) sits inside it.
    await eventually(async () => {
      const box = await page.getByTestId('lyrics').boundingBox();
      const line = await highlighted().boundingBox();
      return !!box && !!line && line.y >= box.y - 1 && line.y + line.height <= box.y + box.height + 1;
    });
    await screenshot(page, 'desktop-lyrics');
    expect(pageErrors).toEqual([]);
  });
});
