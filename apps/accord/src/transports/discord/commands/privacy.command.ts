import type { Language } from '@accord/i18n';
import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { localized } from '../i18n/localized-command';
import { Command, type SlashCommand } from '../slash-command';
import { PrivacyService } from '../../../use-cases/privacy/privacy.service';
import { renderStored } from '../presenters/privacy.presenter';

@Command()
export class PrivacyCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'privacy').toJSON();

  constructor(private readonly privacy: PrivacyService) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    await interaction.reply({
      ...renderStored(language, await this.privacy.stored(interaction.user.id)),
      flags: MessageFlags.Ephemeral,
    });
  }
}
