import { DomainError } from '../domain-error';

export enum RecommendationErrorCode {
  NothingPlaying = 'NOTHING_PLAYING',
  AutoplayOff = 'AUTOPLAY_OFF',
}

/** An expected refusal from autoplay; `message` is written for the user and says what to do. */
export class RecommendationError extends DomainError<RecommendationErrorCode> {
  constructor(code: RecommendationErrorCode, message: string) {
    super(code, message);
  }
}
