import { discordLocalizations, t, type Language } from '@accord/i18n';
import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { LyricsService, MAX_LYRICS_QUERY } from '../../../domain/lyrics/lyrics.service';
import { guildIdOf } from '../guards/voice-context';
import { renderLyricsLookup } from '../presenters/lyrics.presenter';
import { answer } from '../replies/answer';
import { Command, type SlashCommand } from '../slash-command';

@Command()
export class LyricsCommand implements SlashCommand {
  readonly definition = new SlashCommandBuilder()
    .setName('lyrics')
    .setDescription(t('en', 'lyrics:command.description'))
    .setDescriptionLocalizations(discordLocalizations('lyrics:command.description'))
    .addStringOption((option) =>
      option
        .setName('query')
        .setDescription(t('en', 'lyrics:command.query'))
        .setDescriptionLocalizations(discordLocalizations('lyrics:command.query'))
        .setMaxLength(MAX_LYRICS_QUERY),
    )
    .toJSON();

  constructor(private readonly lyrics: LyricsService) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language = 'en'): Promise<void> {
    const query = interaction.options.getString('query')?.trim();
    // LRCLIB may take a few seconds, more than Discord waits for a first answer.
    await interaction.deferReply();
    const lookup = query ? await this.lyrics.forQuery(query) : await this.lyrics.forCurrentSong(guildIdOf(interaction));
    await answer(interaction, renderLyricsLookup(language, lookup), { ephemeral: lookup.lyrics === null });
  }
}
