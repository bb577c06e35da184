import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { PlaybackService } from '../../../domain/playback/playback.service';
import { FILTER_PRESETS, type FilterPreset } from '../../../domain/playback/playback.types';
import { DjGuard } from '../guards/dj.guard';
import { InVoiceChannelGuard } from '../guards/in-voice-channel.guard';
import { SameVoiceChannelGuard } from '../guards/same-voice-channel.guard';
import { guildIdOf } from '../guards/voice-context';
import { PlaybackReply } from '../presenters/playback-reply.presenter';
import { Command, type SlashCommand } from '../slash-command';

const OFF = 'off';

@Command()
export class FilterCommand implements SlashCommand {
  readonly definition = new SlashCommandBuilder()
    .setName('filter')
    .setDescription('Apply an audio filter, or turn filters off (DJ; filters make Lavalink re-encode)')
    .addStringOption((option) =>
      option
        .setName('preset')
        .setDescription('The filter')
        .setRequired(true)
        .addChoices(...FILTER_PRESETS.map((preset) => ({ name: preset, value: preset })), { name: OFF, value: OFF }),
    )
    .toJSON();

  readonly guards = [InVoiceChannelGuard, SameVoiceChannelGuard, DjGuard];

  constructor(private readonly playback: PlaybackService) {}

  async execute(interaction: ChatInputCommandInteraction): Promise<void> {
    const guildId = guildIdOf(interaction);
    const choice = interaction.options.getString('preset', true);
    const preset = choice === OFF ? null : (choice as FilterPreset);
    const { transcoding } = await this.playback.setFilter(guildId, preset);
    await interaction.reply(
      PlaybackReply.filter({ preset, transcoding, volume: this.playback.snapshot(guildId)?.volume }),
    );
  }
}
