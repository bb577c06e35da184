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
    .setDescription('Show the lyrics of the song playing, or of another')
    .addStringOption((option) =>
      option
        .setName('query')
        .setDescription('"artist - title" or words to search for (default: the song playing)')
        .setMaxLength(MAX_LYRICS_QUERY),
    )
    .toJSON();

  constructor(private readonly lyrics: LyricsService) {}

  async execute(interaction: ChatInputCommandInteraction): Promise<void> {
    const query = interaction.options.getString('query')?.trim();
    // LRCLIB may take a few seconds, more than Discord waits for a first answer.
    await interaction.deferReply();
    const lookup = query ? await this.lyrics.forQuery(query) : await this.lyrics.forCurrentSong(guildIdOf(interaction));
    await answer(interaction, renderLyricsLookup(lookup), { ephemeral: lookup.lyrics === null });
  }
}
