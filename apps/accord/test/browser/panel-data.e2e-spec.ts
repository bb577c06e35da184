import type { CatalogTrackDto, GuildStatsDto, HistoryPageDto, QueuePageDto, UserProfileDto } from '@accord/contracts';
import type { PlaySource, TrackEndReason } from '@accord/core';
import { readFileSync } from 'node:fs';
import { GuildFactory, MemberFactory, UserFactory } from '@accord/testkit/factories';
import { youtubeTrack, type FakeLavalinkNode } from '@accord/testkit/lavalink';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { BrowserContext, Page } from 'playwright-core';
import { TrackResolverService } from '../../src/domain/catalog/track-resolver.service';
import { GuildSettingsService } from '../../src/domain/guilds/guild-settings.service';
import { upsertWindowEntry } from '../../src/domain/history/guild-window';
import { GuildWindowRepository } from '../../src/domain/history/guild-window.repository';
import { HistoryWriter } from '../../src/domain/history/history-writer.service';
import { HistoryDaysService } from '../../src/domain/history/history-days.service';
import { PlayRepository } from '../../src/domain/history/play.repository';
import { PlaybackService } from '../../src/domain/playback/playback.service';
import { storedPlay } from '../support/stored-play';
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
import { startPanelBot } from './support/panel-bot';

const oneMoreTime = {
  topic: youtubeTrack({ author: 'Daft Punk - Topic', title: 'One More Time', length: 320_357 }),
  official: youtubeTrack({ author: 'Daft Punk', title: 'Daft Punk - One More Time (Official Video)', length: 320_000 }),
};
const catalogue = [
  ...Object.values(oneMoreTime),
  youtubeTrack({ author: 'Justice - Topic', title: 'D.A.N.C.E.', length: 242_000 }),
  youtubeTrack({ author: 'Kavinsky - Topic', title: 'Nightcall', length: 258_000 }),
  youtubeTrack({ author: 'Phoenix - Topic', title: 'Lisztomania', length: 241_000 }),
  youtubeTrack({ author: 'Justice - Topic', title: 'Genesis', length: 234_000 }),
  youtubeTrack({ author: 'Justice - Topic', title: 'Phantom', length: 262_000 }),
];
const DAY_MS = 86_400_000;

const ana = UserFactory.create({ username: 'ana' });
const ben = UserFactory.create({ username: 'ben' });
const oscar = UserFactory.create({ username: 'oscar' }); // the bot owner, who signs in to the panel
const main = GuildFactory.create({
  name: 'Main Room',
  members: [ana, ben, oscar].map((user) => MemberFactory.create({ user })),
});

/** Earlier days of listening, so the charts have a week to draw (today's plays come from the fakes). */
const EARLIER: Array<{
  artist: string;
  title: string;
  daysAgo: number;
  source: PlaySource;
  endReason: TrackEndReason;
  /** Autoplay's fit for [ana, ben] when it picked the song: ana is served by 3 of 4 picks, ben by 2. */
  fits?: [number, number];
}> = [
  { artist: 'Kavinsky', title: 'Nightcall', daysAgo: 1, source: 'request', endReason: 'finished' },
  { artist: 'Phoenix', title: 'Lisztomania', daysAgo: 1, source: 'discovery', endReason: 'finished', fits: [0.9, 0.4] },
  { artist: 'Justice', title: 'Genesis', daysAgo: 2, source: 'autoplay', endReason: 'skipped', fits: [0.2, 0.1] },
  { artist: 'Kavinsky', title: 'Nightcall', daysAgo: 3, source: 'request', endReason: 'finished' },
  { artist: 'Justice', title: 'Genesis', daysAgo: 3, source: 'discovery', endReason: 'skipped', fits: [0.6, 0.05] },
  { artist: 'Phoenix', title: 'Lisztomania', daysAgo: 3, source: 'autoplay', endReason: 'finished', fits: [0.8, 0.7] },
  { artist: 'Kavinsky', title: 'Nightcall', daysAgo: 5, source: 'request', endReason: 'finished' },
];

describeInBrowser('Admin panel data pages in headless Chromium (end to end on the fakes)', () => {
  let bot: TestBot;
  let chromium: HeadlessChromium;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let db: Connection;
  const pageErrors: string[] = [];

  const playback = (): PlaybackService => bot.app.get(PlaybackService);
  const node = (): FakeLavalinkNode => {
    const name = playback().snapshot(main.id)?.node;
    const found = bot.lavalink.find((fake) => fake.nodeOption.name === name);
    if (!found) throw new Error(`no active node (${String(name)})`);
    return found;
  };
  const playing = async (title: string): Promise<void> => {
    await node().waitFor(
      () => node().player(main.id)?.track?.title === title && !!playback().snapshot(main.id)?.current,
    );
  };
  const apiGet = async <T>(path: string): Promise<T> =>
    (await (await context.request.get(`/api/v1${path}`)).json()) as T;
  /**
   * Into the plays log and the guild's recent-plays window, as the recorder writes both, then the
   * history days built from the log, as an install that had these plays before them does at startup.
   */
  const seedEarlierDays = async (): Promise<void> => {
    const repository = bot.app.get(PlayRepository);
    const windows = bot.app.get(GuildWindowRepository);
    const now = Date.now();
    let window = await windows.get(main.id);
    for (const [index, play] of EARLIER.entries()) {
      const id = PlayRepository.newId();
      const startedAt = new Date(now - play.daysAgo * DAY_MS - index * 600_000);
      const artistKey = play.artist.toLowerCase();
      const trackKey = `${artistKey}|${play.title.toLowerCase()}|none`;
      window = upsertWindowEntry(
        window,
        {
          playId: id,
          trackKey,
          artistKey,
          artistName: play.artist,
          title: play.title,
          youtubeId: 'aaaaaaaaaaa',
          startedAt: startedAt.getTime(),
          listeners: [ana.id, ben.id],
          source: play.source,
          outcome: play.endReason,
          likes: 0,
          dislikes: 0,
        },
        now,
      );
      await repository.insert({
        ...storedPlay({
          guildId: main.id,
          trackKey,
          artistKey,
          title: play.title,
          artist: play.artist,
          durationMs: 240_000,
          startedAt,
          endReason: play.endReason,
          source: play.source,
          requestedBy: play.source === 'request' ? ana.id : undefined,
          listeners: [ana.id, ben.id],
          fits: play.fits ? [ana.id, ben.id].map((userId, listener) => ({ userId, fit: play.fits![listener] })) : [],
        }),
        id,
      });
    }
    await windows.save(main.id, window, new Date(now));
    await bot.app.get(HistoryDaysService).rebuild();
  };

  beforeAll(async () => {
    ({ bot, base } = await startPanelBot({ guilds: [main], ownerId: oscar.id, lavalinkCatalogue: catalogue }));
    db = bot.app.get<Connection>(getConnectionToken());
    await bot.app.get(GuildSettingsService).update(main.id, { autoplay: false });
    await seedEarlierDays();
    const voice = GuildFactory.voiceChannel(main).id;
    bot.discord.joinVoice(main.id, ana.id, voice);
    bot.discord.joinVoice(main.id, ben.id, voice);
    ({ chromium, context, page } = await openPanel(base));
    watchErrors(page, pageErrors);
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
    await bot?.close();
  });

  it('lists the plays the fakes just played in the history table, newest first, and filters them', async () => {
    const requester = {
      guildId: main.id,
      userId: ana.id,
      voiceChannelId: GuildFactory.voiceChannel(main).id,
      textChannelId: GuildFactory.textChannel(main).id,
    };
    for (const query of ['Daft Punk - One More Time', 'Justice - D.A.N.C.E.', 'Kavinsky - Nightcall']) {
      const outcome = await bot.app.get(TrackResolverService).resolve(query, ana.id);
      if (!outcome.ok || outcome.value.kind !== 'track') throw new Error(`could not resolve ${query}`);
      await playback().enqueue(requester, [outcome.value.track]);
    }
    await eventually(() => playback().snapshot(main.id)?.listeners.length === 2);
    await playing('One More Time');
    node().advance(main.id, 320_000);
    node().finishTrack(main.id);
    await playing('D.A.N.C.E.');
    // The play is written when Lavalink reports the start; skip only once it is there.
    await eventually(async () => (await db.collection('plays').countDocuments({ title: 'D.A.N.C.E.' })) === 1);
    node().advance(main.id, 30_000);
    await playback().skip(main.id, ben.id);
    await playing('Nightcall');
    expect(await bot.app.get(HistoryWriter).idle(10_000)).toBe(true);
    await signIn(page, base);
    await shows(page.getByTestId('guild-list'), 'Main Room');

    await page.getByRole('navigation').getByRole('link', { name: 'History' }).click();

    await page.waitForURL(`**/history/${main.id}`);
    const rows = page.getByTestId('history-row');
    await shows(rows.first(), 'Nightcall');
    const today = (await rows.allInnerTexts()).slice(0, 3);
    expect(
      today.map((text) => text.split('\n').find((line) => /Nightcall|D\.A\.N\.C\.E\.|One More Time/.test(line))),
    ).toEqual([
      expect.stringContaining('Nightcall'),
      expect.stringContaining('D.A.N.C.E.'),
      expect.stringContaining('One More Time'),
    ]);
    await shows(rows.nth(0), 'playing');
    await shows(rows.nth(1), 'skipped');
    await shows(rows.nth(2), 'finished');
    expect(await rows.count()).toBe(3 + EARLIER.length);
    await screenshot(page, 'desktop-10-history', { docs: 'history' });

    const filters = page.getByTestId('history-filters');
    await filters.getByLabel('Ended').selectOption('skipped');
    await filters.getByRole('button', { name: 'Apply' }).click();

    await page.waitForURL('**endReason=skipped');
    await eventually(async () => (await rows.count()) === 3);
    await shows(rows.first(), 'D.A.N.C.E.');
    await filters.getByRole('button', { name: 'Clear' }).click();
    await rows.getByRole('button', { name: 'Nightcall' }).first().click();
    await page.waitForURL('**trackKey=**');
    await eventually(async () => (await rows.count()) === 4);
    expect(await rows.getByRole('button', { name: 'Nightcall' }).count()).toBe(4);
  });

  it('refuses a malformed listener id in the filter before asking the API', async () => {
    const filters = page.getByTestId('history-filters');
    await filters.getByLabel('Listener id').fill('ana');
    await filters.getByRole('button', { name: 'Apply' }).click();

    await shows(filters, 'A Discord user id has 17 to 20 digits.');
    expect(page.url()).not.toContain('userId=');
  });

  it('adds a song to the queue from the guild page, and shows why nothing was found', async () => {
    await page.goto(`/guilds/${main.id}`);
    const form = page.getByTestId('enqueue-form');
    await form.getByLabel('Song or link to add').fill('Phoenix - Lisztomania');
    await form.getByRole('button', { name: 'Add' }).click();

    await shows(form.getByRole('status'), /Added .*Lisztomania at position 1/);
    await shows(page.getByTestId('queue-row'), 'Lisztomania');
    const queue = await apiGet<QueuePageDto>(`/guilds/${main.id}/queue`);
    expect(queue.items.map((item) => item.track.title)).toEqual(['Lisztomania']);
    await screenshot(page, 'desktop-16-guild-enqueued');

    await form.getByLabel('Song or link to add').fill('zzzz qqqq nothing like this');
    await form.getByRole('button', { name: 'Add' }).click();
    await form.getByRole('alert').waitFor();
    expect((await apiGet<QueuePageDto>(`/guilds/${main.id}/queue`)).total).toBe(1);
  });

  it('draws the stats charts from the stored plays', async () => {
    const stats = await apiGet<GuildStatsDto>(`/guilds/${main.id}/stats?days=7`);

    await page.getByRole('navigation').getByRole('link', { name: 'Stats' }).click();

    await page.waitForURL(`**/stats/${main.id}`);
    await shows(page.getByTestId('stats-total'), String(3 + EARLIER.length));
    const columns = page.getByTestId('plays-per-day').locator('rect');
    expect(await columns.count()).toBe(7);
    const drawn = await Promise.all(
      (await columns.all()).map(async (rect) => Number(await rect.getAttribute('data-value'))),
    );
    expect(drawn).toEqual(stats.playsPerDay.map((day) => day.plays));
    expect(drawn.at(-1)).toBe(3);
    const topTracks = page.getByTestId('top-tracks').getByRole('listitem');
    await shows(topTracks.first(), 'Nightcall');
    await shows(topTracks.first(), '4 plays');
    await shows(page.getByTestId('top-artists').getByRole('listitem').first(), 'Kavinsky');
    await page.getByRole('img', { name: `Skip rate: ${Math.round(stats.skipRate! * 100)}%` }).waitFor();
    await page.getByRole('img', { name: 'Discovery acceptance: 50%' }).waitFor();
    expect(stats.listeners.map((listener) => [listener.userId, listener.plays])).toEqual(
      [ana.id, ben.id].sort().map((userId) => [userId, 10]),
    );
    const heard = page.getByTestId('listener-plays').getByRole('listitem');
    await shows(heard.filter({ hasText: 'ana' }), '10 plays');
    await shows(heard.filter({ hasText: 'ben' }), '10 plays');
    const fitting = page.getByTestId('listener-fitting').getByRole('listitem');
    await shows(fitting.filter({ hasText: 'ana' }), '75%');
    await shows(fitting.filter({ hasText: 'ana' }), '3 of 4 picks');
    await shows(fitting.filter({ hasText: 'ben' }), '50%');
    await screenshot(page, 'desktop-11-stats', { docs: 'stats' });

    await page.getByTestId('theme-toggle').click(); // system -> light
    await page.getByTestId('theme-toggle').click(); // light -> dark
    await screenshot(page, 'desktop-12-stats-dark', { docs: 'stats-dark' });
    await page.getByTestId('theme-toggle').click(); // dark -> system (light in this context)
  });

  it('re-pins a song to another video after confirming, for every server', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Tracks' }).click();
    await page.getByLabel('Search').fill('daft punk');
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.getByTestId('track-row').filter({ hasText: 'One More Time' });
    await shows(row.getByTestId('pinned-video'), oneMoreTime.topic.identifier);

    await row.getByRole('button', { name: 'Videos' }).click();
    await shows(row.getByTestId('candidate'), 'Official Video');
    await row.getByRole('button', { name: new RegExp(`^Pin .*${oneMoreTime.official.identifier}`) }).click();
    const dialog = page.getByRole('dialog', { name: 'Re-pin this song?' });
    await shows(dialog, oneMoreTime.official.identifier);
    await screenshot(page, 'desktop-13-tracks-confirm');
    await dialog.getByRole('button', { name: 'Pin this video' }).click();

    await shows(page.getByTestId('tracks-done'), 'is now pinned to');
    await shows(row.getByTestId('pinned-video'), oneMoreTime.official.identifier);
    await shows(row.getByTestId('candidate').filter({ hasText: 'Official Video' }), 'pinned');
    await shows(row.getByTestId('pin-history'), `${oneMoreTime.topic.identifier} → ${oneMoreTime.official.identifier}`);
    await shows(row.getByTestId('pin-history'), 'by oscar on the panel');
    const [found] = await apiGet<CatalogTrackDto[]>('/tracks?q=daft%20punk');
    expect(found).toMatchObject({ youtubeId: oneMoreTime.official.identifier, pinnedBy: 'user' });
    const stored = await db
      .collection<{ key: string; youtubeId: string; pin: { by: string } }>('tracks')
      .findOne({ key: found.key });
    expect({ youtubeId: stored?.youtubeId, pinnedBy: stored?.pin.by }).toEqual({
      youtubeId: oneMoreTime.official.identifier,
      pinnedBy: 'user',
    });
    await screenshot(page, 'desktop-14-tracks', { docs: 'tracks' });
  });

  it("shows the API's refusal in the merge dialog, then merges two songs after confirming", async () => {
    const resolved: Record<string, string> = {};
    for (const query of ['Justice - Genesis', 'Justice - Phantom', 'Justice - D.A.N.C.E.']) {
      const outcome = await bot.app.get(TrackResolverService).resolve(query, ana.id);
      if (!outcome.ok || outcome.value.kind !== 'track') throw new Error(`could not resolve ${query}`);
    }
    for (const track of await apiGet<CatalogTrackDto[]>('/tracks?q=justice')) resolved[track.title] = track.id;
    await page.getByLabel('Search').fill('justice');
    await page.getByRole('button', { name: 'Search' }).click();
    const rows = page.getByTestId('track-row');
    await eventually(async () => (await rows.count()) === 3);
    const mergeBar = page.getByTestId('merge-bar');
    const dialog = page.getByRole('dialog', { name: 'Merge these songs?' });

    // Another owner merges Phantom away in another tab while this one has it selected.
    await page.getByRole('checkbox', { name: /Phantom/ }).check();
    await page.getByRole('checkbox', { name: /D\.A\.N\.C\.E\./ }).check();
    const csrf = (await context.cookies()).find((cookie) => cookie.name === 'accord_csrf')!.value;
    const elsewhere = await context.request.post('/api/v1/tracks/merge', {
      headers: { 'x-csrf-token': csrf },
      data: { fromTrackId: resolved.Phantom, toTrackId: resolved['D.A.N.C.E.'] },
    });
    expect(elsewhere.status()).toBe(200);
    await mergeBar.getByRole('button', { name: 'Merge…' }).click();
    await dialog.getByRole('button', { name: 'Merge' }).click();

    await shows(dialog.getByRole('alert'), 'TRACK_NOT_FOUND');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await mergeBar.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('button', { name: 'Search' }).click();

    await page.getByRole('checkbox', { name: /Genesis/ }).check();
    await page.getByRole('checkbox', { name: /D\.A\.N\.C\.E\./ }).check();
    await shows(mergeBar, 'Merge Justice – Genesis into Justice – D.A.N.C.E.');
    await mergeBar.getByRole('button', { name: 'Merge…' }).click();
    await dialog.getByRole('button', { name: 'Merge' }).click();

    await shows(page.getByTestId('tracks-done'), 'Justice – Genesis was merged into Justice – D.A.N.C.E.');
    await eventually(async () => (await rows.count()) === 1);
    const left = await apiGet<CatalogTrackDto[]>('/tracks?q=justice');
    expect(left.map((track) => track.title)).toEqual(['D.A.N.C.E.']);
    expect(await db.collection('tracks').countDocuments({ title: 'Genesis' })).toBe(0);
  });

  it("shows a listener's profile, and deletes it after confirming", async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Discord user id').fill('12345');
    await page.getByRole('button', { name: 'Look up' }).click();
    await shows(page.locator('.field-error'), '17 to 20 digits');

    await page.getByLabel('Discord user id').fill(ben.id);
    await page.getByRole('button', { name: 'Look up' }).click();

    await page.waitForURL(`**/users/${ben.id}`);
    const profile = page.getByTestId('user-profile');
    await shows(profile, 'has a profile');
    const before = await apiGet<UserProfileDto>(`/users/${ben.id}`);
    await shows(profile.getByTestId('profile-plays'), String(before.playCount));
    await screenshot(page, 'desktop-15-users');

    const downloading = page.waitForEvent('download');
    await profile.getByRole('button', { name: 'Export JSON' }).click();
    const file = await downloading;
    expect(file.suggestedFilename()).toBe(`accord-user-${ben.id}.json`);
    const exported = JSON.parse(readFileSync(await file.path(), 'utf8')) as { userId: string; profile: unknown };
    expect(exported.userId).toBe(ben.id);
    expect(exported.profile).not.toBeNull();

    await profile.getByRole('button', { name: 'Delete user data…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Forget this user?' });
    await dialog.getByRole('button', { name: 'Delete' }).click();

    await shows(page.getByTestId('user-forgotten'), 'Forgotten: the profile');
    await shows(profile, 'no profile');
    expect(await apiGet<UserProfileDto>(`/users/${ben.id}`)).toMatchObject({ exists: false, topArtists: [] });
    expect(await db.collection('profiles').countDocuments({ _id: ben.id as never })).toBe(0);
    const heard = await apiGet<HistoryPageDto>(`/guilds/${main.id}/history?userId=${ben.id}`);
    expect(heard.plays).toEqual([]);
  });

  it('works on a phone screen, in the dark theme', async () => {
    const phone = await newContext(chromium.browser, PHONE, base, 'dark');
    const small = await phone.newPage();
    watchErrors(small, pageErrors);
    await signIn(small, base);
    await shows(small.getByTestId('guild-list'), 'Main Room');

    const pages: Array<[string, string, () => Promise<void>, string?]> = [
      ['phone-10-history', `/history/${main.id}`, () => small.getByTestId('history-table').waitFor(), 'phone-history'],
      ['phone-11-stats', `/stats/${main.id}`, () => small.getByTestId('plays-per-day').waitFor(), 'phone-stats'],
      ['phone-12-tracks', '/tracks?q=daft', () => small.getByTestId('track-row').first().waitFor()],
      ['phone-13-users', `/users/${ana.id}`, () => small.getByTestId('user-profile').waitFor()],
    ];
    for (const [name, path, ready, docs] of pages) {
      await small.goto(path);
      await ready();
      const overflow = await small.evaluate('document.documentElement.scrollWidth - window.innerWidth');
      expect({ name, overflow }).toEqual({ name, overflow: 0 });
      await screenshot(small, name, { docs });
    }
    await phone.close();
    expect(pageErrors).toEqual([]);
  });
});
