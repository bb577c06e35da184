import type { Language } from '@accord/i18n';
import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { PlaybackService } from '../../../domain/playback/playback.service';
import { FILTER_PRESETS, type FilterPreset } from '../../../domain/playback/playback.types';
import { DjGuard } from '../guards/dj.guard';
import { InVoiceChannelGuard } from '../guards/in-voice-channel.guard';
import { SameVoiceChannelGuard } from '../guards/same-voice-channel.guard';
import { guildIdOf } from '../guards/voice-context';
import { PlaybackReply } from '../presenters/playback-reply.presenter';
import { localized, localizedChoice } from '../i18n/localized-command';
import { Command, type SlashCommand } from '../slash-command';

const OFF = 'off';

@Command()
export class FilterCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'filter')
    .addStringOption((option) =>
      localized(option, 'filter.options.preset')
        .setRequired(true)
        .addChoices(
          // The presets' names are the same in every language.
          ...FILTER_PRESETS.map((preset) => ({ name: preset, value: preset })),
          localizedChoice('filter.options.preset.choices.off', OFF),
        ),
    )
    .toJSON();

  readonly guards = [InVoiceChannelGuard, SameVoiceChannelGuard, DjGuard];

  constructor(private readonly playback: PlaybackService) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    const guildId = guildIdOf(interaction);
    const choice = interaction.options.getString('preset', true);
    const preset = choice === OFF ? null : (choice as FilterPreset);
    const { transcoding } = await this.playback.setFilter(guildId, preset);
    await interaction.reply(
      PlaybackReply.filter(language, { preset, transcoding, volume: this.playback.snapshot(guildId)?.volume }),
    );
  }
}
