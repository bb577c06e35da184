import type { Language } from '@accord/i18n';
import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { CommandRegistryService } from '../command-registry.service';
import { renderHelp } from '../presenters/help.presenter';
import { localized } from '../i18n/localized-command';
import { Command, type SlashCommand } from '../slash-command';

@Command()
export class HelpCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'help').toJSON();

  constructor(private readonly registry: CommandRegistryService) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    const view = renderHelp(
      language,
      this.registry.all().map((command) => command.definition),
    );
    await interaction.reply({ ...view, flags: MessageFlags.Ephemeral });
  }
}
