import type { Language } from '@accord/i18n';
import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { PlaybackService } from '../../../domain/playback/playback.service';
import { DjGuard } from '../guards/dj.guard';
import { InVoiceChannelGuard } from '../guards/in-voice-channel.guard';
import { SameVoiceChannelGuard } from '../guards/same-voice-channel.guard';
import { guildIdOf } from '../guards/voice-context';
import { PlaybackReply } from '../presenters/playback-reply.presenter';
import { localized } from '../i18n/localized-command';
import { Command, type SlashCommand } from '../slash-command';

@Command()
export class VolumeCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'volume')
    .addIntegerOption((option) =>
      localized(option, 'volume.options.level').setRequired(true).setMinValue(0).setMaxValue(150),
    )
    .toJSON();

  readonly guards = [InVoiceChannelGuard, SameVoiceChannelGuard, DjGuard];

  constructor(private readonly playback: PlaybackService) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    const level = interaction.options.getInteger('level', true);
    const { transcoding } = await this.playback.setVolume(guildIdOf(interaction), level);
    await interaction.reply(PlaybackReply.volume(language, level, transcoding));
  }
}
