import type { Language } from '@accord/i18n';
import {
  InteractionContextType,
  MessageFlags,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { CatalogEditorGuard } from '../guards/catalog-editor.guard';
import { localized } from '../i18n/localized-command';
import { Command, type SlashCommand } from '../slash-command';
import { FixService } from '../../../use-cases/fix/fix.service';
import { renderFixCandidates } from '../presenters/fix.presenter';
import { MAX_QUERY_LENGTH } from '../../../domain/catalog/link-parser';

/** `/fix [query]`: shows the best videos for a song, to re-pin it for everyone. */
@Command()
export class FixCommand implements SlashCommand {
  readonly definition = localized(new SlashCommandBuilder(), 'fix')
    .setContexts(InteractionContextType.Guild)
    .addStringOption((option) =>
      localized(option, 'fix.options.query').setMaxLength(MAX_QUERY_LENGTH).setRequired(false),
    )
    .toJSON();

  readonly guards = [CatalogEditorGuard];

  constructor(private readonly fix: FixService) {}

  async execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
    // Two searches can take longer than Discord's 3 s to answer.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const shown = await this.fix.candidatesFor({
      guildId: interaction.guildId,
      requesterId: interaction.user.id,
      query: interaction.options.getString('query') ?? undefined,
    });
    this.fix.offer(interaction.id, { userId: interaction.user.id, guildId: interaction.guildId }, shown);
    await interaction.editReply(renderFixCandidates(language, shown));
  }
}
