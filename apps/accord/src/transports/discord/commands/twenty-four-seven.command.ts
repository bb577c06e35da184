import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { onOffOption, readOnOff } from '../options/on-off.option';
import { PlaybackService } from '../../../domain/playback/playback.service';
import { DjGuard } from '../guards/dj.guard';
import { guildIdOf } from '../guards/voice-context';
import { PlaybackReply } from '../presenters/playback-reply.presenter';
import { Command, type SlashCommand } from '../slash-command';

@Command()
export class TwentyFourSevenCommand implements SlashCommand {
  readonly definition = new SlashCommandBuilder()
    .setName('247')
    .setDescription('Stay in the voice channel when the queue ends (DJ)')
    .addStringOption(onOffOption)
    .toJSON();

  // A server setting as much as a session one: no need to sit in voice to change it.
  readonly guards = [DjGuard];

  constructor(private readonly playback: PlaybackService) {}

  async execute(interaction: ChatInputCommandInteraction): Promise<void> {
    const on = readOnOff(interaction);
    await this.playback.set247(guildIdOf(interaction), on);
    await interaction.reply(PlaybackReply.twentyFourSeven(on));
  }
}
