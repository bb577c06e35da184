import type { Language } from '@accord/i18n';
import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { SkipVoteService } from '../../../domain/playback/skip-vote.service';
import { DjGuard } from '../guards/dj.guard';
import { InVoiceChannelGuard } from '../guards/in-voice-channel.guard';
import { SameVoiceChannelGuard } from '../guards/same-voice-channel.guard';
import { guildIdOf } from '../guards/voice-context';
import { renderSkipOutcome } from '../presenters/playback-reply.presenter';
import { localized } from '../i18n/localized-command';
import { Command, type SlashCommand } from '../slash-command';

@Command()
export class SkipCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'skip').toJSON();

  readonly guards = [InVoiceChannelGuard, SameVoiceChannelGuard];

  constructor(
    private readonly skipVotes: SkipVoteService,
    private readonly dj: DjGuard,
  ) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    const outcome = await this.skipVotes.request({
      guildId: guildIdOf(interaction),
      userId: interaction.user.id,
      isDj: async () => (await this.dj.check(interaction)).ok,
    });
    await interaction.reply(renderSkipOutcome(language, outcome, interaction.user.id));
  }
}
