import { t, type Language } from '@accord/i18n';
import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { localized, localizedChoice } from '../i18n/localized-command';
import { Command, type SlashCommand } from '../slash-command';
import { LastfmImportService } from '../../../use-cases/import/lastfm-import.service';
import { renderUnlinked } from '../presenters/import.presenter';
import { SpotifyLinkService } from '../../../domain/preferences/spotify/spotify-link.service';

@Command()
export class UnlinkCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'unlink')
    .addStringOption((option) =>
      localized(option, 'unlink.options.service')
        .setRequired(true)
        .addChoices(
          localizedChoice('unlink.options.service.choices.spotify', 'spotify'),
          localizedChoice('unlink.options.service.choices.lastfm', 'lastfm'),
        ),
    )
    .toJSON();

  constructor(
    private readonly spotify: SpotifyLinkService,
    private readonly lastfm: LastfmImportService,
  ) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    const service = interaction.options.getString('service', true);
    const wasLinked =
      service === 'lastfm'
        ? await this.lastfm.unlink(interaction.user.id)
        : await this.spotify.unlink(interaction.user.id);
    await interaction.reply({
      content: renderUnlinked(
        language,
        t(language, `commands:unlink.options.service.choices.${service === 'lastfm' ? 'lastfm' : 'spotify'}`),
        wasLinked,
      ),
      flags: MessageFlags.Ephemeral,
    });
  }
}
