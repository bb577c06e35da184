import { Injectable, Logger } from '@nestjs/common';
import { MessageFlags, type RepliableInteraction } from 'discord.js';
import { DomainError } from '@accord/core';

const GENERIC_FAILURE = 'Something went wrong on my side. It has been logged; please try again in a moment.';

/**
 * The Discord transport's one mapper from errors to what the user sees: an ephemeral reply that
 * says what went wrong and what to do. Unknown errors are logged with context and get a generic
 * message; the details never reach the channel.
 */
@Injectable()
export class InteractionErrorPresenter {
  private readonly logger = new Logger(InteractionErrorPresenter.name);

  async present(interaction: RepliableInteraction, error: unknown): Promise<void> {
    const message = this.describe(interaction, error);
    try {
      if (interaction.deferred || interaction.replied) {
        await interaction.followUp({ content: message, flags: MessageFlags.Ephemeral });
      } else {
        await interaction.reply({ content: message, flags: MessageFlags.Ephemeral });
      }
    } catch (replyError: unknown) {
      // The interaction token may have expired (3 s to answer, 15 min to follow up).
      this.logger.warn(`Could not tell the user about a failure: ${String(replyError)}`);
    }
  }

  private describe(interaction: RepliableInteraction, error: unknown): string {
    if (error instanceof DomainError) {
      // Module errors carry a message written for the user; their codes are mapped where a module
      // needs a different wording in Discord than in the API.
      return error.message;
    }
    const label = interaction.isChatInputCommand() ? `/${interaction.commandName}` : `interaction ${interaction.type}`;
    this.logger.error(`Unhandled error in ${label}`, error instanceof Error ? error.stack : String(error));
    return GENERIC_FAILURE;
  }
}
