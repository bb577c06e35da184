import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { Command, type SlashCommand } from '../slash-command';
import { PrivacyService } from '../../../use-cases/privacy/privacy.service';
import { renderStored } from '../presenters/privacy.presenter';

@Command()
export class PrivacyCommand implements SlashCommand {
  readonly definition = new SlashCommandBuilder()
    .setName('privacy')
    .setDescription('What I store about you, and how to stop it or delete it')
    .toJSON();

  constructor(private readonly privacy: PrivacyService) {}

  async execute(interaction: ChatInputCommandInteraction): Promise<void> {
    await interaction.reply({
      ...renderStored(await this.privacy.stored(interaction.user.id)),
      flags: MessageFlags.Ephemeral,
    });
  }
}
