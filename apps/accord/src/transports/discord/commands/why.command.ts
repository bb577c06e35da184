import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { guildIdOf } from '../guards/voice-context';
import { Command, type SlashCommand } from '../slash-command';
import { AutoplayService } from '../../../use-cases/autoplay/autoplay.service';
import { RecommendationReply } from '../presenters/recommendation.presenter';

@Command()
export class WhyCommand implements SlashCommand {
  readonly definition = new SlashCommandBuilder().setName('why').setDescription('Why is this song playing?').toJSON();

  constructor(private readonly autoplay: AutoplayService) {}

  async execute(interaction: ChatInputCommandInteraction): Promise<void> {
    const { entry, pick } = this.autoplay.explainCurrent(guildIdOf(interaction));
    await interaction.reply(RecommendationReply.why(entry, pick));
  }
}
