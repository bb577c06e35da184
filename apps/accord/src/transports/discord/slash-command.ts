import { SetMetadata } from '@nestjs/common';
import type { Language } from '@accord/i18n';
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { InteractionGuardType } from './guards/interaction-guard';

export const SLASH_COMMAND_METADATA = 'accord:slash-command';

/**
 * A slash command: its definition as registered with Discord (named and described from the
 * `commands` messages, with every language's localizations: see `localized`), the guards the router
 * runs before it (in order; the first refusal is answered ephemerally), and a one-line handler that
 * parses options, calls one service method and renders the result in the reply's language.
 */
export interface SlashCommand {
  readonly definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  readonly guards?: readonly InteractionGuardType[];
  /** `language`: the reply's, resolved once by the router (see `InteractionLanguageService`). */
  execute(interaction: ChatInputCommandInteraction, language: Language): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction): Promise<void>;
}

/** Marks a provider as a slash command so the registry finds it. */
export const Command = (): ClassDecorator => SetMetadata(SLASH_COMMAND_METADATA, true);
