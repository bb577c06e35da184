import type { Language } from '@accord/i18n';
import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { localized } from '../i18n/localized-command';
import { Command, type SlashCommand } from '../slash-command';
import { ProfileViewService } from '../../../domain/preferences/profile-view.service';
import { renderProfile } from '../presenters/profile.presenter';

@Command()
export class ProfileCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'profile')
    .addUserOption((option) => localized(option, 'profile.options.user'))
    .toJSON();

  constructor(private readonly profiles: ProfileViewService) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    const user = interaction.options.getUser('user') ?? interaction.user;
    const view = await this.profiles.view(user.id);
    await interaction.reply({
      ...renderProfile(language, view, user.globalName ?? user.username),
      flags: MessageFlags.Ephemeral,
    });
  }
}
