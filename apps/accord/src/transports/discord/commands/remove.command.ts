import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { PlaybackService } from '../../../domain/playback/playback.service';
import { InVoiceChannelGuard } from '../guards/in-voice-channel.guard';
import { OwnEntryOrDjGuard } from '../guards/own-entry-or-dj.guard';
import { SameVoiceChannelGuard } from '../guards/same-voice-channel.guard';
import { guildIdOf } from '../guards/voice-context';
import { PlaybackReply } from '../presenters/playback-reply.presenter';
import { Command, type SlashCommand } from '../slash-command';

@Command()
export class RemoveCommand implements SlashCommand {
  readonly definition = new SlashCommandBuilder()
    .setName('remove')
    .setDescription("Remove a song from the queue (someone else's needs a DJ)")
    .addIntegerOption((option) =>
      option.setName('position').setDescription('Its number in /queue').setRequired(true).setMinValue(1),
    )
    .toJSON();

  readonly guards = [InVoiceChannelGuard, SameVoiceChannelGuard, OwnEntryOrDjGuard];

  constructor(private readonly playback: PlaybackService) {}

  async execute(interaction: ChatInputCommandInteraction): Promise<void> {
    const position = interaction.options.getInteger('position', true);
    const removed = await this.playback.remove(guildIdOf(interaction), position);
    await interaction.reply(PlaybackReply.removed(removed, position));
  }
}
