import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { RecommendationEvent, type AutoplayPausedEvent } from '@accord/core';
import { ChannelMessagesAdapter } from '../../../adapters/discord-client/channel-messages.adapter';
import { renderAutoplayPaused } from '../presenters/recommendation.presenter';

/** Tells the channel, once, that autoplay ran out of songs and the music stopped. */
@Injectable()
export class AutoplayPausedListener {
  private readonly logger = new Logger(AutoplayPausedListener.name);

  constructor(private readonly messages: ChannelMessagesAdapter) {}

  @OnEvent(RecommendationEvent.AutoplayPaused)
  async onAutoplayPaused(event: AutoplayPausedEvent): Promise<void> {
    try {
      await this.messages.send(event.textChannelId, renderAutoplayPaused());
    } catch (error: unknown) {
      this.logger.warn(`Could not tell guild ${event.guildId} that autoplay paused: ${String(error)}`);
    }
  }
}
