import { DomainError } from '../domain-error';

export enum PlaybackErrorCode {
  NotInVoice = 'NOT_IN_VOICE',
  NotInBotChannel = 'NOT_IN_BOT_CHANNEL',
  NotPermitted = 'NOT_PERMITTED',
  NothingPlaying = 'NOTHING_PLAYING',
  QueueEmpty = 'QUEUE_EMPTY',
  QueueFull = 'QUEUE_FULL',
  PositionOutOfRange = 'POSITION_OUT_OF_RANGE',
  InvalidTime = 'INVALID_TIME',
  SeekPastEnd = 'SEEK_PAST_END',
  NotSeekable = 'NOT_SEEKABLE',
  FilterNotAllowed = 'FILTER_NOT_ALLOWED',
  AudioUnavailable = 'AUDIO_UNAVAILABLE',
  CannotJoin = 'CANNOT_JOIN',
  AlreadyPaused = 'ALREADY_PAUSED',
  NotPaused = 'NOT_PAUSED',
}

/** An expected refusal from playback; `message` is written for the user and says what to do. */
export class PlaybackError extends DomainError<PlaybackErrorCode> {
  constructor(code: PlaybackErrorCode, message: string) {
    super(code, message);
  }
}
