import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { PlaybackService } from '../../../domain/playback/playback.service';
import { LOOP_MODES, type LoopMode } from '../../../domain/playback/playback.types';
import { InVoiceChannelGuard } from '../guards/in-voice-channel.guard';
import { SameVoiceChannelGuard } from '../guards/same-voice-channel.guard';
import { guildIdOf } from '../guards/voice-context';
import { PlaybackReply } from '../presenters/playback-reply.presenter';
import { Command, type SlashCommand } from '../slash-command';

const LABELS: Record<LoopMode, string> = { off: 'Off', track: 'The current track', queue: 'The whole queue' };

@Command()
export class LoopCommand implements SlashCommand {
  readonly definition = new SlashCommandBuilder()
    .setName('loop')
    .setDescription('Repeat the current track, the whole queue, or nothing')
    .addStringOption((option) =>
      option
        .setName('mode')
        .setDescription('What to repeat')
        .setRequired(true)
        .addChoices(...LOOP_MODES.map((mode) => ({ name: LABELS[mode], value: mode }))),
    )
    .toJSON();

  readonly guards = [InVoiceChannelGuard, SameVoiceChannelGuard];

  constructor(private readonly playback: PlaybackService) {}

  async execute(interaction: ChatInputCommandInteraction): Promise<void> {
    const mode = interaction.options.getString('mode', true) as LoopMode;
    await this.playback.setLoop(guildIdOf(interaction), mode);
    await interaction.reply(PlaybackReply.loop(mode));
  }
}
