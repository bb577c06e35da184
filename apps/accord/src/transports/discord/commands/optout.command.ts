import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { Command, type SlashCommand } from '../slash-command';
import { PrivacyService } from '../../../use-cases/privacy/privacy.service';
import { renderOptOut } from '../presenters/privacy.presenter';

@Command()
export class OptOutCommand implements SlashCommand {
  readonly definition = new SlashCommandBuilder()
    .setName('optout')
    .setDescription('Stop (or restart) recording what you hear, like and skip')
    .addBooleanOption((option) =>
      option.setName('enabled').setDescription('True: do not record me. False: record me again').setRequired(true),
    )
    .toJSON();

  constructor(private readonly privacy: PrivacyService) {}

  async execute(interaction: ChatInputCommandInteraction): Promise<void> {
    const optedOut = interaction.options.getBoolean('enabled', true);
    await this.privacy.setOptOut(interaction.user.id, optedOut);
    await interaction.reply({ content: renderOptOut(optedOut), flags: MessageFlags.Ephemeral });
  }
}
