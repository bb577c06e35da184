import { Global, Module } from '@nestjs/common';
import { discordClientProvider, DISCORD_CLIENT } from './discord-client.provider';
import { ChannelMessagesAdapter } from './channel-messages.adapter';
import { DiscordGatewayService, PROCESS_EXIT, type ProcessExit } from './discord-gateway.service';
import { DiscordOAuthClient } from './discord-oauth.client';
import { GuildDirectory } from './guild-directory.adapter';
import { ListenerDirectory } from './listener-directory';
import { VoicePresenceService } from './voice-presence.service';

/**
 * The Discord client and everything that reads or writes through it outside interactions: the
 * gateway session, channel messages, voice presence, members' display names, guilds' roles and
 * channels, and the OAuth2 login API. Global: the transports, the domain and the Lavalink adapter's
 * voice connector all use the one client.
 */
@Global()
@Module({
  providers: [
    discordClientProvider,
    { provide: PROCESS_EXIT, useValue: ((code) => process.exit(code)) satisfies ProcessExit },
    DiscordGatewayService,
    ChannelMessagesAdapter,
    VoicePresenceService,
    DiscordOAuthClient,
    ListenerDirectory,
    GuildDirectory,
  ],
  exports: [
    DISCORD_CLIENT,
    DiscordGatewayService,
    ChannelMessagesAdapter,
    VoicePresenceService,
    DiscordOAuthClient,
    ListenerDirectory,
    GuildDirectory,
  ],
})
export class DiscordClientModule {}
