/**
 * Lavalink v4 wire shapes, as far as shoukaku 4.3 and kazagumo 3.4 read or send them.
 * Kept in one place so the fake node, its tests and the e2e specs agree on the protocol.
 */

export interface TrackInfoPayload {
  identifier: string;
  isSeekable: boolean;
  author: string;
  length: number;
  isStream: boolean;
  position: number;
  title: string;
  uri: string | null;
  artworkUrl: string | null;
  isrc: string | null;
  sourceName: string;
}

export interface TrackPayload {
  encoded: string;
  info: TrackInfoPayload;
  pluginInfo: Record<string, unknown>;
  userData: Record<string, unknown>;
}

export interface PlaylistPayload {
  info: { name: string; selectedTrack: number };
  pluginInfo: Record<string, unknown>;
  tracks: TrackPayload[];
}

export type ExceptionSeverity = 'common' | 'suspicious' | 'fault';

export interface ExceptionPayload {
  message: string;
  severity: ExceptionSeverity;
  /** The root cause's `toString()`, e.g. `java.lang.IllegalStateException: ...`. */
  cause: string;
  causeStackTrace: string;
}

const FRIENDLY_EXCEPTION = 'com.sedmelluq.discord.lavaplayer.tools.FriendlyException';

/** An exception payload shaped like Lavalink's: `cause` is the Java exception's `toString()`, with a stack trace. */
export function exceptionPayload(
  message: string,
  severity: ExceptionSeverity,
  cause = `${FRIENDLY_EXCEPTION}: ${message}`,
): ExceptionPayload {
  return {
    message,
    severity,
    cause,
    causeStackTrace: `${cause}\n\tat com.sedmelluq.discord.lavaplayer.player.DefaultAudioPlayerManager.loadItemSync(DefaultAudioPlayerManager.java:154)\n`,
  };
}

/** Why lavaplayer's HTTP source fails a link: no answer, an HTTP error status, or bytes that are not audio. */
export type LinkLoadFailure = 'unreachable' | 'not-audio' | { status: number };

/**
 * The exception the real Lavalink 4.2.2 answers for a direct link that fails to load: always
 * "Something went wrong while looking up the track." (fault), the reason in the `Caused by:` chain
 * of `causeStackTrace`, as lavaplayer 2.2.6's HTTP source throws it.
 */
export function linkExceptionPayload(failure: LinkLoadFailure): ExceptionPayload {
  const message = 'Something went wrong while looking up the track.';
  const top = `${FRIENDLY_EXCEPTION}: ${message}`;
  const causes =
    failure === 'unreachable'
      ? [
          `${FRIENDLY_EXCEPTION}: Connecting to the URL failed.`,
          'org.apache.http.conn.HttpHostConnectException: Connect to 127.0.0.1:9 [/127.0.0.1] failed: Connection refused',
        ]
      : failure === 'not-audio'
        ? [`${FRIENDLY_EXCEPTION}: Unknown file format.`]
        : [
            `${FRIENDLY_EXCEPTION}: That URL is not playable.`,
            `java.lang.IllegalStateException: Status code ${failure.status}`,
          ];
  const frame =
    '\tat com.sedmelluq.discord.lavaplayer.source.http.HttpAudioSourceManager.loadItem(HttpAudioSourceManager.java:89)';
  return {
    message,
    severity: 'fault',
    cause: top,
    causeStackTrace: [top, frame, ...causes.flatMap((cause) => [`Caused by: ${cause}`, '\t... 14 more'])].join('\n'),
  };
}

export type LoadResultPayload =
  | { loadType: 'track'; data: TrackPayload }
  | { loadType: 'playlist'; data: PlaylistPayload }
  | { loadType: 'search'; data: TrackPayload[] }
  | { loadType: 'empty'; data: null }
  | { loadType: 'error'; data: ExceptionPayload };

export interface VoiceStatePayload {
  token: string;
  endpoint: string;
  sessionId: string;
  channelId?: string | null;
}

export interface PlayerStatePayload {
  time: number;
  position: number;
  connected: boolean;
  ping: number;
}

/** Filters are kept as sent (minus null keys): the fake does not apply them, it only reports them. */
export type FiltersPayload = Record<string, unknown>;

export interface PlayerPayload {
  guildId: string;
  track: TrackPayload | null;
  volume: number;
  paused: boolean;
  state: PlayerStatePayload;
  /** Without a voice update: empty strings and `channelId: null`. */
  voice: VoiceStatePayload;
  filters: FiltersPayload;
}

export interface StatsPayload {
  players: number;
  playingPlayers: number;
  uptime: number;
  memory: { free: number; used: number; allocated: number; reservable: number };
  cpu: { cores: number; systemLoad: number; lavalinkLoad: number };
  frameStats: { sent: number; nulled: number; deficit: number } | null;
}

export type TrackEndReason = 'finished' | 'loadFailed' | 'stopped' | 'replaced' | 'cleanup';

export type PlayerEventPayload =
  | { op: 'event'; type: 'TrackStartEvent'; guildId: string; track: TrackPayload }
  | { op: 'event'; type: 'TrackEndEvent'; guildId: string; track: TrackPayload; reason: TrackEndReason }
  | { op: 'event'; type: 'TrackExceptionEvent'; guildId: string; track: TrackPayload; exception: ExceptionPayload }
  | { op: 'event'; type: 'TrackStuckEvent'; guildId: string; track: TrackPayload; thresholdMs: number }
  | { op: 'event'; type: 'WebSocketClosedEvent'; guildId: string; code: number; reason: string; byRemote: boolean };

export type ServerMessage =
  | { op: 'ready'; resumed: boolean; sessionId: string }
  | ({ op: 'stats' } & StatsPayload)
  | { op: 'playerUpdate'; guildId: string; state: PlayerStatePayload }
  | PlayerEventPayload;

export interface ErrorPayload {
  timestamp: number;
  status: number;
  error: string;
  message: string;
  path: string;
  trace?: string;
}

export interface InfoPayload {
  version: {
    semver: string;
    major: number;
    minor: number;
    patch: number;
    preRelease: string | null;
    build: string | null;
  };
  buildTime: number;
  git: { branch: string; commit: string; commitTime: number };
  jvm: string;
  lavaplayer: string;
  sourceManagers: string[];
  filters: string[];
  plugins: { name: string; version: string }[];
}

export interface SessionPayload {
  resuming: boolean;
  timeout: number;
}
