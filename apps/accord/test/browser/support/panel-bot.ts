import { GuildFactory, MemberFactory, UserFactory, type FakeGuildDefinition } from '@accord/testkit/factories';
import type { CatalogueTrack } from '@accord/testkit/lavalink';
import type { APIUser } from 'discord.js';
import { LavalinkService } from '../../../src/adapters/lavalink/lavalink.service';
import { PlaybackService } from '../../../src/domain/playback/playback.service';
import { ADMIN_ENV } from '../../support/admin-session';
import { eventually, startTestBot, type TestBot } from '../../support/test-bot';
import { ensurePanelBuilt, freePort } from './browser';

/** The usual cast: ana, who listens, and oscar, the bot owner, who signs in to the panel; both in "Main Room". */
export function mainRoom(): { ana: APIUser; oscar: APIUser; main: FakeGuildDefinition } {
  const ana = UserFactory.create({ username: 'ana' });
  const oscar = UserFactory.create({ username: 'oscar' });
  const main = GuildFactory.create({
    name: 'Main Room',
    members: [MemberFactory.create({ user: ana }), MemberFactory.create({ user: oscar })],
  });
  return { ana, oscar, main };
}

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

/** Queues the first search result for `query` as `userId` asks for it from `guild`'s voice channel. */
export async function enqueueSearch(
  bot: TestBot,
  guild: FakeGuildDefinition,
  userId: string,
  query: string,
): Promise<void> {
  const found = await bot.app.get(LavalinkService).load(query, 'ytsearch');
  if (found.type !== 'search') throw new Error(`the fake Lavalink did not find ${query}`);
  await bot.app.get(PlaybackService).enqueue(
    {
      guildId: guild.id,
      userId,
      voiceChannelId: GuildFactory.voiceChannel(guild).id,
      textChannelId: GuildFactory.textChannel(guild).id,
    },
    [found.tracks[0]],
  );
}
