import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { InteractionGuardType } from './interaction-guard';
import type { GuardedInteraction } from './voice-context';
import type { GuardRefusal } from './voice-rules';

/** Runs guards in order and returns the first refusal, or null when every guard passed. */
@Injectable()
export class GuardRunnerService {
  constructor(private readonly moduleRef: ModuleRef) {}

  async run(guards: readonly InteractionGuardType[], interaction: GuardedInteraction): Promise<GuardRefusal | null> {
    for (const type of guards) {
      const result = await this.moduleRef.get(type, { strict: false }).check(interaction);
      if (!result.ok) return result;
    }
    return null;
  }
}
