import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { PlaybackService } from '../../../domain/playback/playback.service';
import { DjGuard } from '../guards/dj.guard';
import { InVoiceChannelGuard } from '../guards/in-voice-channel.guard';
import { SameVoiceChannelGuard } from '../guards/same-voice-channel.guard';
import { guildIdOf } from '../guards/voice-context';
import { PlaybackReply } from '../presenters/playback-reply.presenter';
import { Command, type SlashCommand } from '../slash-command';

@Command()
export class VolumeCommand implements SlashCommand {
  readonly definition = new SlashCommandBuilder()
    .setName('volume')
    .setDescription('Set the volume, 0-150 (DJ; anything but 100 makes Lavalink re-encode)')
    .addIntegerOption((option) =>
      option
        .setName('level')
        .setDescription('0 to 150; 100 is the original')
        .setRequired(true)
        .setMinValue(0)
        .setMaxValue(150),
    )
    .toJSON();

  readonly guards = [InVoiceChannelGuard, SameVoiceChannelGuard, DjGuard];

  constructor(private readonly playback: PlaybackService) {}

  async execute(interaction: ChatInputCommandInteraction): Promise<void> {
    const level = interaction.options.getInteger('level', true);
    const { transcoding } = await this.playback.setVolume(guildIdOf(interaction), level);
    await interaction.reply(PlaybackReply.volume(level, transcoding));
  }
}
