import { SetMetadata } from '@nestjs/common';
import type { ButtonInteraction } from 'discord.js';

export const BUTTON_HANDLER_METADATA = 'accord:button-handler';

/** Handles every button whose custom id is `prefix` or starts with `prefix:`. */
export interface ButtonHandlerProvider {
  readonly prefix: string;
  handle(interaction: ButtonInteraction): Promise<void>;
}

/** Marks a provider as a button handler so the router finds it. */
export const ButtonHandler = (): ClassDecorator => SetMetadata(BUTTON_HANDLER_METADATA, true);
