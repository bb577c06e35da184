import { type APIGuildMember, type APIUser, type GuildMemberFlags } from 'discord.js';
import { UserFactory } from './user.factory';

/** Deterministic join date so snapshots of payloads stay stable. */
export const DEFAULT_JOINED_AT = '2024-01-01T00:00:00.000Z';

export interface MemberInput extends Partial<Omit<APIGuildMember, 'user'>> {
  /** The member's user; a fresh `UserFactory.create()` when left out. */
  user?: APIUser;
}

export class MemberFactory {
  /** A guild member; `roles` holds role ids without @everyone, as Discord sends them. */
  static create(input: MemberInput = {}): APIGuildMember {
    const { user = UserFactory.create(), ...rest } = input;
    return {
      user,
      nick: null,
      avatar: null,
      banner: null,
      roles: [],
      joined_at: DEFAULT_JOINED_AT,
      premium_since: null,
      deaf: false,
      mute: false,
      // Discord sends 0 for "no flags"; the enum has no member for it.
      flags: 0 as GuildMemberFlags,
      pending: false,
      communication_disabled_until: null,
      ...rest,
    };
  }
}
