import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { SystemStatusService } from '../../../domain/health/system-status.service';
import { renderPing } from '../presenters/ping.presenter';
import { Command, type SlashCommand } from '../slash-command';

@Command()
export class PingCommand implements SlashCommand {
  readonly definition = new SlashCommandBuilder()
    .setName('ping')
    .setDescription('Show how quickly Accord reaches Discord, Lavalink and its database, and whether YouTube plays')
    .toJSON();

  constructor(private readonly status: SystemStatusService) {}

  async execute(interaction: ChatInputCommandInteraction): Promise<void> {
    const content = renderPing(await this.status.latency(), this.status.youtube());
    await interaction.reply({ content, flags: MessageFlags.Ephemeral });
  }
}
