import type { Language } from '@accord/i18n';
import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { SystemStatusService } from '../../../domain/health/system-status.service';
import { renderPing } from '../presenters/ping.presenter';
import { localized } from '../i18n/localized-command';
import { Command, type SlashCommand } from '../slash-command';

@Command()
export class PingCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'ping').toJSON();

  constructor(private readonly status: SystemStatusService) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    const content = renderPing(language, await this.status.latency(), this.status.youtube());
    await interaction.reply({ content, flags: MessageFlags.Ephemeral });
  }
}
