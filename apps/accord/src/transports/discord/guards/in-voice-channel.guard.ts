import { Injectable } from '@nestjs/common';
import type { InteractionGuard } from './interaction-guard';
import { VoiceContextReader, type GuardedInteraction } from './voice-context';
import { OUTSIDE_GUILD, requireVoice, type GuardResult } from './voice-rules';

/** The user must sit in a voice channel. */
@Injectable()
export class InVoiceChannelGuard implements InteractionGuard {
  constructor(private readonly voice: VoiceContextReader) {}

  check(interaction: GuardedInteraction): Promise<GuardResult> {
    const context = this.voice.read(interaction);
    return Promise.resolve(context ? requireVoice(context) : OUTSIDE_GUILD);
  }
}
