import { discordLocalizations, t, type Language } from '@accord/i18n';
import { SlashCommandBuilder, SlashCommandStringOption, type ChatInputCommandInteraction } from 'discord.js';
import { LyricsService, MAX_LYRICS_QUERY } from '../../../domain/lyrics/lyrics.service';
import { guildIdOf } from '../guards/voice-context';
import { renderLyricsLookup } from '../presenters/lyrics.presenter';
import { answer } from '../replies/answer';
import { Command, type SlashCommand } from '../slash-command';

/** Names and describes a command or option from `<key>.name` and `<key>.description`, in every language. */
function described<T extends SlashCommandBuilder | SlashCommandStringOption>(builder: T, key: string): T {
  builder
    .setName(t('en', `${key}.name`))
    .setNameLocalizations(discordLocalizations(`${key}.name`))
    .setDescription(t('en', `${key}.description`))
    .setDescriptionLocalizations(discordLocalizations(`${key}.description`));
  return builder;
}

@Command()
export class LyricsCommand implements SlashCommand {
  readonly definition = described(new SlashCommandBuilder(), 'lyrics:command')
    .addStringOption((option) => described(option, 'lyrics:command.options.query').setMaxLength(MAX_LYRICS_QUERY))
    .toJSON();

  constructor(private readonly lyrics: LyricsService) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    const query = interaction.options.getString('query')?.trim();
    // LRCLIB may take a few seconds, more than Discord waits for a first answer.
    await interaction.deferReply();
    const lookup = query ? await this.lyrics.forQuery(query) : await this.lyrics.forCurrentSong(guildIdOf(interaction));
    await answer(interaction, renderLyricsLookup(language, lookup), { ephemeral: lookup.lyrics === null });
  }
}
