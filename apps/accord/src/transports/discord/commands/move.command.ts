import type { Language } from '@accord/i18n';
import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { PlaybackService } from '../../../domain/playback/playback.service';
import { InVoiceChannelGuard } from '../guards/in-voice-channel.guard';
import { SameVoiceChannelGuard } from '../guards/same-voice-channel.guard';
import { guildIdOf } from '../guards/voice-context';
import { PlaybackReply } from '../presenters/playback-reply.presenter';
import { localized } from '../i18n/localized-command';
import { Command, type SlashCommand } from '../slash-command';

@Command()
export class MoveCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'move')
    .addIntegerOption((option) => localized(option, 'move.options.from').setRequired(true).setMinValue(1))
    .addIntegerOption((option) => localized(option, 'move.options.to').setRequired(true).setMinValue(1))
    .toJSON();

  readonly guards = [InVoiceChannelGuard, SameVoiceChannelGuard];

  constructor(private readonly playback: PlaybackService) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    const from = interaction.options.getInteger('from', true);
    const to = interaction.options.getInteger('to', true);
    const moved = await this.playback.move(guildIdOf(interaction), from, to);
    await interaction.reply(PlaybackReply.moved(language, { entry: moved, from, to }));
  }
}
