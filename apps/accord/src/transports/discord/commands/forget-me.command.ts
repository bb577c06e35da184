import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { Command, type SlashCommand } from '../slash-command';
import { renderForgetConfirm } from '../presenters/privacy.presenter';

@Command()
export class ForgetMeCommand implements SlashCommand {
  readonly definition = new SlashCommandBuilder()
    .setName('forget-me')
    .setDescription('Delete your profile, feedback and linked accounts, and your id from the play history')
    .toJSON();

  async execute(interaction: ChatInputCommandInteraction): Promise<void> {
    await interaction.reply({ ...renderForgetConfirm(), flags: MessageFlags.Ephemeral });
  }
}
