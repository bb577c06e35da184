import { Module } from '@nestjs/common';
import { DiscoveryModule } from '../discovery/discovery.module';
import { ChannelMessagesAdapter } from '../discord/channel-messages.adapter';
import { DiscordClientModule } from '../discord/discord-client.module';
import { GuildsModule } from '../guilds/guilds.module';
import { PlaybackModule } from '../playback/playback.module';
import { AutoplayService } from './autoplay.service';
import { AutoplayCommand } from './commands/autoplay.command';
import { DiscoverCommand } from './commands/discover.command';
import { WhyCommand } from './commands/why.command';
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
