import { DomainError } from '../domain-error';
import type { NoData } from '../result';

export enum RecommendationErrorCode {
  NothingPlaying = 'NOTHING_PLAYING',
  AutoplayOff = 'AUTOPLAY_OFF',
}

/** What each autoplay refusal carries for the transports to word it. */
export interface RecommendationErrorData {
  /** "Why this song?" with no song playing. */
  [RecommendationErrorCode.NothingPlaying]: NoData;
  [RecommendationErrorCode.AutoplayOff]: NoData;
}

/** An autoplay code with its data, as `RecommendationError` is made from. */
export type RecommendationErrorArgs = {
  [C in RecommendationErrorCode]: [code: C, data: RecommendationErrorData[C]];
}[RecommendationErrorCode];

/**
 * An expected refusal from autoplay: a code and the data each transport words it from. The message
 * is for the logs, never shown to a user.
 */
export class RecommendationError extends DomainError<RecommendationErrorCode> {
  readonly data: RecommendationErrorData[RecommendationErrorCode];

  constructor(...[code, data]: RecommendationErrorArgs) {
    super(code, `Autoplay refused: ${code}`);
    this.data = data;
  }
}
