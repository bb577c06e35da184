import type { Language } from '@accord/i18n';
import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { PlaybackService } from '../../../domain/playback/playback.service';
import { InVoiceChannelGuard } from '../guards/in-voice-channel.guard';
import { OwnEntryOrDjGuard } from '../guards/own-entry-or-dj.guard';
import { SameVoiceChannelGuard } from '../guards/same-voice-channel.guard';
import { guildIdOf } from '../guards/voice-context';
import { PlaybackReply } from '../presenters/playback-reply.presenter';
import { localized } from '../i18n/localized-command';
import { Command, type SlashCommand } from '../slash-command';

@Command()
export class RemoveCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'remove')
    .addIntegerOption((option) => localized(option, 'remove.options.position').setRequired(true).setMinValue(1))
    .toJSON();

  readonly guards = [InVoiceChannelGuard, SameVoiceChannelGuard, OwnEntryOrDjGuard];

  constructor(private readonly playback: PlaybackService) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    const position = interaction.options.getInteger('position', true);
    const removed = await this.playback.remove(guildIdOf(interaction), position);
    await interaction.reply(PlaybackReply.removed(language, removed, position));
  }
}
