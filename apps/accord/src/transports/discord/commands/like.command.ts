import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { guildIdOf } from '../guards/voice-context';
import { Command, type SlashCommand } from '../slash-command';
import { FeedbackService } from '../../../use-cases/feedback/feedback.service';
import { renderRated } from '../presenters/liked.presenter';

@Command()
export class LikeCommand implements SlashCommand {
  readonly definition = new SlashCommandBuilder()
    .setName('like')
    .setDescription('Like the song playing now (autoplay learns from it)')
    .setDMPermission(false)
    .toJSON();

  constructor(private readonly feedback: FeedbackService) {}

  async execute(interaction: ChatInputCommandInteraction): Promise<void> {
    const song = await this.feedback.rateCurrent(guildIdOf(interaction), interaction.user.id, 'like');
    await interaction.reply({ content: renderRated('like', song), flags: MessageFlags.Ephemeral });
  }
}
