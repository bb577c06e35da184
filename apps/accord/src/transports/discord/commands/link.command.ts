import type { Language } from '@accord/i18n';
import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { localized } from '../i18n/localized-command';
import { Command, type SlashCommand } from '../slash-command';
import { ImportRepliesService } from '../replies/import-replies.service';
import { LastfmImportService } from '../../../use-cases/import/lastfm-import.service';
import { renderImportDone, renderSpotifyLink } from '../presenters/import.presenter';
import { SpotifyLinkService } from '../../../domain/preferences/spotify/spotify-link.service';

@Command()
export class LinkCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'link')
    .addSubcommand((sub) => localized(sub, 'link.options.spotify'))
    .addSubcommand((sub) =>
      localized(sub, 'link.options.lastfm').addStringOption((option) =>
        localized(option, 'link.options.lastfm.options.username').setRequired(true).setMaxLength(15),
      ),
    )
    .toJSON();

  constructor(
    private readonly spotify: SpotifyLinkService,
    private readonly lastfm: LastfmImportService,
    private readonly replies: ImportRepliesService,
  ) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    if (interaction.options.getSubcommand() === 'lastfm') {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const result = await this.lastfm.link(interaction.user.id, interaction.options.getString('username', true));
      await interaction.editReply(renderImportDone(language, result));
      return;
    }
    const link = await this.spotify.startLink(interaction.user.id);
    await interaction.reply({
      content: renderSpotifyLink(language, link.url, link.expiresAt),
      flags: MessageFlags.Ephemeral,
    });
    this.replies.rememberLinkReply(link.state, { interaction, language });
  }
}
