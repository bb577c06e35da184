import { t, type Language } from '@accord/i18n';
import { Injectable } from '@nestjs/common';
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { PlaybackService } from '../../../domain/playback/playback.service';
import { ButtonHandler, type ButtonHandlerProvider } from '../button-handler';
import { guildIdOf } from '../guards/voice-context';
import { parseQueuePageId, QUEUE_BUTTON_PREFIX, renderQueuePage } from '../presenters/queue.presenter';

/** `queue:page:<n>`: turns the /queue message to page n, drawn from the queue as it is now. */
@ButtonHandler()
@Injectable()
export class QueuePageButtonHandler implements ButtonHandlerProvider {
  readonly prefix = QUEUE_BUTTON_PREFIX;

  constructor(private readonly playback: PlaybackService) {}

  async handle(interaction: ButtonInteraction, language: Language): Promise<void> {
    const page = parseQueuePageId(interaction.customId);
    if (page === null || !interaction.guildId) {
      await interaction.reply({ content: t(language, 'common:expiredButton'), flags: MessageFlags.Ephemeral });
      return;
    }
    await interaction.update(renderQueuePage(language, this.playback.snapshot(guildIdOf(interaction)), page));
  }
}
