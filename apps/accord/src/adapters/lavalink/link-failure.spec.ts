import { linkFailureOf } from './link-failure';

/** Lavalink 4.2.2's exception for a failed HTTP load, with lavaplayer's chain as it sends it. */
function exception(...causes: string[]): { message: string; cause: string; causeStackTrace: string } {
  const top =
    'com.sedmelluq.discord.lavaplayer.tools.FriendlyException: Something went wrong while looking up the track.';
  return {
    message: 'Something went wrong while looking up the track.',
    cause: top,
    causeStackTrace: [
      top,
      '\tat com.sedmelluq.discord.lavaplayer.tools.ExceptionTools.wrapUnfriendlyExceptions(ExceptionTools.java:44)',
      ...causes.flatMap((cause) => [`Caused by: ${cause}`, '\t... 12 more']),
    ].join('\n'),
  };
}

const FRIENDLY = 'com.sedmelluq.discord.lavaplayer.tools.FriendlyException';

describe(linkFailureOf.name, () => {
  it.each([
    [
      'a refused connection',
      exception(
        `${FRIENDLY}: Connecting to the URL failed.`,
        'org.apache.http.conn.HttpHostConnectException: Connect to 127.0.0.1:1 [/127.0.0.1] failed: Connection refused',
        'java.net.ConnectException: Connection refused',
      ),
      { why: 'unreachable' },
    ],
    [
      'an unknown host',
      exception(
        `${FRIENDLY}: Connecting to the URL failed.`,
        'java.net.UnknownHostException: no-such-host.invalid: Name or service not known',
      ),
      { why: 'unreachable' },
    ],
    [
      'a read timeout',
      exception(`${FRIENDLY}: Connecting to the URL failed.`, 'java.net.SocketTimeoutException: Read timed out'),
      { why: 'unreachable' },
    ],
    [
      'an HTTP 403',
      exception(`${FRIENDLY}: That URL is not playable.`, 'java.lang.IllegalStateException: Status code 403'),
      { why: 'refused', status: 403 },
    ],
    [
      'an HTTP 500',
      exception(`${FRIENDLY}: That URL is not playable.`, 'java.lang.IllegalStateException: Status code 500'),
      { why: 'refused', status: 500 },
    ],
    [
      'an HTTP 404 said in the chain',
      exception(`${FRIENDLY}: That URL is not playable.`, 'java.lang.IllegalStateException: Status code 404'),
      { why: 'not-found' },
    ],
    ['a page or file that is not audio', exception(`${FRIENDLY}: Unknown file format.`), { why: 'not-audio' }],
    ['an exception without a chain', { message: 'This video is unavailable', cause: 'x' }, { why: 'unknown' }],
  ])('reads %s', (_label, thrown, failure) => {
    expect(linkFailureOf(thrown)).toEqual(failure);
  });
});
