import type { SourceException } from '@accord/core';

/**
 * How a source (YouTube) is doing, from the outcome of its recent loads and plays: plain functions
 * over plain data, `now` passed in.
 *
 * YouTube breaks for everyone at once when it changes its player (the signature or n function can
 * no longer be deciphered), puts up a sign-in wall, or refuses a client (403). Those failures have
 * recognisable messages; a private, deleted or age-restricted video fails for itself only and never
 * counts towards "degraded".
 */

/** What kind of YouTube-side change a failure looks like. */
export type BreakageKind = 'cipher' | 'sign-in' | 'refused';

export interface SourceHealthOptions {
  /** Attempts kept per source (the newest). */
  maxAttempts: number;
  /** Attempts older than this are forgotten. */
  maxAgeMs: number;
  /** Fewer attempts than this never make a source degraded. */
  minAttempts: number;
  /** Share of the kept attempts that must fail like a YouTube-side change. */
  degradedShare: number;
  /** Tracks in a row that must play again before a degraded source counts as recovered. */
  recoverAfter: number;
}

export const SOURCE_HEALTH_DEFAULTS: SourceHealthOptions = {
  maxAttempts: 20,
  maxAgeMs: 30 * 60_000,
  minAttempts: 5,
  degradedShare: 0.6,
  recoverAfter: 3,
};

export interface SourceAttempt {
  at: number;
  stage: 'load' | 'play';
  ok: boolean;
  /** Set on failures that look like a YouTube-side change. */
  breakage: BreakageKind | null;
  /** One line saying why it failed; null when it worked. */
  cause: string | null;
}

export interface SourceWindow {
  attempts: SourceAttempt[];
  /** When the source became degraded; null while it is fine. */
  degradedSince: number | null;
  /** The newest failure that looked like a YouTube-side change (kept while degraded, even when old). */
  newestBreakage: SourceAttempt | null;
}

export interface SourceHealthReport {
  state: 'ok' | 'degraded';
  /** Attempts in the window (at most `maxAttempts`, none older than `maxAgeMs`). */
  attempts: number;
  failures: number;
  /** Failures that look like a YouTube-side change. */
  breakageFailures: number;
  /** The newest failure that looks like a YouTube-side change, if any is in the window. */
  newestCause: { kind: BreakageKind; message: string; at: number; stage: 'load' | 'play' } | null;
  degradedSince: number | null;
}

export type SourceHealthChange = 'degraded' | 'recovered' | null;

// A failure of this one video: it says nothing about YouTube as a whole.
const THIS_VIDEO_ONLY: readonly RegExp[] = [
  /private video|video is private/i,
  /age verification|inappropriate for some users|confirm your age|age[- ]restricted/i,
  /has been removed|no longer available|account .*terminated|been terminated/i,
  /copyright/i,
  /not available in your country|in your country|geo[- ]?restrict/i,
  /members[- ]only|join this channel/i,
  /premiere|live event|live stream offline|trailer cannot be loaded/i,
  /not a valid url/i,
];

const BREAKAGE: ReadonlyArray<[BreakageKind, RegExp]> = [
  // youtube-source's ScriptExtractionException ("Must find sig function from script: ..."), the
  // local and remote cipher managers, and the player script they read.
  ['cipher', /must find (sig function|sig actions|n function|timestamp|global variables)/i],
  ['cipher', /scriptextractionexception|decipher|cipher|signature|\bn function\b|could not find .{0,60}function/i],
  ['cipher', /can't transform [sn] parameter|player script|no jsurl found|from script url/i],
  // YouTube's sign-in wall ("Sign in to confirm you're not a bot", LOGIN_REQUIRED).
  ['sign-in', /please sign in|sign in to confirm|login_required|requires login|cannot be viewed anonymously/i],
  // A client refused: the stream or the player API answers 403 (or 400) on every client.
  ['refused', /(status|response) code:? 403|\b403 forbidden|http 403|player api response: 4\d\d/i],
];

/**
 * Whether a YouTube failure looks like a YouTube-side change, and which kind. Reads the message
 * and the cause together: "All clients failed to load the item" lists each client's reason.
 */
export function youtubeBreakage(exception: SourceException): BreakageKind | null {
  const text = `${exception.message}\n${exception.cause ?? ''}`;
  if (THIS_VIDEO_ONLY.some((pattern) => pattern.test(text))) return null;
  return BREAKAGE.find(([, pattern]) => pattern.test(text))?.[0] ?? null;
}

const MAX_CAUSE_LENGTH = 300;

/**
 * One readable line from a Lavalink exception: the message without stack frames (each client's
 * reason for "All clients failed"), and the root cause when it says more than the message.
 */
export function describeException(exception: SourceException): string {
  const lines = readableLines(exception.message);
  const cause = readableLines(exception.cause ?? '')[0];
  // The cause is `java.class.Name: message`; worth adding only when it is not the message again.
  const causeText = cause?.replace(/^[\w.$]+(Exception|Error):\s*/, '');
  if (causeText && !lines.some((line) => line.includes(causeText))) lines.push(`cause: ${cause}`);
  const text = lines.join(' · ') || 'no message';
  return text.length > MAX_CAUSE_LENGTH ? `${text.slice(0, MAX_CAUSE_LENGTH - 1)}…` : text;
}

function readableLines(text: string): string[] {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('at ') && !line.startsWith('Caused by:') && line !== '...');
  return [...new Set(lines)];
}

export function emptyWindow(): SourceWindow {
  return { attempts: [], degradedSince: null, newestBreakage: null };
}

/**
 * Adds one attempt to a source's window and says whether the source just became degraded or
 * recovered. A recovery starts the count afresh, so the failures before it cannot trip it again.
 */
export function recordAttempt(
  window: SourceWindow,
  attempt: SourceAttempt,
  options: SourceHealthOptions = SOURCE_HEALTH_DEFAULTS,
): { window: SourceWindow; change: SourceHealthChange } {
  const attempts = recent([...window.attempts, attempt], attempt.at, options);
  const newestBreakage = attempt.breakage === null ? window.newestBreakage : attempt;
  if (window.degradedSince !== null) {
    const streak = attempts.slice(-options.recoverAfter);
    const recovered = streak.length === options.recoverAfter && streak.every((one) => one.ok && one.stage === 'play');
    return recovered
      ? { window: { attempts: streak, degradedSince: null, newestBreakage: null }, change: 'recovered' }
      : { window: { attempts, degradedSince: window.degradedSince, newestBreakage }, change: null };
  }
  const degraded = isDegraded(attempts, options);
  return {
    window: { attempts, degradedSince: degraded ? attempt.at : null, newestBreakage },
    change: degraded ? 'degraded' : null,
  };
}

/** The window as health reports it at `now` (old attempts left out of the counts). */
export function summarize(
  window: SourceWindow,
  now: number,
  options: SourceHealthOptions = SOURCE_HEALTH_DEFAULTS,
): SourceHealthReport {
  const attempts = recent(window.attempts, now, options);
  const failures = attempts.filter((attempt) => !attempt.ok);
  const newest = window.newestBreakage;
  const degraded = window.degradedSince !== null;
  const showCause = newest !== null && newest.breakage !== null && (degraded || now - newest.at <= options.maxAgeMs);
  return {
    // A degraded source stays so until tracks play again, even when nobody has tried for a while.
    state: degraded ? 'degraded' : 'ok',
    attempts: attempts.length,
    failures: failures.length,
    breakageFailures: failures.filter((attempt) => attempt.breakage !== null).length,
    newestCause: showCause
      ? { kind: newest.breakage!, message: newest.cause ?? '', at: newest.at, stage: newest.stage }
      : null,
    degradedSince: window.degradedSince,
  };
}

function isDegraded(attempts: SourceAttempt[], options: SourceHealthOptions): boolean {
  if (attempts.length < options.minAttempts) return false;
  const broken = attempts.filter((attempt) => !attempt.ok && attempt.breakage !== null).length;
  return broken >= attempts.length * options.degradedShare;
}

function recent(attempts: SourceAttempt[], now: number, options: SourceHealthOptions): SourceAttempt[] {
  return attempts.filter((attempt) => now - attempt.at <= options.maxAgeMs).slice(-options.maxAttempts);
}
