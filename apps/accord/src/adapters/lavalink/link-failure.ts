import type { LinkFailure } from '@accord/core';

/** Lavalink's exception for a failed load: `cause` and `causeStackTrace` carry lavaplayer's chain. */
export interface LoadException {
  message: string;
  cause?: string;
  causeStackTrace?: string;
}

// lavaplayer 2.2.6's HTTP source, as the real Lavalink 4.2.2 answers (its `Caused by:` chain):
// "Connecting to the URL failed." over a refused connection, an unknown host or a read timeout;
// "That URL is not playable." over "Status code 403"; "Unknown file format." for what is not audio.
const UNREACHABLE = /\bConnecting to the URL failed\./;
const STATUS = /\bStatus code (\d{3})\b/;
const NOT_AUDIO = /\bUnknown file format\./;

/** Why an HTTP link failed to load, read from the exception Lavalink answered with. */
export function linkFailureOf(exception: LoadException): LinkFailure {
  const chain = `${exception.message}\n${exception.cause ?? ''}\n${exception.causeStackTrace ?? ''}`;
  const status = STATUS.exec(chain)?.[1];
  if (status) return Number(status) === 404 ? { why: 'not-found' } : { why: 'refused', status: Number(status) };
  if (UNREACHABLE.test(chain)) return { why: 'unreachable' };
  if (NOT_AUDIO.test(chain)) return { why: 'not-audio' };
  return { why: 'unknown' };
}
