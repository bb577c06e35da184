import { type APIUser, type UserFlags } from 'discord.js';

const NO_FLAGS = 0 as UserFlags;
import { SnowflakeFactory } from './snowflake.factory';

/** The bot user every factory and the fake use unless told otherwise. */
export const DEFAULT_BOT_USER: Readonly<APIUser> = Object.freeze<APIUser>({
  id: '1187400000000000001',
  username: 'Accord',
  discriminator: '0000',
  global_name: null,
  avatar: null,
  bot: true,
  flags: NO_FLAGS,
  public_flags: NO_FLAGS,
});

let sequence = 0;

export class UserFactory {
  /** A human user with a deterministic id and name (`user1`, `user2`, ...). */
  static create(overrides: Partial<APIUser> = {}): APIUser {
    sequence += 1;
    const username = overrides.username ?? `user${sequence}`;
    return {
      id: SnowflakeFactory.next(),
      username,
      discriminator: '0',
      global_name: username.charAt(0).toUpperCase() + username.slice(1),
      avatar: null,
      bot: false,
      flags: NO_FLAGS,
      public_flags: NO_FLAGS,
      ...overrides,
    };
  }

  /** A bot user; without overrides the shared default bot. */
  static bot(overrides: Partial<APIUser> = {}): APIUser {
    return { ...DEFAULT_BOT_USER, ...overrides, bot: true };
  }

  static reset(): void {
    sequence = 0;
  }
}
