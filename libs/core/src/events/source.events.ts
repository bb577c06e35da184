/**
 * What the Lavalink adapter tells the rest of the app about its audio sources (YouTube,
 * SoundCloud, plain http...): each load that failed and each play that played, failed or got
 * stuck, so health can tell one bad video from a source that stopped working.
 */
export const SourceEvent = {
  /** Lavalink tried a source: a `loadtracks` that answered `error`, or a track that played, failed or got stuck. */
  Attempted: 'source.attempted',
} as const;

/** The exception Lavalink reports (loadtracks `error`, TrackExceptionEvent), as it sent it. */
export interface SourceException {
  message: string;
  severity: 'common' | 'suspicious' | 'fault';
  /** The root cause's Java `toString()`, e.g. `java.lang.RuntimeException: Not success status code: 403`. */
  cause: string | null;
}

export interface SourceAttemptedEvent {
  /** Lavalink's source name (`youtube`, `soundcloud`, `http`, ...); `unknown` when it cannot be told. */
  source: string;
  stage: 'load' | 'play';
  /**
   * `played`: the track's playhead moved (or it finished), so its audio came through. Lavalink
   * sends TrackStart before it loads the audio, so a start alone proves nothing.
   */
  outcome: 'played' | 'failed' | 'stuck';
  /** Set when `outcome` is `failed`. */
  exception?: SourceException;
  at: Date;
}
