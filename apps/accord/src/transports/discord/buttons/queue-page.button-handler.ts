import { Injectable } from '@nestjs/common';
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { PlaybackService } from '../../../domain/playback/playback.service';
import { ButtonHandler, type ButtonHandlerProvider } from '../button-handler';
import { guildIdOf } from '../guards/voice-context';
import { EXPIRED_BUTTON_MESSAGE } from '../presenters/message-view';
import { parseQueuePageId, QUEUE_BUTTON_PREFIX, renderQueuePage } from '../presenters/queue.presenter';

/** `queue:page:<n>`: turns the /queue message to page n, drawn from the queue as it is now. */
@ButtonHandler()
@Injectable()
export class QueuePageButtonHandler implements ButtonHandlerProvider {
  readonly prefix = QUEUE_BUTTON_PREFIX;

  constructor(private readonly playback: PlaybackService) {}

  async handle(interaction: ButtonInteraction): Promise<void> {
    const page = parseQueuePageId(interaction.customId);
    if (page === null || !interaction.guildId) {
      await interaction.reply({ content: EXPIRED_BUTTON_MESSAGE, flags: MessageFlags.Ephemeral });
      return;
    }
    await interaction.update(renderQueuePage(this.playback.snapshot(guildIdOf(interaction)), page));
  }
}
