import type { Language } from '@accord/i18n';
import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { localized } from '../i18n/localized-command';
import { Command, type SlashCommand } from '../slash-command';
import { ImportRepliesService } from '../replies/import-replies.service';
import { PlaylistImportService } from '../../../use-cases/import/playlist-import.service';

@Command()
export class ImportCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'import')
    .addStringOption((option) => localized(option, 'import.options.link').setRequired(true).setMaxLength(500))
    .toJSON();

  constructor(
    private readonly playlists: PlaylistImportService,
    private readonly replies: ImportRepliesService,
  ) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    const link = interaction.options.getString('link', true);
    this.playlists.check(link);
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    // The import goes on in the background; the reply shows its progress and outcome.
    void this.replies.runInBackground('Playlist import', 'playlist', { interaction, language }, (progress) =>
      this.playlists.importLink(interaction.user.id, link, progress),
    );
  }
}
