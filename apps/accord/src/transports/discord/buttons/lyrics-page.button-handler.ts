import { Injectable } from '@nestjs/common';
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { LyricsService } from '../../../domain/lyrics/lyrics.service';
import { ButtonHandler, type ButtonHandlerProvider } from '../button-handler';
import { EXPIRED_BUTTON_MESSAGE } from '../presenters/message-view';
import { LYRICS_BUTTON_PREFIX, parseLyricsPageId, renderLyricsPage } from '../presenters/lyrics.presenter';

/** `lyrics:<id>:<n>`: turns a /lyrics message to page n of the same lyrics. */
@ButtonHandler()
@Injectable()
export class LyricsPageButtonHandler implements ButtonHandlerProvider {
  readonly prefix = LYRICS_BUTTON_PREFIX;

  constructor(private readonly lyrics: LyricsService) {}

  async handle(interaction: ButtonInteraction): Promise<void> {
    const target = parseLyricsPageId(interaction.customId);
    const lyrics = target ? await this.lyrics.byId(target.lyricsId) : null;
    if (!target || !lyrics) {
      await interaction.reply({ content: EXPIRED_BUTTON_MESSAGE, flags: MessageFlags.Ephemeral });
      return;
    }
    await interaction.update(renderLyricsPage(lyrics, target.page));
  }
}
