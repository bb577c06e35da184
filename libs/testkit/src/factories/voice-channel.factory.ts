import { type APIGuildVoiceChannel, ChannelType, VideoQualityMode } from 'discord.js';
import { SnowflakeFactory } from './snowflake.factory';

let sequence = 0;

export class VoiceChannelFactory {
  /** A guild voice channel; `guild_id` is filled in by `GuildFactory` when left out. */
  static create(overrides: Partial<Omit<APIGuildVoiceChannel, 'type'>> = {}): APIGuildVoiceChannel {
    sequence += 1;
    return {
      id: SnowflakeFactory.next(),
      type: ChannelType.GuildVoice,
      name: sequence === 1 ? 'General' : `Voice ${sequence}`,
      position: sequence,
      permission_overwrites: [],
      parent_id: null,
      nsfw: false,
      bitrate: 64000,
      user_limit: 0,
      rtc_region: null,
      video_quality_mode: VideoQualityMode.Auto,
      rate_limit_per_user: 0,
      last_message_id: null,
      ...overrides,
    };
  }

  static reset(): void {
    sequence = 0;
  }
}
