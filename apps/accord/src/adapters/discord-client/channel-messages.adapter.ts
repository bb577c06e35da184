import { Inject, Injectable } from '@nestjs/common';
import {
  DiscordAPIError,
  RESTJSONErrorCodes,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type Client,
} from 'discord.js';
import { DISCORD_CLIENT } from './discord-client.provider';

/** A message as plain Discord API data (what the Discord transport's presenters build). */
export interface ChannelMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

/** Discord REST for the bot's own channel messages (the now-playing message), behind one small class. */
@Injectable()
export class ChannelMessagesAdapter {
  constructor(@Inject(DISCORD_CLIENT) private readonly client: Client) {}

  /** Posts a message and returns its id. */
  async send(channelId: string, view: ChannelMessage): Promise<string> {
    const channel = await this.client.channels.fetch(channelId);
    if (!channel?.isSendable()) throw new Error(`channel ${channelId} does not take messages`);
    const message = await channel.send({ ...view, allowedMentions: { parse: [] } });
    return message.id;
  }

  /** Edits a message in place; false when it is gone (someone deleted it), so the caller can post anew. */
  async edit({
    channelId,
    messageId,
    view,
  }: {
    channelId: string;
    messageId: string;
    view: ChannelMessage;
  }): Promise<boolean> {
    const channel = await this.client.channels.fetch(channelId);
    if (!channel?.isTextBased()) return false;
    try {
      await channel.messages.edit(messageId, { ...view, allowedMentions: { parse: [] } });
      return true;
    } catch (error: unknown) {
      if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMessage) return false;
      throw error;
    }
  }
}
