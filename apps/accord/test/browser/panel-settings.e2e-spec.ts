import { GuildFactory, MemberFactory, RoleFactory, TextChannelFactory, UserFactory } from '@accord/testkit/factories';
import { getConnectionToken } from '@nestjs/mongoose';
import { GatewayDispatchEvents } from 'discord.js';
import type { Connection } from 'mongoose';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { eventually, type TestBot } from '../support/test-bot';
import {
  DESKTOP,
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

const oscar = UserFactory.create({ username: 'oscar' }); // the bot owner, who signs in to the panel
const djs = RoleFactory.create({
  name: 'Party DJs',
  position: 3,
  colors: { primary_color: 0x1abc9c, secondary_color: null, tertiary_color: null },
});
const moderators = RoleFactory.create({ name: 'Moderators', position: 2 });
const listeners = RoleFactory.create({ name: 'Listeners', position: 1 });
const music = TextChannelFactory.category({ name: 'Music', position: 1 });
const lounge = TextChannelFactory.category({ name: 'Lounge', position: 2 });
const general = TextChannelFactory.create({ name: 'general', position: 0 });
const nowPlaying = TextChannelFactory.create({ name: 'now-playing', position: 1, parent_id: music.id });
const requests = TextChannelFactory.create({ name: 'requests', position: 2, parent_id: music.id });
const chat = TextChannelFactory.create({ name: 'chat', position: 3, parent_id: lounge.id });
const main = GuildFactory.create({
  name: 'Main Room',
  roles: [djs, moderators, listeners],
  channels: [general, music, nowPlaying, requests, lounge, chat],
  members: [MemberFactory.create({ user: oscar })],
});

describeInBrowser('Admin panel settings pickers and languages in headless Chromium (end to end on the fakes)', () => {
  let bot: TestBot;
  let chromium: HeadlessChromium;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const pageErrors: string[] = [];

  const storedSettings = async (): Promise<Record<string, unknown> | undefined> => {
    const doc = await bot.app.get<Connection>(getConnectionToken()).collection('guilds').findOne({ guildId: main.id });
    return doc?.settings as Record<string, unknown> | undefined;
  };
  const form = (): Locator => page.getByTestId('settings-form');
  const openSettings = async (): Promise<void> => {
    await page.goto(`/guilds/${main.id}`);
    await form().getByRole('combobox', { name: 'DJ role' }).waitFor();
    // The lists have loaded once the pickers take input.
    await eventually(async () => form().getByRole('combobox', { name: 'DJ role' }).isEnabled());
  };

  beforeAll(async () => {
    ({ bot, base } = await startPanelBot({ guilds: [main], ownerId: oscar.id }));
    ({ chromium, context, page } = await openPanel(base));
    watchErrors(page, pageErrors);
    await signIn(page, base);
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
    await bot?.close();
  });

  it('finds the DJ role by typing part of its name, and the announce channel under its category; the ids are saved', async () => {
    await openSettings();
    const role = form().getByRole('combobox', { name: 'DJ role' });
    await role.click();
    await role.fill('dj');
    const options = page.getByRole('listbox').getByRole('option');
    await eventually(async () => (await options.count()) === 1);
    await shows(options.first(), '@Party DJs');
    await role.press('Enter');
    expect(await role.inputValue()).toBe('@Party DJs');
    expect(await form().getByTestId('picker-djRoleId').locator('.dot').getAttribute('style')).toContain(
      'rgb(26, 188, 156)',
    );

    const channel = form().getByRole('combobox', { name: 'Announce channel' });
    await channel.click();
    const musicGroup = page.getByRole('listbox').getByRole('group', { name: 'Music' });
    expect(await musicGroup.getByRole('option').allTextContents()).toEqual(['#now-playing', '#requests']);
    expect(
      await page.getByRole('listbox').getByRole('group', { name: 'Lounge' }).getByRole('option').allTextContents(),
    ).toEqual(['#chat']);
    await screenshot(page, 'desktop-20-settings-channel-picker');
    // Arrows from "None": #general, then #now-playing.
    await channel.press('ArrowDown');
    await channel.press('ArrowDown');
    await channel.press('Enter');
    expect(await channel.inputValue()).toBe('#now-playing');

    await form().getByRole('button', { name: 'Save settings' }).click();

    await shows(form().getByRole('status'), 'Saved.');
    expect(await storedSettings()).toMatchObject({ djRoleId: djs.id, announceChannelId: nowPlaying.id });
  });

  it('works from the keyboard alone: typing searches, Escape puts the choice back', async () => {
    const role = form().getByRole('combobox', { name: 'DJ role' });
    await role.focus();
    expect(await role.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.type('moder');
    await shows(page.getByRole('listbox').getByRole('option'), '@Moderators');
    expect(await role.getAttribute('aria-expanded')).toBe('true');

    await page.keyboard.press('Escape');

    expect(await page.getByRole('listbox').count()).toBe(0);
    expect(await role.inputValue()).toBe('@Party DJs');
  });

  it('shows a role deleted in Discord as deleted, and saving is refused by the server with a message until another is chosen', async () => {
    bot.discord.dispatch(GatewayDispatchEvents.GuildRoleDelete, { guild_id: main.id, role_id: djs.id });
    await eventually(async () => {
      const response = await context.request.get(`/api/v1/guilds/${main.id}/roles`);
      return !((await response.json()) as Array<{ id: string }>).some((role) => role.id === djs.id);
    });

    await openSettings();
    await shows(form().getByTestId('deleted-djRoleId'), 'deleted');
    await form().getByLabel('Default volume').fill('90');
    const refused = page.waitForResponse(
      (response) => response.url().endsWith('/settings') && response.request().method() === 'PATCH',
    );
    await form().getByRole('button', { name: 'Save settings' }).click();

    expect((await refused).status()).toBe(400);

    // The server refused it (the document is unchanged below); the panel says so in its language.
    await shows(form().getByTestId('error-djRoleId'), 'This role was deleted in Discord');
    await shows(form().getByRole('alert'), 'Some settings need fixing');
    await screenshot(page, 'desktop-21-settings-deleted-role');
    expect(await storedSettings()).toMatchObject({ djRoleId: djs.id });
    expect((await storedSettings())?.defaultVolume).not.toBe(90);

    const role = form().getByRole('combobox', { name: 'DJ role' });
    await role.click();
    await page.getByRole('option', { name: 'None' }).click();
    await form().getByRole('button', { name: 'Save settings' }).click();
    await shows(form().getByRole('status'), 'Saved.');
    expect(await storedSettings()).toMatchObject({ djRoleId: null, defaultVolume: 90 });
  });

  it("sets the server's language for what the bot posts, and Discord's server language clears it", async () => {
    await form().getByLabel('Server language').selectOption({ label: 'Deutsch' });
    await form().getByRole('button', { name: 'Save settings' }).click();
    await shows(form().getByRole('status'), 'Saved.');
    expect(await storedSettings()).toMatchObject({ language: 'de' });

    await form().getByLabel('Server language').selectOption({ label: "Discord's server language" });
    await form().getByRole('button', { name: 'Save settings' }).click();
    await shows(form().getByRole('status'), 'Saved.');
    expect(await storedSettings()).toMatchObject({ language: null });
  });

  it('switches to German, sets <html lang>, and keeps German after a reload', async () => {
    await page.getByTestId('language-switch').selectOption({ label: 'Deutsch' });

    await shows(form().getByRole('button'), 'Einstellungen speichern');
    await form().getByRole('combobox', { name: 'DJ-Rolle' }).waitFor();
    await shows(page.getByRole('navigation'), 'Übersicht');
    expect(await page.evaluate('document.documentElement.lang')).toBe('de');
    await page.reload();

    await form().getByRole('combobox', { name: 'Ankündigungskanal' }).waitFor();
    await shows(page.getByRole('button', { name: 'Abmelden' }), 'Abmelden');
    expect(await page.evaluate('document.documentElement.lang')).toBe('de');
    await screenshot(page, 'desktop-22-guild-german');

    await page.getByTestId('language-switch').selectOption({ label: 'English' });
    await form().getByRole('combobox', { name: 'DJ role' }).waitFor();
  });

  it('starts in German for a browser that prefers de-DE, and in English for a language the panel does not speak', async () => {
    const german = await newContext(chromium.browser, DESKTOP, base, 'light', 'de-DE');
    const korean = await newContext(chromium.browser, DESKTOP, base, 'light', 'ko-KR');
    const [dePage, koPage] = await Promise.all([german.newPage(), korean.newPage()]);
    watchErrors(dePage, pageErrors);
    watchErrors(koPage, pageErrors);

    await dePage.goto('/');
    await koPage.goto('/');

    await dePage.getByRole('link', { name: 'Mit Discord anmelden' }).waitFor();
    expect(await dePage.evaluate('document.documentElement.lang')).toBe('de');
    await koPage.getByRole('link', { name: 'Log in with Discord' }).waitFor();
    expect(await koPage.evaluate('document.documentElement.lang')).toBe('en');
    await german.close();
    await korean.close();
    expect(pageErrors).toEqual([]);
  });
});
