import type { ButtonInteraction } from 'discord.js';
import { ButtonHandler, type ButtonHandlerProvider } from '../button-handler';
import { EXPIRED_BUTTON_MESSAGE } from '../presenters/message-view';
import { CatalogError, CatalogErrorCode } from '@accord/core';
import { FixService } from '../../../use-cases/fix/fix.service';
import { parseFixButtonId, renderFixChosen } from '../presenters/fix.presenter';

/** A click on a /fix candidate: re-pins the song to that video for everyone. */
@ButtonHandler()
export class FixButtonHandler implements ButtonHandlerProvider {
  readonly prefix = 'fix';

  constructor(private readonly fix: FixService) {}

  async handle(interaction: ButtonInteraction): Promise<void> {
    const choice = parseFixButtonId(interaction.customId);
    if (!choice) throw new CatalogError(CatalogErrorCode.InvalidQuery, EXPIRED_BUTTON_MESSAGE);
    await interaction.update(renderFixChosen(await this.fix.choose({ guildId: interaction.guildId, ...choice })));
  }
}
