import { t, type Language } from '@accord/i18n';
import { Injectable } from '@nestjs/common';
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { LyricsService } from '../../../domain/lyrics/lyrics.service';
import { ButtonHandler, type ButtonHandlerProvider } from '../button-handler';
import { LYRICS_BUTTON_PREFIX, parseLyricsPageId, renderLyricsPage } from '../presenters/lyrics.presenter';

/** `lyrics:<id>:<n>`: turns a /lyrics message to page n of the same lyrics. */
@ButtonHandler()
@Injectable()
export class LyricsPageButtonHandler implements ButtonHandlerProvider {
  readonly prefix = LYRICS_BUTTON_PREFIX;

  constructor(private readonly lyrics: LyricsService) {}

  async handle(interaction: ButtonInteraction, language: Language): Promise<void> {
    const target = parseLyricsPageId(interaction.customId);
    const lyrics = target ? await this.lyrics.byId(target.lyricsId) : null;
    if (!target || !lyrics) {
      await interaction.reply({ content: t(language, 'common:expiredButton'), flags: MessageFlags.Ephemeral });
      return;
    }
    await interaction.update(renderLyricsPage(language, lyrics, target.page));
  }
}
