import { DomainError } from '../domain-error';
import type { NoData } from '../result';

export enum HistoryErrorCode {
  NothingPlaying = 'NOTHING_PLAYING',
  OptedOut = 'OPTED_OUT',
  NoLikes = 'NO_LIKES',
  NotInBotChannel = 'NOT_IN_BOT_CHANNEL',
}

/** What each history refusal (likes, the liked list) carries for the transports to word it. */
export interface HistoryErrorData {
  /** A like or dislike with no song playing. */
  [HistoryErrorCode.NothingPlaying]: NoData;
  /** The user opted out of being remembered, so no likes are kept. */
  [HistoryErrorCode.OptedOut]: NoData;
  [HistoryErrorCode.NoLikes]: NoData;
  /** The bot plays in `channelId`, not where the user is. */
  [HistoryErrorCode.NotInBotChannel]: { channelId: string };
}

/** A history code with its data, as `HistoryError` is made from. */
export type HistoryErrorArgs = { [C in HistoryErrorCode]: [code: C, data: HistoryErrorData[C]] }[HistoryErrorCode];

/**
 * An expected refusal from history: a code and the data each transport words it from. The message
 * is for the logs, never shown to a user.
 */
export class HistoryError extends DomainError<HistoryErrorCode> {
  readonly data: HistoryErrorData[HistoryErrorCode];

  constructor(...[code, data]: HistoryErrorArgs) {
    super(code, `History refused: ${code}`);
    this.data = data;
  }
}
