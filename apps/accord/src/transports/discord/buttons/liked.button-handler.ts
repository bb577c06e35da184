import { t, type Language } from '@accord/i18n';
import { Injectable } from '@nestjs/common';
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { ButtonHandler, type ButtonHandlerProvider } from '../button-handler';
import { LikedService } from '../../../use-cases/liked/liked.service';
import {
  LIKED_BUTTON_PREFIX,
  parseLikedButton,
  renderLikedPage,
  renderLikedQueued,
} from '../presenters/liked.presenter';

/** `liked:page:<n>` turns the /liked page; `liked:queue` queues the likes in the user's voice channel. */
@ButtonHandler()
@Injectable()
export class LikedButtonHandler implements ButtonHandlerProvider {
  readonly prefix = LIKED_BUTTON_PREFIX;

  constructor(private readonly liked: LikedService) {}

  async handle(interaction: ButtonInteraction, language: Language): Promise<void> {
    const parsed = parseLikedButton(interaction.customId);
    if (!parsed || !interaction.guildId) {
      await interaction.reply({ content: t(language, 'common:expiredButton'), flags: MessageFlags.Ephemeral });
      return;
    }
    if (parsed.kind === 'page') {
      await interaction.update(renderLikedPage(language, await this.liked.page(interaction.user.id, parsed.page)));
      return;
    }
    const result = await this.liked.queue({
      guildId: interaction.guildId,
      userId: interaction.user.id,
      voiceChannelId: interaction.guild?.voiceStates.cache.get(interaction.user.id)?.channelId ?? null,
      textChannelId: interaction.channelId,
    });
    await interaction.reply({ content: renderLikedQueued(language, result), flags: MessageFlags.Ephemeral });
  }
}
