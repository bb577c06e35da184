/** One part of the system as the health endpoint reports it. */
export interface HealthComponentDto {
  status: 'up' | 'down';
  detail?: string;
}

/** A Lavalink node as the health endpoint reports it. */
export interface LavalinkNodeHealthDto extends HealthComponentDto {
  name: string;
  players?: number;
}

/**
 * YouTube as `/api/v1/health` reports it (`details.youtube`): `degraded` when most recent YouTube
 * loads and plays failed like a YouTube-side change (cipher, sign-in wall, 403 on every client).
 * The bot itself is fine then, so the endpoint still answers 200.
 */
export interface YoutubeHealthDto {
  status: 'up' | 'degraded';
  /** Loads and plays in the window (the newest 20, none older than 30 minutes). */
  attempts: number;
  failures: number;
  /** Failures that look like a YouTube-side change. */
  breakageFailures: number;
  /** The newest of those, in one line; null when there is none in the window. */
  newestCause: { kind: 'cipher' | 'sign-in' | 'refused'; message: string; at: string } | null;
  /** When it became degraded (ISO 8601); null while it is up. */
  degradedSince: string | null;
  /** What to do, in order; only while degraded. */
  steps?: readonly string[];
  /** The README section that explains the steps; only while degraded. */
  help?: string;
}

/** The README section on YouTube breakage; the panel, /ping and the log name it. */
export const YOUTUBE_HELP_SECTION = 'When YouTube stops playing';

/** What to do when YouTube stops playing, in order (the README section says the same at length). */
export const YOUTUBE_FIX_STEPS: readonly string[] = [
  'Update the plugin: put the newest youtube-source release in lavalink/application.yml ' +
    '(or the commit of the fix with snapshot: true) and run docker compose restart lavalink.',
  'Check the cipher service: docker compose ps shows whether yt-cipher is healthy; update it with ' +
    'docker compose build --pull yt-cipher && docker compose up -d yt-cipher.',
  'Check the clients: compare plugins.youtube.clients with the youtube-source README for your ' +
    'plugin version and move the one that works first.',
  'Last resort: OAuth or a poToken (see lavalink/application.yml), with a burner Google account, ' + 'never your own.',
];
