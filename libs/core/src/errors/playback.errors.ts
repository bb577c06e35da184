import { DomainError } from '../domain-error';
import type { NoData, RefusalOf } from '../result';

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

/** What each playback refusal carries for the transports to word it. */
export interface PlaybackErrorData {
  /** The requester is in no voice channel, so there is nowhere to join. */
  [PlaybackErrorCode.NotInVoice]: NoData;
  /** The bot plays in `channelId`, not where the user is. */
  [PlaybackErrorCode.NotInBotChannel]: { channelId: string };
  /** A vote to skip from someone who does not listen (not in the channel, or deafened). */
  [PlaybackErrorCode.NotPermitted]: NoData;
  /**
   * `what`: no player session in the guild (`session`), a session with no song (`track`), no
   * Lavalink player (`player`); or what could not be done for want of a song (`skip`, `seek`).
   */
  [PlaybackErrorCode.NothingPlaying]: { what: 'session' | 'track' | 'player' | 'skip' | 'seek' };
  /** Fewer than two songs queued, so nothing to shuffle. */
  [PlaybackErrorCode.QueueEmpty]: NoData;
  /** `max`: the most tracks a queue holds. */
  [PlaybackErrorCode.QueueFull]: { max: number };
  /** `position`: the one asked for (1-based); `size`: how many songs are queued. */
  [PlaybackErrorCode.PositionOutOfRange]: { position: number; size: number };
  /** A seek position that is no time, or a volume out of 0..`max`. */
  [PlaybackErrorCode.InvalidTime]: { field: 'position' } | { field: 'volume'; max: number };
  /** `durationMs`: the song's length. */
  [PlaybackErrorCode.SeekPastEnd]: { durationMs: number };
  /** A livestream, or a track Lavalink cannot seek in. */
  [PlaybackErrorCode.NotSeekable]: NoData;
  /** `preset`: the filter asked for; `allowed`: the ones the guild allows. */
  [PlaybackErrorCode.FilterNotAllowed]: { preset: string; allowed: string[] };
  /** No Lavalink node is connected. */
  [PlaybackErrorCode.AudioUnavailable]: NoData;
  /** `detail`: why the voice connection failed, as Lavalink or Discord said it. */
  [PlaybackErrorCode.CannotJoin]: { detail: string };
  [PlaybackErrorCode.AlreadyPaused]: NoData;
  [PlaybackErrorCode.NotPaused]: NoData;
}

/** A playback refusal as a value: a code and its data. */
export type PlaybackRefusal = RefusalOf<PlaybackErrorData>;

/** A playback code with its data, as `PlaybackError` is made from. */
export type PlaybackErrorArgs = { [C in PlaybackErrorCode]: [code: C, data: PlaybackErrorData[C]] }[PlaybackErrorCode];

/**
 * An expected refusal from playback: a code and the data each transport words it from. The message
 * is for the logs, never shown to a user.
 */
export class PlaybackError extends DomainError<PlaybackErrorCode> {
  readonly data: PlaybackErrorData[PlaybackErrorCode];

  constructor(...[code, data]: PlaybackErrorArgs) {
    super(code, `Playback refused: ${code}`);
    this.data = data;
  }

  /** Whether this is the refusal `code`: its data is then that code's. */
  is<C extends PlaybackErrorCode>(code: C): this is PlaybackError & { code: C; data: PlaybackErrorData[C] } {
    return this.code === code;
  }
}
