import type { Language } from '@accord/i18n';
import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { PlaybackService } from '../../../domain/playback/playback.service';
import { guildIdOf } from '../guards/voice-context';
import { renderQueuePage } from '../presenters/queue.presenter';
import { localized } from '../i18n/localized-command';
import { Command, type SlashCommand } from '../slash-command';

@Command()
export class QueueCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'queue')
    .addIntegerOption((option) => localized(option, 'queue.options.page').setMinValue(1))
    .toJSON();

  constructor(private readonly playback: PlaybackService) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    const page = (interaction.options.getInteger('page') ?? 1) - 1;
    await interaction.reply(renderQueuePage(language, this.playback.snapshot(guildIdOf(interaction)), page));
  }
}
