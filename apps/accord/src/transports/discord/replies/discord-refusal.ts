import { DomainError } from '@accord/core';
import { say, type Phrase } from '../i18n/phrase';

/**
 * A refusal the Discord transport words itself (a command's own check of its options): its phrase
 * is what the user reads, in their language (the error's message is the English, for the logs).
 * The modules' refusals carry data instead and are worded by the presenters.
 */
export class DiscordRefusal extends DomainError {
  constructor(
    code: string,
    readonly phrase: Phrase,
  ) {
    super(code, say('en', phrase));
  }
}
