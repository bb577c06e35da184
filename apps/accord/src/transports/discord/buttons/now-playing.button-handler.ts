import { t, type Language } from '@accord/i18n';
import { Injectable } from '@nestjs/common';
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { PlaybackError, PlaybackErrorCode } from '@accord/core';
import { PlaybackService } from '../../../domain/playback/playback.service';
import { SkipVoteService } from '../../../domain/playback/skip-vote.service';
import { ButtonHandler, type ButtonHandlerProvider } from '../button-handler';
import { DjGuard } from '../guards/dj.guard';
import { GuardRunnerService } from '../guards/guard-runner.service';
import { InVoiceChannelGuard } from '../guards/in-voice-channel.guard';
import type { InteractionGuardType } from '../guards/interaction-guard';
import { SameVoiceChannelGuard } from '../guards/same-voice-channel.guard';
import { guildIdOf } from '../guards/voice-context';
import { InteractionLanguageService } from '../i18n/interaction-language.service';
import { InteractionErrorPresenter } from '../interaction-error.presenter';
import { FeedbackService, type FeedbackKindGiven } from '../../../use-cases/feedback/feedback.service';
import { NOW_PLAYING_PREFIX, NowPlayingButton, renderNowPlaying } from '../presenters/now-playing.presenter';
import { PlaybackReply, renderFeedbackReceipt, renderSkipOutcome } from '../presenters/playback-reply.presenter';

const LISTENER = [InVoiceChannelGuard, SameVoiceChannelGuard];

/** The now-playing buttons: the same services and guards as /pause, /resume, /skip and /stop. */
@ButtonHandler()
@Injectable()
export class NowPlayingButtonHandler implements ButtonHandlerProvider {
  readonly prefix = NOW_PLAYING_PREFIX;

  constructor(
    private readonly playback: PlaybackService,
    private readonly skipVotes: SkipVoteService,
    private readonly feedback: FeedbackService,
    private readonly guards: GuardRunnerService,
    private readonly dj: DjGuard,
    private readonly errors: InteractionErrorPresenter,
    private readonly languages: InteractionLanguageService,
  ) {}

  async handle(interaction: ButtonInteraction, language: Language): Promise<void> {
    switch (interaction.customId) {
      case NowPlayingButton.PauseResume:
        return this.guarded(interaction, LISTENER, language, () => this.togglePause(interaction));
      case NowPlayingButton.Skip:
        return this.guarded(interaction, LISTENER, language, () => this.skip(interaction, language));
      case NowPlayingButton.Stop:
        return this.guarded(interaction, [...LISTENER, DjGuard], language, () => this.stop(interaction, language));
      // Only the people listening rate what plays (the song feeds their taste profile).
      case NowPlayingButton.Like:
        return this.guarded(interaction, [SameVoiceChannelGuard], language, () =>
          this.giveFeedback(interaction, 'like', language),
        );
      case NowPlayingButton.Dislike:
        return this.guarded(interaction, [SameVoiceChannelGuard], language, () =>
          this.giveFeedback(interaction, 'dislike', language),
        );
      default:
        await interaction.reply({ content: t(language, 'common:expiredButton'), flags: MessageFlags.Ephemeral });
    }
  }

  private async guarded(
    interaction: ButtonInteraction,
    guards: readonly InteractionGuardType[],
    language: Language,
    action: () => Promise<void>,
  ): Promise<void> {
    const refusal = await this.guards.run(guards, interaction);
    if (refusal) return this.errors.refuse(interaction, refusal, language);
    await action();
  }

  private async togglePause(interaction: ButtonInteraction): Promise<void> {
    const guildId = guildIdOf(interaction);
    const current = this.playback.snapshot(guildId)?.current;
    if (!current) throw new PlaybackError(PlaybackErrorCode.NothingPlaying, { what: 'track' });
    await (current.paused ? this.playback.resume(guildId) : this.playback.pause(guildId));
    const snapshot = this.playback.snapshot(guildId);
    // Redraw the message the button sits on at once (the now-playing service edits it too, merged),
    // in the server's language: the message is everyone's.
    if (snapshot) await interaction.update(renderNowPlaying(await this.languages.forGuild(guildId), snapshot));
    else await interaction.deferUpdate();
  }

  private async skip(interaction: ButtonInteraction, language: Language): Promise<void> {
    const outcome = await this.skipVotes.request({
      guildId: guildIdOf(interaction),
      userId: interaction.user.id,
      isDj: async () => (await this.dj.check(interaction)).ok,
    });
    await interaction.reply(renderSkipOutcome(language, outcome, interaction.user.id));
  }

  private async stop(interaction: ButtonInteraction, language: Language): Promise<void> {
    await this.playback.stop(guildIdOf(interaction));
    await interaction.reply(PlaybackReply.stopped(language, interaction.user.id));
  }

  private async giveFeedback(
    interaction: ButtonInteraction,
    kind: FeedbackKindGiven,
    language: Language,
  ): Promise<void> {
    const receipt = await this.feedback.rateCurrent(guildIdOf(interaction), interaction.user.id, kind);
    await interaction.reply({ content: renderFeedbackReceipt(language, kind, receipt), flags: MessageFlags.Ephemeral });
  }
}
