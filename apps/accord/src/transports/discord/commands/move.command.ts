import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { PlaybackService } from '../../../domain/playback/playback.service';
import { InVoiceChannelGuard } from '../guards/in-voice-channel.guard';
import { SameVoiceChannelGuard } from '../guards/same-voice-channel.guard';
import { guildIdOf } from '../guards/voice-context';
import { PlaybackReply } from '../presenters/playback-reply.presenter';
import { Command, type SlashCommand } from '../slash-command';

@Command()
export class MoveCommand implements SlashCommand {
  readonly definition = new SlashCommandBuilder()
    .setName('move')
    .setDescription('Move a song to another place in the queue')
    .addIntegerOption((option) =>
      option.setName('from').setDescription('Its number in /queue now').setRequired(true).setMinValue(1),
    )
    .addIntegerOption((option) =>
      option.setName('to').setDescription('The number it should have').setRequired(true).setMinValue(1),
    )
    .toJSON();

  readonly guards = [InVoiceChannelGuard, SameVoiceChannelGuard];

  constructor(private readonly playback: PlaybackService) {}

  async execute(interaction: ChatInputCommandInteraction): Promise<void> {
    const from = interaction.options.getInteger('from', true);
    const to = interaction.options.getInteger('to', true);
    const moved = await this.playback.move(guildIdOf(interaction), from, to);
    await interaction.reply(PlaybackReply.moved({ entry: moved, from, to }));
  }
}
