import { DomainError } from '@accord/core';

/**
 * A refusal the Discord transport words itself (a command's own check of its options): its message
 * is what the user reads. The modules' refusals carry data instead and are worded by the presenters.
 */
export class DiscordRefusal extends DomainError {
  constructor(code: string, message: string) {
    super(code, message);
  }
}
