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
export class ResumeCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'resume').toJSON();
  readonly guards = [InVoiceChannelGuard, SameVoiceChannelGuard];

  constructor(private readonly playback: PlaybackService) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    await this.playback.resume(guildIdOf(interaction));
    await interaction.reply(PlaybackReply.resumed(language, interaction.user.id));
  }
}
