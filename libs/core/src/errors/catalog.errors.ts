import { DomainError } from '../domain-error';

export enum CatalogErrorCode {
  TrackNotFound = 'TRACK_NOT_FOUND',
  VideoNotFound = 'VIDEO_NOT_FOUND',
  NothingToFix = 'NOTHING_TO_FIX',
  CannotMergeIntoItself = 'CANNOT_MERGE_INTO_ITSELF',
  AudioUnavailable = 'AUDIO_UNAVAILABLE',
  InvalidQuery = 'INVALID_QUERY',
}

/** An expected refusal from the catalog; `message` is written for the user and says what to do. */
export class CatalogError extends DomainError<CatalogErrorCode> {
  constructor(code: CatalogErrorCode, message: string) {
    super(code, message);
  }
}
