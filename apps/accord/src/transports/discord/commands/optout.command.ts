import type { Language } from '@accord/i18n';
import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { localized } from '../i18n/localized-command';
import { Command, type SlashCommand } from '../slash-command';
import { PrivacyService } from '../../../use-cases/privacy/privacy.service';
import { renderOptOut } from '../presenters/privacy.presenter';

@Command()
export class OptOutCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'optout')
    .addBooleanOption((option) => localized(option, 'optout.options.enabled').setRequired(true))
    .toJSON();

  constructor(private readonly privacy: PrivacyService) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    const optedOut = interaction.options.getBoolean('enabled', true);
    await this.privacy.setOptOut(interaction.user.id, optedOut);
    await interaction.reply({ content: renderOptOut(language, optedOut), flags: MessageFlags.Ephemeral });
  }
}
