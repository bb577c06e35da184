import type { Language } from '@accord/i18n';
import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { localized } from '../i18n/localized-command';
import { Command, type SlashCommand } from '../slash-command';
import { renderForgetConfirm } from '../presenters/privacy.presenter';

@Command()
export class ForgetMeCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'forgetme').toJSON();

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    await interaction.reply({ ...renderForgetConfirm(language), flags: MessageFlags.Ephemeral });
  }
}
