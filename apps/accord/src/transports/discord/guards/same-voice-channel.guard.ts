import { Injectable } from '@nestjs/common';
import type { InteractionGuard } from './interaction-guard';
import { VoiceContextReader, type GuardedInteraction } from './voice-context';
import { OUTSIDE_GUILD, requireSameChannel, type GuardResult } from './voice-rules';

/** When the bot is in a voice channel of this server, the user must be in that channel. */
@Injectable()
export class SameVoiceChannelGuard implements InteractionGuard {
  constructor(private readonly voice: VoiceContextReader) {}

  check(interaction: GuardedInteraction): Promise<GuardResult> {
    const context = this.voice.read(interaction);
    return Promise.resolve(context ? requireSameChannel(context) : OUTSIDE_GUILD);
  }
}
