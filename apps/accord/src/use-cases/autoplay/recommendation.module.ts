import { Module } from '@nestjs/common';
import { DiscoveryModule } from '../../domain/discovery/discovery.module';
import { ChannelMessagesAdapter } from '../../adapters/discord-client/channel-messages.adapter';
import { DiscordClientModule } from '../../adapters/discord-client/discord-client.module';
import { GuildsModule } from '../../domain/guilds/guilds.module';
import { PlaybackModule } from '../../domain/playback/playback.module';
import { AutoplayService } from './autoplay.service';
import { AutoplayCommand } from '../../transports/discord/commands/autoplay.command';
import { DiscoverCommand } from '../../transports/discord/commands/discover.command';
import { WhyCommand } from '../../transports/discord/commands/why.command';
import { ListenerDirectory } from './listener-directory';

/**
 * Autoplay: listens to playback (`QueueLow`, `ListenersChanged`, the queue's end), gathers the
 * room's profiles, history and candidates, asks `@accord/recommender`, queues the pick and explains
 * it (`/why`). The listening memory arrives through the ports in `ports.ts`.
 */
@Module({
  imports: [DiscoveryModule, PlaybackModule, GuildsModule, DiscordClientModule],
  providers: [AutoplayService, ListenerDirectory, ChannelMessagesAdapter, AutoplayCommand, DiscoverCommand, WhyCommand],
  exports: [AutoplayService],
})
export class RecommendationModule {}
