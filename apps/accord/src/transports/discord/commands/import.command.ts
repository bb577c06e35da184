import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { Command, type SlashCommand } from '../slash-command';
import { ImportRepliesService } from '../replies/import-replies.service';
import { PlaylistImportService } from '../../../use-cases/import/playlist-import.service';

@Command()
export class ImportCommand implements SlashCommand {
  readonly definition = new SlashCommandBuilder()
    .setName('import')
    .setDescription('Import a Spotify or YouTube playlist into your taste profile')
    .addStringOption((option) =>
      option
        .setName('link')
        .setDescription('Link to a Spotify or YouTube playlist')
        .setRequired(true)
        .setMaxLength(500),
    )
    .toJSON();

  constructor(
    private readonly playlists: PlaylistImportService,
    private readonly replies: ImportRepliesService,
  ) {}

  async execute(interaction: ChatInputCommandInteraction): Promise<void> {
    const link = interaction.options.getString('link', true);
    this.playlists.check(link);
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    // The import goes on in the background; the reply shows its progress and outcome.
    void this.replies.runInBackground('Playlist import', 'the playlist', interaction, (progress) =>
      this.playlists.importLink(interaction.user.id, link, progress),
    );
  }
}
