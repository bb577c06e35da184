import { Injectable, Logger } from '@nestjs/common';
import { DiscordjsErrorCodes, type RepliableInteraction } from 'discord.js';
import { DomainError, isModuleError } from '@accord/core';
import { t, type Language } from '@accord/i18n';
import type { GuardRefusal } from './guards/voice-rules';
import { say } from './i18n/phrase';
import { describeModuleError } from './presenters/module-error.presenter';
import { answer } from './replies/answer';
import { DiscordRefusal } from './replies/discord-refusal';

/** discord.js refusing options that do not fit the registered command (a stale client, or a forged request). */
const OPTION_MISMATCH = new Set<string>([
  DiscordjsErrorCodes.CommandInteractionOptionType,
  DiscordjsErrorCodes.CommandInteractionOptionNotFound,
  DiscordjsErrorCodes.CommandInteractionOptionNoSubcommand,
  DiscordjsErrorCodes.CommandInteractionOptionNoSubcommandGroup,
]);

export { describeModuleError, describePlaybackError } from './presenters/module-error.presenter';

/**
 * The Discord transport's one mapper from errors to what the user sees: an ephemeral reply that
 * says what went wrong and what to do. Unknown errors are logged with context and get a generic
 * message; the details never reach the channel.
 */
@Injectable()
export class InteractionErrorPresenter {
  private readonly logger = new Logger(InteractionErrorPresenter.name);

  async present(interaction: RepliableInteraction, error: unknown, language: Language): Promise<void> {
    await this.tell(interaction, this.describe(interaction, error, language));
  }

  /** A guard said no: its message already says what to do. */
  async refuse(interaction: RepliableInteraction, refusal: GuardRefusal, language: Language): Promise<void> {
    await this.tell(interaction, say(language, refusal.message));
  }

  /** Says `message` to the user alone, whatever state the interaction is in. */
  async tell(interaction: RepliableInteraction, message: string): Promise<void> {
    try {
      await answer(interaction, message, { ephemeral: true });
    } catch (replyError: unknown) {
      // The interaction token may have expired (3 s to answer, 15 min to follow up).
      this.logger.warn(`Could not tell the user about a failure: ${String(replyError)}`);
    }
  }

  private describe(interaction: RepliableInteraction, error: unknown, language: Language): string {
    if (isModuleError(error)) return describeModuleError(language, error);
    if (error instanceof DiscordRefusal) return say(language, error.phrase);
    if (error instanceof DomainError) {
      // A refusal from outside the modules (none today) still carries a message written for the user.
      return error.message;
    }
    if (error instanceof Error && OPTION_MISMATCH.has((error as { code?: string }).code ?? '')) {
      this.logger.warn(`Options that do not fit the command: ${error.message}`);
      return t(language, 'common:staleCommand');
    }
    const label = interaction.isChatInputCommand()
      ? `/${interaction.commandName}`
      : interaction.isButton()
        ? `button ${interaction.customId}`
        : `interaction ${interaction.type}`;
    this.logger.error(`Unhandled error in ${label}`, error instanceof Error ? error.stack : String(error));
    return t(language, 'common:genericFailure');
  }
}
