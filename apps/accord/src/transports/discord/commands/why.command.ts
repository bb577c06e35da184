import type { Language } from '@accord/i18n';
import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { guildIdOf } from '../guards/voice-context';
import { localized } from '../i18n/localized-command';
import { Command, type SlashCommand } from '../slash-command';
import { AutoplayService } from '../../../use-cases/autoplay/autoplay.service';
import { RecommendationReply } from '../presenters/recommendation.presenter';

@Command()
export class WhyCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'why').toJSON();

  constructor(private readonly autoplay: AutoplayService) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    const { entry, pick } = this.autoplay.explainCurrent(guildIdOf(interaction));
    await interaction.reply(RecommendationReply.why(language, entry, pick));
  }
}
