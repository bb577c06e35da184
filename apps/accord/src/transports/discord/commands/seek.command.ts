import type { Language } from '@accord/i18n';
import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { PlaybackError, PlaybackErrorCode } from '@accord/core';
import { PlaybackService } from '../../../domain/playback/playback.service';
import { InVoiceChannelGuard } from '../guards/in-voice-channel.guard';
import { SameVoiceChannelGuard } from '../guards/same-voice-channel.guard';
import { guildIdOf } from '../guards/voice-context';
import { parseSeekTime, resolveSeekPosition } from '../parsers/seek-time.parser';
import { PlaybackReply } from '../presenters/playback-reply.presenter';
import { DiscordRefusal } from '../replies/discord-refusal';
import { localized } from '../i18n/localized-command';
import { Command, type SlashCommand } from '../slash-command';

@Command()
export class SeekCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'seek')
    .addStringOption((option) => localized(option, 'seek.options.time').setRequired(true).setMaxLength(16))
    .toJSON();

  readonly guards = [InVoiceChannelGuard, SameVoiceChannelGuard];

  constructor(private readonly playback: PlaybackService) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    const guildId = guildIdOf(interaction);
    const parsed = parseSeekTime(interaction.options.getString('time', true));
    if (!parsed.ok) throw new DiscordRefusal(PlaybackErrorCode.InvalidTime, parsed.message);
    const current = this.playback.snapshot(guildId)?.current;
    if (!current) throw new PlaybackError(PlaybackErrorCode.NothingPlaying, { what: 'seek' });
    const position = resolveSeekPosition(parsed.target, { positionMs: current.positionMs, ...current.entry.track });
    if (!position.ok) throw new DiscordRefusal(position.code, position.message);
    await this.playback.seek(guildId, position.ms);
    await interaction.reply(PlaybackReply.seeked(language, position.ms));
  }
}
