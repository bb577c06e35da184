import type { Language } from '@accord/i18n';
import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { guildIdOf } from '../guards/voice-context';
import { localized } from '../i18n/localized-command';
import { Command, type SlashCommand } from '../slash-command';
import { FeedbackService } from '../../../use-cases/feedback/feedback.service';
import { renderRated } from '../presenters/liked.presenter';

@Command()
export class LikeCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'like').setDMPermission(false).toJSON();

  constructor(private readonly feedback: FeedbackService) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    const song = await this.feedback.rateCurrent(guildIdOf(interaction), interaction.user.id, 'like');
    await interaction.reply({ content: renderRated(language, 'like', song), flags: MessageFlags.Ephemeral });
  }
}
