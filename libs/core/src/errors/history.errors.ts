import { DomainError } from '../domain-error';

export enum HistoryErrorCode {
  NothingPlaying = 'NOTHING_PLAYING',
  OptedOut = 'OPTED_OUT',
  NoLikes = 'NO_LIKES',
  NotInBotChannel = 'NOT_IN_BOT_CHANNEL',
}

/** An expected refusal from history; `message` is written for the Discord user. */
export class HistoryError extends DomainError<HistoryErrorCode> {
  constructor(code: HistoryErrorCode, message: string) {
    super(code, message);
  }
}
