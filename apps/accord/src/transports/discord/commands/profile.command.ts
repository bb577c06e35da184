import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { Command, type SlashCommand } from '../slash-command';
import { ProfileViewService } from '../../../domain/preferences/profile-view.service';
import { renderProfile } from '../presenters/profile.presenter';

@Command()
export class ProfileCommand implements SlashCommand {
  readonly definition = new SlashCommandBuilder()
    .setName('profile')
    .setDescription('Top artists and tags, liked discoveries and imports of you or someone else')
    .addUserOption((option) => option.setName('user').setDescription('Whose profile (default: yours)'))
    .toJSON();

  constructor(private readonly profiles: ProfileViewService) {}

  async execute(interaction: ChatInputCommandInteraction): Promise<void> {
    const user = interaction.options.getUser('user') ?? interaction.user;
    const view = await this.profiles.view(user.id);
    await interaction.reply({
      ...renderProfile(view, user.globalName ?? user.username),
      flags: MessageFlags.Ephemeral,
    });
  }
}
