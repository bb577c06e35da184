import type { Language } from '@accord/i18n';
import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { localized } from '../i18n/localized-command';
import { Command, type SlashCommand } from '../slash-command';
import { LikedService } from '../../../use-cases/liked/liked.service';
import { renderLikedPage } from '../presenters/liked.presenter';

@Command()
export class LikedCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'liked')
    .setDMPermission(false)
    .addIntegerOption((option) => localized(option, 'liked.options.page').setMinValue(1))
    .toJSON();

  constructor(private readonly liked: LikedService) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    const page = await this.liked.page(interaction.user.id, (interaction.options.getInteger('page') ?? 1) - 1);
    await interaction.reply({ ...renderLikedPage(language, page), flags: MessageFlags.Ephemeral });
  }
}
