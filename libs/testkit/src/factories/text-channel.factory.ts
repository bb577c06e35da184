import { type APITextChannel, ChannelType } from 'discord.js';
import { SnowflakeFactory } from './snowflake.factory';

let sequence = 0;

export class TextChannelFactory {
  /** A guild text channel; `guild_id` is filled in by `GuildFactory` when left out. */
  static create(overrides: Partial<Omit<APITextChannel, 'type'>> = {}): APITextChannel {
    sequence += 1;
    return {
      id: SnowflakeFactory.next(),
      type: ChannelType.GuildText,
      name: sequence === 1 ? 'general' : `text-${sequence}`,
      position: sequence,
      permission_overwrites: [],
      parent_id: null,
      nsfw: false,
      topic: null,
      rate_limit_per_user: 0,
      last_message_id: null,
      ...overrides,
    };
  }

  static reset(): void {
    sequence = 0;
  }
}
