import type { Type } from '@nestjs/common';
import type { GuardedInteraction } from './voice-context';
import type { GuardResult } from './voice-rules';

/**
 * A reusable Discord requirement (Sapphire's preconditions): refuses with a code and a message for
 * the user instead of throwing. Commands list the guards they need; the router runs them in order.
 */
export interface InteractionGuard {
  check(interaction: GuardedInteraction): Promise<GuardResult>;
}

export type InteractionGuardType = Type<InteractionGuard>;
