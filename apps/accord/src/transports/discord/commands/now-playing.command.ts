import type { Language } from '@accord/i18n';
import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { PlaybackError, PlaybackErrorCode } from '@accord/core';
import { PlaybackService } from '../../../domain/playback/playback.service';
import { guildIdOf } from '../guards/voice-context';
import { renderNowPlaying } from '../presenters/now-playing.presenter';
import { localized } from '../i18n/localized-command';
import { Command, type SlashCommand } from '../slash-command';

@Command()
export class NowPlayingCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'nowplaying').toJSON();

  constructor(private readonly playback: PlaybackService) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    const snapshot = this.playback.snapshot(guildIdOf(interaction));
    if (!snapshot?.current) throw new PlaybackError(PlaybackErrorCode.NothingPlaying, { what: 'track' });
    await interaction.reply({ ...renderNowPlaying(language, snapshot), flags: MessageFlags.Ephemeral });
  }
}
