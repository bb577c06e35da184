import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CatalogModule } from '../../domain/catalog/catalog.module';
import { GuildsModule } from '../../domain/guilds/guilds.module';
import { HealthModule } from '../../health/health.module';
import { PlayRequestService } from '../../use-cases/play-request/play-request.service';
import { PlaybackModule } from '../../domain/playback/playback.module';
import { SkipVoteService } from '../../domain/playback/skip-vote.service';
import { ButtonRegistryService } from './button-registry.service';
import { NowPlayingButtonHandler } from './buttons/now-playing.button-handler';
import { QueuePageButtonHandler } from './buttons/queue-page.button-handler';
import { ChannelMessagesAdapter } from '../../adapters/discord-client/channel-messages.adapter';
import { CommandRegistryService } from './command-registry.service';
import { FilterCommand } from './commands/filter.command';
import { HelpCommand } from './commands/help.command';
import { LeaveCommand } from './commands/leave.command';
import { LoopCommand } from './commands/loop.command';
import { MoveCommand } from './commands/move.command';
import { NowPlayingCommand } from './commands/now-playing.command';
import { PauseCommand } from './commands/pause.command';
import { PingCommand } from './commands/ping.command';
import { PlayCommand } from './commands/play.command';
import { QueueCommand } from './commands/queue.command';
import { RemoveCommand } from './commands/remove.command';
import { ResumeCommand } from './commands/resume.command';
import { SeekCommand } from './commands/seek.command';
import { ShuffleCommand } from './commands/shuffle.command';
import { SkipCommand } from './commands/skip.command';
import { StopCommand } from './commands/stop.command';
import { TwentyFourSevenCommand } from './commands/twenty-four-seven.command';
import { VolumeCommand } from './commands/volume.command';
import { DiscordClientModule } from '../../adapters/discord-client/discord-client.module';
import { DjGuard } from './guards/dj.guard';
import { GuardRunnerService } from './guards/guard-runner.service';
import { InVoiceChannelGuard } from './guards/in-voice-channel.guard';
import { OwnEntryOrDjGuard } from './guards/own-entry-or-dj.guard';
import { SameVoiceChannelGuard } from './guards/same-voice-channel.guard';
import { VoiceContextReader } from './guards/voice-context';
import { InteractionErrorPresenter } from './interaction-error.presenter';
import { InteractionRouterService } from './interaction-router.service';
import { NowPlayingService } from './now-playing/now-playing.service';
import { TrackFeedbackService } from '../../use-cases/feedback/track-feedback.service';

const COMMANDS = [
  PingCommand,
  PlayCommand,
  PauseCommand,
  ResumeCommand,
  SkipCommand,
  StopCommand,
  LeaveCommand,
  QueueCommand,
  NowPlayingCommand,
  RemoveCommand,
  MoveCommand,
  ShuffleCommand,
  LoopCommand,
  SeekCommand,
  VolumeCommand,
  FilterCommand,
  TwentyFourSevenCommand,
  HelpCommand,
];

const GUARDS = [
  VoiceContextReader,
  InVoiceChannelGuard,
  SameVoiceChannelGuard,
  DjGuard,
  OwnEntryOrDjGuard,
  GuardRunnerService,
];

/**
 * Slash commands, buttons and their routing; each command is a provider marked with `@Command()`,
 * each button family one marked with `@ButtonHandler()`. The two playback application services the
 * commands call (play requests, vote skip) are provided here because they join playback with the
 * catalog, which playback itself does not import.
 */
@Module({
  imports: [DiscoveryModule, DiscordClientModule, HealthModule, PlaybackModule, CatalogModule, GuildsModule],
  providers: [
    CommandRegistryService,
    ButtonRegistryService,
    InteractionRouterService,
    InteractionErrorPresenter,
    ChannelMessagesAdapter,
    NowPlayingService,
    TrackFeedbackService,
    PlayRequestService,
    SkipVoteService,
    NowPlayingButtonHandler,
    QueuePageButtonHandler,
    ...GUARDS,
    ...COMMANDS,
  ],
})
export class DiscordModule {}
