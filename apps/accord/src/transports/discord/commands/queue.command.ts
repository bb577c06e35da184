import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { PlaybackService } from '../../../domain/playback/playback.service';
import { guildIdOf } from '../guards/voice-context';
import { renderQueuePage } from '../presenters/queue.presenter';
import { Command, type SlashCommand } from '../slash-command';

@Command()
export class QueueCommand implements SlashCommand {
  readonly definition = new SlashCommandBuilder()
    .setName('queue')
    .setDescription('Show the queue, ten songs a page')
    .addIntegerOption((option) => option.setName('page').setDescription('Page to open first').setMinValue(1))
    .toJSON();

  constructor(private readonly playback: PlaybackService) {}

  async execute(interaction: ChatInputCommandInteraction): Promise<void> {
    const page = (interaction.options.getInteger('page') ?? 1) - 1;
    await interaction.reply(renderQueuePage(this.playback.snapshot(guildIdOf(interaction)), page));
  }
}
