import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { CommandRegistryService } from '../command-registry.service';
import { renderHelp } from '../presenters/help.presenter';
import { Command, type SlashCommand } from '../slash-command';

@Command()
export class HelpCommand implements SlashCommand {
  readonly definition = new SlashCommandBuilder().setName('help').setDescription('List what Accord can do').toJSON();

  constructor(private readonly registry: CommandRegistryService) {}

  async execute(interaction: ChatInputCommandInteraction): Promise<void> {
    const view = renderHelp(this.registry.all().map((command) => command.definition));
    await interaction.reply({ ...view, flags: MessageFlags.Ephemeral });
  }
}
