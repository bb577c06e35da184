import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { RecommendationEvent, type AutoplayPausedEvent } from '@accord/core';
import { ChannelMessagesAdapter } from '../../../adapters/discord-client/channel-messages.adapter';
import { InteractionLanguageService } from '../i18n/interaction-language.service';
import { renderAutoplayPaused } from '../presenters/recommendation.presenter';

/** Tells the channel, once, in the server's language, that autoplay ran out of songs and the music stopped. */
@Injectable()
export class AutoplayPausedListener {
  private readonly logger = new Logger(AutoplayPausedListener.name);

  constructor(
    private readonly messages: ChannelMessagesAdapter,
    private readonly languages: InteractionLanguageService,
  ) {}

  @OnEvent(RecommendationEvent.AutoplayPaused)
  async onAutoplayPaused(event: AutoplayPausedEvent): Promise<void> {
    try {
      const language = await this.languages.forGuild(event.guildId);
      await this.messages.send(event.textChannelId, renderAutoplayPaused(language));
    } catch (error: unknown) {
      this.logger.warn(`Could not tell guild ${event.guildId} that autoplay paused: ${String(error)}`);
    }
  }
}
