import type { VoiceContext } from '../guards/voice-context';

export class VoiceContextFactory {
  /** user-1 sits with the bot in voice-1, alone, with no roles or permissions. */
  static create(overrides: Partial<VoiceContext> = {}): VoiceContext {
    return {
      guildId: 'guild-1',
      userId: 'user-1',
      userChannelId: 'voice-1',
      botChannelId: 'voice-1',
      listeners: ['user-1'],
      roleIds: [],
      canManageGuild: false,
      ...overrides,
    };
  }
}
