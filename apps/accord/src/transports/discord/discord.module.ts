import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CatalogModule } from '../../domain/catalog/catalog.module';
import { GuildsModule } from '../../domain/guilds/guilds.module';
import { HealthModule } from '../../domain/health/health.module';
import { PlaybackModule } from '../../domain/playback/playback.module';
import { FeedbackModule } from '../../use-cases/feedback/feedback.module';
import { FixModule } from '../../use-cases/fix/fix.module';
import { ImportModule } from '../../use-cases/import/import.module';
import { LikedModule } from '../../use-cases/liked/liked.module';
import { PlayRequestModule } from '../../use-cases/play-request/play-request.module';
import { PrivacyModule } from '../../use-cases/privacy/privacy.module';
import { RecommendationModule } from '../../use-cases/autoplay/recommendation.module';
import { PreferencesModule } from '../../domain/preferences/preferences.module';
import { SignInLinksModule } from '../../domain/sign-in-links/sign-in-links.module';
import { FixButtonHandler } from './buttons/fix.button-handler';
import { ForgetButtonHandler } from './buttons/forget.button-handler';
import { LikedButtonHandler } from './buttons/liked.button-handler';
import { LyricsPageButtonHandler } from './buttons/lyrics-page.button-handler';
import { LyricsCommand } from './commands/lyrics.command';
import { LyricsModule } from '../../domain/lyrics/lyrics.module';
import { AutoplayCommand } from './commands/autoplay.command';
import { DiscoverCommand } from './commands/discover.command';
import { DislikeCommand } from './commands/dislike.command';
import { FixCommand } from './commands/fix.command';
import { ForgetMeCommand } from './commands/forget-me.command';
import { ImportCommand } from './commands/import.command';
import { LikeCommand } from './commands/like.command';
import { LikedCommand } from './commands/liked.command';
import { LinkCommand } from './commands/link.command';
import { OptOutCommand } from './commands/optout.command';
import { PrivacyCommand } from './commands/privacy.command';
import { ProfileCommand } from './commands/profile.command';
import { UnlinkCommand } from './commands/unlink.command';
import { WhyCommand } from './commands/why.command';
import { AccountLinkedListener } from './replies/account-linked.listener';
import { AutoplayPausedListener } from './replies/autoplay-paused.listener';
import { ImportRepliesService } from './replies/import-replies.service';
import { ButtonRegistryService } from './button-registry.service';
import { NowPlayingButtonHandler } from './buttons/now-playing.button-handler';
import { QueuePageButtonHandler } from './buttons/queue-page.button-handler';
import { CommandRegistryService } from './command-registry.service';
import { FilterCommand } from './commands/filter.command';
import { HelpCommand } from './commands/help.command';
import { LeaveCommand } from './commands/leave.command';
import { LoopCommand } from './commands/loop.command';
import { MoveCommand } from './commands/move.command';
import { NowPlayingCommand } from './commands/now-playing.command';
import { PauseCommand } from './commands/pause.command';
import { PanelCommand } from './commands/panel.command';
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
import { CatalogEditorGuard } from './guards/catalog-editor.guard';
import { DjGuard } from './guards/dj.guard';
import { GuardRunnerService } from './guards/guard-runner.service';
import { InVoiceChannelGuard } from './guards/in-voice-channel.guard';
import { OwnEntryOrDjGuard } from './guards/own-entry-or-dj.guard';
import { PanelAccessGuard } from './guards/panel-access.guard';
import { SameVoiceChannelGuard } from './guards/same-voice-channel.guard';
import { VoiceContextReader } from './guards/voice-context';
import { InteractionLanguageService } from './i18n/interaction-language.service';
import { InteractionErrorPresenter } from './interaction-error.presenter';
import { InteractionRouterService } from './interaction-router.service';
import { NowPlayingService } from './now-playing/now-playing.service';

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
  FixCommand,
  LikeCommand,
  DislikeCommand,
  LikedCommand,
  ProfileCommand,
  PrivacyCommand,
  ForgetMeCommand,
  OptOutCommand,
  LinkCommand,
  UnlinkCommand,
  ImportCommand,
  AutoplayCommand,
  DiscoverCommand,
  WhyCommand,
  LyricsCommand,
  PanelCommand,
];

const BUTTONS = [
  NowPlayingButtonHandler,
  QueuePageButtonHandler,
  FixButtonHandler,
  LikedButtonHandler,
  ForgetButtonHandler,
  LyricsPageButtonHandler,
];

const GUARDS = [
  VoiceContextReader,
  InVoiceChannelGuard,
  SameVoiceChannelGuard,
  DjGuard,
  CatalogEditorGuard,
  OwnEntryOrDjGuard,
  PanelAccessGuard,
  GuardRunnerService,
];

/**
 * The Discord transport: every slash command, button and presenter, and their routing. Each command
 * is a provider marked with `@Command()`, each button family one marked with `@ButtonHandler()`;
 * they parse the interaction, call one use case or domain service, and render the result.
 */
@Module({
  imports: [
    DiscoveryModule,
    HealthModule,
    PlaybackModule,
    CatalogModule,
    GuildsModule,
    PreferencesModule,
    PlayRequestModule,
    FixModule,
    FeedbackModule,
    LikedModule,
    ImportModule,
    PrivacyModule,
    RecommendationModule,
    LyricsModule,
    SignInLinksModule,
  ],
  providers: [
    CommandRegistryService,
    ButtonRegistryService,
    InteractionRouterService,
    InteractionErrorPresenter,
    InteractionLanguageService,
    NowPlayingService,
    ImportRepliesService,
    AccountLinkedListener,
    AutoplayPausedListener,
    ...GUARDS,
    ...BUTTONS,
    ...COMMANDS,
  ],
})
export class DiscordModule {}
