import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { guildIdOf } from '../guards/voice-context';
import { Command, type SlashCommand } from '../slash-command';
import { FeedbackService } from '../../../use-cases/feedback/feedback.service';
import { renderRated } from '../presenters/liked.presenter';

@Command()
export class DislikeCommand implements SlashCommand {
  readonly definition = new SlashCommandBuilder()
    .setName('dislike')
    .setDescription('Dislike the song playing now (autoplay will not pick it for you)')
    .setDMPermission(false)
    .toJSON();

  constructor(private readonly feedback: FeedbackService) {}

  async execute(interaction: ChatInputCommandInteraction): Promise<void> {
    const song = await this.feedback.rateCurrent(guildIdOf(interaction), interaction.user.id, 'dislike');
    await interaction.reply({ content: renderRated('dislike', song), flags: MessageFlags.Ephemeral });
  }
}
