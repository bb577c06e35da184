import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { Command, type SlashCommand } from '../slash-command';
import { LastfmImportService } from '../../../use-cases/import/lastfm-import.service';
import { renderUnlinked } from '../presenters/import.presenter';
import { SpotifyLinkService } from '../../../domain/preferences/spotify/spotify-link.service';

@Command()
export class UnlinkCommand implements SlashCommand {
  readonly definition = new SlashCommandBuilder()
    .setName('unlink')
    .setDescription('Unlink an account and forget what it imported')
    .addStringOption((option) =>
      option
        .setName('service')
        .setDescription('Which account')
        .setRequired(true)
        .addChoices({ name: 'Spotify', value: 'spotify' }, { name: 'Last.fm', value: 'lastfm' }),
    )
    .toJSON();

  constructor(
    private readonly spotify: SpotifyLinkService,
    private readonly lastfm: LastfmImportService,
  ) {}

  async execute(interaction: ChatInputCommandInteraction): Promise<void> {
    const service = interaction.options.getString('service', true);
    const wasLinked =
      service === 'lastfm'
        ? await this.lastfm.unlink(interaction.user.id)
        : await this.spotify.unlink(interaction.user.id);
    await interaction.reply({
      content: renderUnlinked(service === 'lastfm' ? 'Last.fm' : 'Spotify', wasLinked),
      flags: MessageFlags.Ephemeral,
    });
  }
}
