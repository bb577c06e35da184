import { Module } from '@nestjs/common';
import { discordClientProvider, DISCORD_CLIENT } from './discord-client.provider';
import { DiscordGatewayService } from './discord-gateway.service';

/** The Discord client and its gateway session; kept apart from commands so playback can use it too. */
@Module({
  providers: [discordClientProvider, DiscordGatewayService],
  exports: [DISCORD_CLIENT, DiscordGatewayService],
})
export class DiscordClientModule {}
