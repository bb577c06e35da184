import type { Language } from '@accord/i18n';
import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { PlaybackService } from '../../../domain/playback/playback.service';
import { LOOP_MODES, type LoopMode } from '../../../domain/playback/playback.types';
import { InVoiceChannelGuard } from '../guards/in-voice-channel.guard';
import { SameVoiceChannelGuard } from '../guards/same-voice-channel.guard';
import { guildIdOf } from '../guards/voice-context';
import { PlaybackReply } from '../presenters/playback-reply.presenter';
import { localized, localizedChoice } from '../i18n/localized-command';
import { Command, type SlashCommand } from '../slash-command';

@Command()
export class LoopCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'loop')
    .addStringOption((option) =>
      localized(option, 'loop.options.mode')
        .setRequired(true)
        .addChoices(...LOOP_MODES.map((mode) => localizedChoice(`loop.options.mode.choices.${mode}`, mode))),
    )
    .toJSON();

  readonly guards = [InVoiceChannelGuard, SameVoiceChannelGuard];

  constructor(private readonly playback: PlaybackService) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    const mode = interaction.options.getString('mode', true) as LoopMode;
    await this.playback.setLoop(guildIdOf(interaction), mode);
    await interaction.reply(PlaybackReply.loop(language, mode));
  }
}
