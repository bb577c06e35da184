import type { Language } from '@accord/i18n';
import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { onOffOption, readOnOff } from '../options/on-off.option';
import { PlaybackService } from '../../../domain/playback/playback.service';
import { DjGuard } from '../guards/dj.guard';
import { guildIdOf } from '../guards/voice-context';
import { PlaybackReply } from '../presenters/playback-reply.presenter';
import { localized } from '../i18n/localized-command';
import { Command, type SlashCommand } from '../slash-command';

@Command()
export class TwentyFourSevenCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'twentyfourseven')
    .addStringOption(onOffOption('twentyfourseven'))
    .toJSON();

  // A server setting as much as a session one: no need to sit in voice to change it.
  readonly guards = [DjGuard];

  constructor(private readonly playback: PlaybackService) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    const on = readOnOff(interaction);
    await this.playback.set247(guildIdOf(interaction), on);
    await interaction.reply(PlaybackReply.twentyFourSeven(language, on));
  }
}
