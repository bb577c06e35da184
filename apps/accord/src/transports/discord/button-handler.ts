import { SetMetadata } from '@nestjs/common';
import type { Language } from '@accord/i18n';
import type { ButtonInteraction } from 'discord.js';

export const BUTTON_HANDLER_METADATA = 'accord:button-handler';

/** Handles every button whose custom id is `prefix` or starts with `prefix:`. */
export interface ButtonHandlerProvider {
  readonly prefix: string;
  /** `language`: the presser's, resolved once by the router (see `InteractionLanguageService`). */
  handle(interaction: ButtonInteraction, language: Language): Promise<void>;
}

/** Marks a provider as a button handler so the router finds it. */
export const ButtonHandler = (): ClassDecorator => SetMetadata(BUTTON_HANDLER_METADATA, true);
