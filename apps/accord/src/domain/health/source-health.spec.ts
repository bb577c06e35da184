import type { SourceException } from '@accord/core';
import {
  describeException,
  emptyWindow,
  recordAttempt,
  summarize,
  youtubeBreakage,
  type BreakageKind,
  type SourceAttempt,
  type SourceHealthChange,
  type SourceWindow,
} from './source-health';

// Shapes as Lavalink 4 reports youtube-source's failures: `message` is the FriendlyException's,
// `cause` the root cause's Java toString(). "All clients failed" lists each client with stack frames.
const YTS = '(yts.version: 1.18.2) All clients failed to load the item.';
const PLAYER_SCRIPT = 'https://www.youtube.com/s/player/6740c111/player_ias.vflset/en_US/base.js';
const frames = (where: string): string =>
  `\n\tat dev.lavalink.youtube.${where}\n\tat java.base/java.lang.Thread.run(Thread.java:1583)`;
const allClientsFailed = (...clients: Array<[string, string]>): SourceException => {
  const message = [
    YTS,
    ...clients.map(
      ([client, reason]) => `Client [${client}] failed: ${reason}${frames('clients.Web.loadFormats(Web.java:210)')}`,
    ),
  ].join('\n\n');
  return { message, severity: 'suspicious', cause: `dev.lavalink.youtube.AllClientsFailedException: ${message}` };
};
const friendly = (message: string, severity: SourceException['severity'] = 'common'): SourceException => ({
  message,
  severity,
  cause: `com.sedmelluq.discord.lavaplayer.tools.FriendlyException: ${message}`,
});
const broke = (cause: string): SourceException => ({
  message: 'Something broke when playing the track.',
  severity: 'fault',
  cause,
});

describe('youtubeBreakage', () => {
  it.each<[string, SourceException, BreakageKind]>([
    [
      'no sig function in the player script, on every client',
      allClientsFailed(
        ['WEB', `Must find sig function from script: ${PLAYER_SCRIPT}`],
        ['MWEB', `Must find sig function from script: ${PLAYER_SCRIPT}`],
      ),
      'cipher',
    ],
    [
      'no n function, mid-play',
      broke(
        `dev.lavalink.youtube.cipher.ScriptExtractionException: Must find n function from script: ${PLAYER_SCRIPT}`,
      ),
      'cipher',
    ],
    [
      'the remote cipher server failing',
      allClientsFailed([
        'WEB',
        'Remote cipher service request to resolve URL failed with status code: 500. Response: {"error":"solver"}',
      ]),
      'cipher',
    ],
    [
      'a player script the cipher cannot transform',
      broke(`java.lang.IllegalStateException: Can't transform s parameter AOq0QJ8wRAIg with ${PLAYER_SCRIPT}`),
      'cipher',
    ],
    ['"Please sign in" from YouTube', friendly('Please sign in'), 'sign-in'],
    ['the bot check, as YouTube words it', friendly('Sign in to confirm you’re not a bot'), 'sign-in'],
    [
      'login required on every client',
      allClientsFailed(['ANDROID_VR', 'This video requires login.'], ['TV', 'This video requires login.']),
      'sign-in',
    ],
    [
      '403 on every client',
      allClientsFailed(['WEB', 'Not success status code: 403'], ['ANDROID_VR', 'Not success status code: 403']),
      'refused',
    ],
    ['a 403 from the stream mid-play', broke('java.lang.RuntimeException: Not success status code: 403'), 'refused'],
    [
      'the player API refusing a client, with a video another client calls unavailable',
      allClientsFailed(
        ['MUSIC', 'This video is unavailable'],
        ['WEB', 'Invalid status code for player api response: 400'],
      ),
      'refused',
    ],
  ])('calls %s a YouTube-side change', (_name, exception, kind) => {
    expect(youtubeBreakage(exception)).toBe(kind);
  });

  it.each<[string, SourceException]>([
    ['a deleted video', friendly('This video is unavailable')],
    [
      'a deleted video on every client',
      allClientsFailed(['WEB', 'This video is unavailable'], ['MUSIC', 'Video unavailable']),
    ],
    [
      'a private video',
      {
        ...friendly('This video cannot be loaded.', 'suspicious'),
        cause: 'com.sedmelluq.discord.lavaplayer.tools.FriendlyException: This is a private video.',
      },
    ],
    ['an age-restricted video', friendly('This video requires age verification.', 'suspicious')],
    ['an age check worded as a sign-in', friendly('Sign in to confirm your age')],
    ['a video blocked in the country', friendly('The uploader has not made this video available in your country')],
    [
      'a members-only video',
      friendly('Join this channel to get access to members-only content like this video, and other exclusive perks.'),
    ],
    ['a copyright takedown', friendly('This video is no longer available due to a copyright claim by UMG')],
    ['a network timeout', broke('java.net.SocketTimeoutException: Read timed out')],
    ['an empty mix', friendly('Could not find tracks from mix.', 'suspicious')],
  ])('does not count %s', (_name, exception) => {
    expect(youtubeBreakage(exception)).toBeNull();
  });
});

describe('describeException', () => {
  it('keeps each client reason of "All clients failed" without the stack frames', () => {
    const text = describeException(
      allClientsFailed(
        ['WEB', `Must find sig function from script: ${PLAYER_SCRIPT}`],
        ['ANDROID_VR', 'Not success status code: 403'],
      ),
    );

    expect(text).toBe(
      `${YTS} · Client [WEB] failed: Must find sig function from script: ${PLAYER_SCRIPT} · Client [ANDROID_VR] failed: Not success status code: 403`,
    );
  });

  it('adds the root cause when it says more than the message', () => {
    expect(describeException(broke('java.lang.RuntimeException: Not success status code: 403'))).toBe(
      'Something broke when playing the track. · cause: java.lang.RuntimeException: Not success status code: 403',
    );
    expect(describeException(friendly('This video is unavailable'))).toBe('This video is unavailable');
  });
});

describe('recordAttempt and summarize', () => {
  const minute = 60_000;
  const cipherFailure = (at: number): SourceAttempt => ({
    at,
    stage: 'play',
    ok: false,
    breakage: 'cipher',
    cause: `Client [WEB] failed: Must find sig function from script: ${PLAYER_SCRIPT}`,
  });
  const videoGone = (at: number): SourceAttempt => ({
    at,
    stage: 'load',
    ok: false,
    breakage: null,
    cause: 'This video is unavailable',
  });
  const played = (at: number): SourceAttempt => ({ at, stage: 'play', ok: true, breakage: null, cause: null });

  function replay(
    attempts: SourceAttempt[],
    from: SourceWindow = emptyWindow(),
  ): { window: SourceWindow; changes: SourceHealthChange[] } {
    let window = from;
    const changes: SourceHealthChange[] = [];
    for (const attempt of attempts) {
      const next = recordAttempt(window, attempt);
      window = next.window;
      changes.push(next.change);
    }
    return { window, changes };
  }

  it('turns degraded once, at the fifth cipher failure, with the counts and the newest cause', () => {
    const { window, changes } = replay([0, 1, 2, 3, 4, 5].map((n) => cipherFailure(n * 1_000)));

    expect(changes).toEqual([null, null, null, null, 'degraded', null]);
    expect(summarize(window, 6_000)).toEqual({
      state: 'degraded',
      attempts: 6,
      failures: 6,
      breakageFailures: 6,
      newestCause: {
        kind: 'cipher',
        message: `Client [WEB] failed: Must find sig function from script: ${PLAYER_SCRIPT}`,
        at: 5_000,
        stage: 'play',
      },
      degradedSince: 4_000,
    });
  });

  it('stays ok below the minimum number of attempts', () => {
    const { window } = replay([0, 1, 2, 3].map((n) => cipherFailure(n)));

    expect(summarize(window, 10).state).toBe('ok');
  });

  it('never counts failures of single videos, however many', () => {
    const { window, changes } = replay(Array.from({ length: 30 }, (_, n) => videoGone(n)));

    expect(changes.every((change) => change === null)).toBe(true);
    expect(summarize(window, 30)).toMatchObject({
      state: 'ok',
      attempts: 20,
      failures: 20,
      breakageFailures: 0,
      newestCause: null,
    });
  });

  it('turns degraded when most recent attempts fail like a YouTube-side change after earlier plays worked', () => {
    const { changes } = replay([...[0, 1, 2, 3].map(played), ...[4, 5, 6, 7, 8, 9].map(cipherFailure)]);

    expect(changes.indexOf('degraded')).toBe(9);
  });

  it('forgets attempts older than 30 minutes', () => {
    const { window } = replay([...[0, 1, 2, 3].map(cipherFailure), cipherFailure(31 * minute)]);

    expect(summarize(window, 31 * minute)).toMatchObject({ state: 'ok', attempts: 1 });
  });

  it('stays degraded while nobody plays, and recovers after three tracks play in a row, starting afresh', () => {
    const broken = replay([0, 1, 2, 3, 4].map(cipherFailure)).window;

    expect(summarize(broken, 2 * 60 * minute)).toMatchObject({
      state: 'degraded',
      attempts: 0,
      newestCause: { kind: 'cipher' },
    });
    const later = 2 * 60 * minute;
    const { window, changes } = replay(
      [
        played(later),
        cipherFailure(later + 1),
        played(later + 2),
        played(later + 3),
        played(later + 4),
        cipherFailure(later + 5),
      ],
      broken,
    );
    expect(changes).toEqual([null, null, null, null, 'recovered', null]);
    expect(summarize(window, later + 5)).toMatchObject({
      state: 'ok',
      attempts: 4,
      breakageFailures: 1,
      degradedSince: null,
    });
  });

  it('does not call successful loads a recovery: only tracks that play count', () => {
    const broken = replay([0, 1, 2, 3, 4].map(cipherFailure)).window;
    const loaded = (at: number): SourceAttempt => ({ ...played(at), stage: 'load' });

    const { changes } = replay([loaded(5), loaded(6), loaded(7)], broken);

    expect(changes).toEqual([null, null, null]);
  });
});
