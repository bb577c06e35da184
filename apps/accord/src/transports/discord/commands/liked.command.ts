import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { Command, type SlashCommand } from '../slash-command';
import { LikedService } from '../../../use-cases/liked/liked.service';
import { renderLikedPage } from '../presenters/liked.presenter';

@Command()
export class LikedCommand implements SlashCommand {
  readonly definition = new SlashCommandBuilder()
    .setName('liked')
    .setDescription('Your liked songs, with a button to queue them')
    .setDMPermission(false)
    .addIntegerOption((option) => option.setName('page').setDescription('Page to open first').setMinValue(1))
    .toJSON();

  constructor(private readonly liked: LikedService) {}

  async execute(interaction: ChatInputCommandInteraction): Promise<void> {
    const page = await this.liked.page(interaction.user.id, (interaction.options.getInteger('page') ?? 1) - 1);
    await interaction.reply({ ...renderLikedPage(page), flags: MessageFlags.Ephemeral });
  }
}
