import type { Language } from '@accord/i18n';
import { Injectable } from '@nestjs/common';
import type { ButtonInteraction } from 'discord.js';
import { ButtonHandler, type ButtonHandlerProvider } from '../button-handler';
import { PrivacyService } from '../../../use-cases/privacy/privacy.service';
import {
  FORGET_BUTTON_PREFIX,
  renderForgetCancelled,
  FORGET_CONFIRM_ID,
  renderForgotten,
} from '../presenters/privacy.presenter';

/** The /forget-me confirmation: `forget:confirm` deletes the presser's data, `forget:cancel` does nothing. */
@ButtonHandler()
@Injectable()
export class ForgetButtonHandler implements ButtonHandlerProvider {
  readonly prefix = FORGET_BUTTON_PREFIX;

  constructor(private readonly privacy: PrivacyService) {}

  async handle(interaction: ButtonInteraction, language: Language): Promise<void> {
    if (interaction.customId !== FORGET_CONFIRM_ID) {
      await interaction.update(renderForgetCancelled(language));
      return;
    }
    // Always the presser's own data: the confirmation is ephemeral, so only they see the button.
    await interaction.deferUpdate();
    const report = await this.privacy.forget(interaction.user.id);
    await interaction.editReply(renderForgotten(language, report));
  }
}
