import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { PlaybackService } from '../../../domain/playback/playback.service';
import { DjGuard } from '../guards/dj.guard';
import { InVoiceChannelGuard } from '../guards/in-voice-channel.guard';
import { SameVoiceChannelGuard } from '../guards/same-voice-channel.guard';
import { guildIdOf } from '../guards/voice-context';
import { PlaybackReply } from '../presenters/playback-reply.presenter';
import { Command, type SlashCommand } from '../slash-command';

@Command()
export class StopCommand implements SlashCommand {
  readonly definition = new SlashCommandBuilder()
    .setName('stop')
    .setDescription('Stop the music, clear the queue and leave the voice channel (DJ)')
    .toJSON();

  readonly guards = [InVoiceChannelGuard, SameVoiceChannelGuard, DjGuard];

  constructor(private readonly playback: PlaybackService) {}

  async execute(interaction: ChatInputCommandInteraction): Promise<void> {
    await this.playback.stop(guildIdOf(interaction));
    await interaction.reply(PlaybackReply.stopped(interaction.user.id));
  }
}
