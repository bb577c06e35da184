import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { Command, type SlashCommand } from '../slash-command';
import { ImportRepliesService } from '../replies/import-replies.service';
import { LastfmImportService } from '../../../use-cases/import/lastfm-import.service';
import { renderImportDone, renderSpotifyLink } from '../presenters/import.presenter';
import { SpotifyLinkService } from '../../../domain/preferences/spotify/spotify-link.service';

@Command()
export class LinkCommand implements SlashCommand {
  readonly definition = new SlashCommandBuilder()
    .setName('link')
    .setDescription('Link a music account so autoplay knows your taste from the start')
    .addSubcommand((sub) => sub.setName('spotify').setDescription('Link Spotify: imports your top and saved tracks'))
    .addSubcommand((sub) =>
      sub
        .setName('lastfm')
        .setDescription('Import your Last.fm top artists, top tracks and loved tracks')
        .addStringOption((option) =>
          option.setName('username').setDescription('Your Last.fm user name').setRequired(true).setMaxLength(15),
        ),
    )
    .toJSON();

  constructor(
    private readonly spotify: SpotifyLinkService,
    private readonly lastfm: LastfmImportService,
    private readonly replies: ImportRepliesService,
  ) {}

  async execute(interaction: ChatInputCommandInteraction): Promise<void> {
    if (interaction.options.getSubcommand() === 'lastfm') {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const result = await this.lastfm.link(interaction.user.id, interaction.options.getString('username', true));
      await interaction.editReply(renderImportDone(result));
      return;
    }
    const link = await this.spotify.startLink(interaction.user.id);
    await interaction.reply({ content: renderSpotifyLink(link.url, link.expiresAt), flags: MessageFlags.Ephemeral });
    this.replies.rememberLinkReply(link.state, interaction);
  }
}
