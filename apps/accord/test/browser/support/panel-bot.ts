import type { FakeGuildDefinition } from '@accord/testkit/factories';
import type { CatalogueTrack } from '@accord/testkit/lavalink';
import { LavalinkService } from '../../../src/adapters/lavalink/lavalink.service';
import { ADMIN_ENV } from '../../support/admin-session';
import { eventually, startTestBot, type TestBot } from '../../support/test-bot';
import { ensurePanelBuilt, freePort } from './browser';

export interface PanelBotOptions {
  guilds: FakeGuildDefinition[];
  /** The bot owner, who signs in to the panel: the fake Discord's consent page approves at once for them. */
  ownerId: string;
  /** With a catalogue, the bot is ready once Lavalink is too. */
  lavalinkCatalogue?: CatalogueTrack[];
  /** More env, e.g. the base URL of a stand-in. */
  env?: Record<string, string>;
}

/** A test bot serving the built panel on a port known before it boots (`base`, its `PUBLIC_URL`), connected and ready. */
export async function startPanelBot(options: PanelBotOptions): Promise<{ bot: TestBot; base: string }> {
  ensurePanelBuilt();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const bot = await startTestBot({
    guilds: options.guilds,
    lavalinkCatalogue: options.lavalinkCatalogue,
    httpPort: port,
    env: { ...ADMIN_ENV, PUBLIC_URL: base, OWNER_IDS: options.ownerId, LOG_LEVEL: 'warn', ...options.env },
  });
  await eventually(
    () => bot.discord.identifyCount > 0 && (!options.lavalinkCatalogue || bot.app.get(LavalinkService).isAvailable()),
  );
  bot.discord.oauthAutoApproveUserId = options.ownerId;
  return { bot, base };
}
