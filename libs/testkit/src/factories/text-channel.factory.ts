import { type APIGuildCategoryChannel, type APITextChannel, ChannelType } from 'discord.js';
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

  /** A category to put text channels in (`parent_id`); `guild_id` is filled in like a channel's. */
  static category(overrides: Partial<Omit<APIGuildCategoryChannel, 'type'>> = {}): APIGuildCategoryChannel {
    sequence += 1;
    return {
      id: SnowflakeFactory.next(),
      type: ChannelType.GuildCategory,
      name: `category-${sequence}`,
      position: sequence,
      permission_overwrites: [],
      parent_id: null,
      nsfw: false,
      ...overrides,
    };
  }

  static reset(): void {
    sequence = 0;
  }
}
