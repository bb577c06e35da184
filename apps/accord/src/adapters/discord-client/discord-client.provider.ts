import { Client, GatewayIntentBits, Options, type ClientOptions } from 'discord.js';
import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DISCORD_CLIENT } from '../../shared/discord-client.token';

export { DISCORD_CLIENT };

/** How often discord.js drops its idle REST queues (one per interaction token among them). */
export const REST_QUEUE_SWEEP_MS = 5 * 60_000;

/**
 * The discord.js client. Only the Guilds and GuildVoiceStates intents: the bot needs guilds,
 * channels, roles and who sits in which voice channel, nothing privileged. Caches it never reads
 * are switched off to keep memory low on a Raspberry Pi. No message parses mentions unless it says
 * so: song titles come from uploaders and must not ping `@everyone`, roles or users.
 */
export const discordClientProvider: Provider = {
  provide: DISCORD_CLIENT,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): Client => {
    const options: ClientOptions = {
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildVoiceStates],
      shards: 'auto',
      allowedMentions: { parse: [] },
      makeCache: Options.cacheWithLimits({
        ...Options.DefaultMakeCacheSettings,
        MessageManager: 0,
        ReactionManager: 0,
        GuildMessageManager: 0,
        PresenceManager: 0,
        GuildStickerManager: 0,
        GuildEmojiManager: 0,
        StageInstanceManager: 0,
        ThreadManager: 0,
        AutoModerationRuleManager: 0,
        GuildScheduledEventManager: 0,
        // Nor these: the bot registers its commands but never reads them back, and has no use for
        // bans, invites, emojis, entitlements, DMs or thread members. Guilds, channels, roles, members
        // (names, the bot's own voice state), users and voice states stay fully cached.
        ApplicationCommandManager: 0,
        ApplicationEmojiManager: 0,
        BaseGuildEmojiManager: 0,
        DMMessageManager: 0,
        EntitlementManager: 0,
        GuildBanManager: 0,
        GuildForumThreadManager: 0,
        GuildInviteManager: 0,
        GuildTextThreadManager: 0,
        ReactionUserManager: 0,
        ThreadMemberManager: 0,
      }),
    };
    options.rest = {
      // discord.js keeps a request queue per interaction token (its answers and follow-ups) until a
      // sweep finds it idle, hourly by default; a token is dead after 15 minutes anyway.
      handlerSweepInterval: REST_QUEUE_SWEEP_MS,
      ...(config.discord.apiUrl ? { api: config.discord.apiUrl } : {}),
    };
    return new Client(options);
  },
};
