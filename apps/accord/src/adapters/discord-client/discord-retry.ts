import { setTimeout as sleep } from 'node:timers/promises';
import { GatewayCloseCodes } from 'discord.js';

/** What to do after a call to Discord failed: try again later, or give up because retrying cannot help. */
export type DiscordFailure =
  { kind: 'retry'; reason: string; retryAfterMs?: number } | { kind: 'fatal'; reason: string };

/** Network errors that mean "Discord cannot be reached from here right now" (DNS, routing, refused, reset). */
const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
]);

const TOKEN_REFUSED =
  'Discord refused the bot token (HTTP 401 / gateway close 4004): set DISCORD_TOKEN to the current token ' +
  '(Developer Portal > your application > Bot > Reset Token)';
const INTENTS_REFUSED =
  'Discord refused the gateway intents (close 4013/4014): Accord needs only Guilds and Guild Voice States, ' +
  "none privileged; check the application's Bot settings in the Developer Portal";

/** Gateway close codes after which logging in again cannot succeed without a configuration change. */
const FATAL_CLOSE_CODES = new Map<number, string>([
  [GatewayCloseCodes.AuthenticationFailed, TOKEN_REFUSED],
  [GatewayCloseCodes.InvalidIntents, INTENTS_REFUSED],
  [GatewayCloseCodes.DisallowedIntents, INTENTS_REFUSED],
]);

/** Why a gateway close code stops the bot (4004, 4013, 4014), or null when discord.js recovers from it. */
export function fatalCloseReason(code: number): string | null {
  return FATAL_CLOSE_CODES.get(code) ?? null;
}

/**
 * Sorts an error from discord.js (login, REST) into "retry" or "fatal". Fatal: the token (401,
 * `TokenInvalid`, close 4004) or the intents (4013, 4014). Everything else, above all network
 * errors, 5xx and 429, is worth another attempt; a 429 carries the wait Discord asked for.
 */
export function classifyDiscordError(error: unknown): DiscordFailure {
  const fields = errorFields(error);
  if (fields.code === 'TokenInvalid' || fields.status === 401 || /^Authentication failed/.test(fields.message)) {
    return { kind: 'fatal', reason: TOKEN_REFUSED };
  }
  if (
    fields.code === 'DisallowedIntents' ||
    fields.code === 'InvalidIntents' ||
    /^Used (disallowed|invalid) intents/.test(fields.message)
  ) {
    return { kind: 'fatal', reason: INTENTS_REFUSED };
  }
  const network = fields.codes.find((code) => NETWORK_CODES.has(code));
  if (network) return { kind: 'retry', reason: `Discord unreachable (${network}: ${fields.message})` };
  if (fields.status === 429 || /RateLimit/.test(fields.name)) {
    return {
      kind: 'retry',
      reason: 'Discord rate limit (429)',
      ...(fields.retryAfterMs !== undefined ? { retryAfterMs: fields.retryAfterMs } : {}),
    };
  }
  if (fields.status !== undefined && fields.status >= 500) {
    return { kind: 'retry', reason: `Discord answered ${fields.status} (${fields.message})` };
  }
  if (fields.name === 'AbortError' || fields.name === 'TimeoutError') {
    return { kind: 'retry', reason: 'Discord did not answer in time' };
  }
  return { kind: 'retry', reason: fields.message || 'unknown error' };
}

export interface BackoffInput {
  /** 1 for the wait after the first failed attempt. */
  attempt: number;
  /** A number in [0, 1); the jitter. */
  random: number;
  baseMs?: number;
  capMs?: number;
  /** At least this long (a 429's retry time). */
  atLeastMs?: number;
}

/**
 * Capped exponential backoff: 1 s, 2 s, 4 s ... up to 60 s, each spread by +-20 % so that many bots
 * cut off by the same outage do not all come back in the same second. Never below `atLeastMs`.
 */
export function backoffDelayMs({
  attempt,
  random,
  baseMs = 1_000,
  capMs = 60_000,
  atLeastMs = 0,
}: BackoffInput): number {
  const exponential = Math.min(capMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  const jittered = Math.min(capMs, Math.round(exponential * (0.8 + 0.4 * random)));
  return Math.max(jittered, Math.ceil(atLeastMs));
}

export interface RetryLoopOptions {
  /** One attempt; it resolves on success and throws otherwise. */
  run: (attempt: number) => Promise<void>;
  /** Told before each wait, with the delay (one log line per failed attempt). */
  onRetry: (failure: { attempt: number; delayMs: number; reason: string }) => void;
  /** Told once when a failure is fatal; the loop then ends. */
  onFatal: (reason: string) => void;
  /** Aborting it (shutdown) ends the loop at the next wait. */
  signal: AbortSignal;
  classify?: (error: unknown) => DiscordFailure;
  random?: () => number;
  baseMs?: number;
  capMs?: number;
}

/**
 * Runs `run` until it succeeds, waiting with `backoffDelayMs` between attempts. Resolves true on
 * success, false when a fatal failure or `signal` ended it; never rejects.
 */
export async function retryWithBackoff(options: RetryLoopOptions): Promise<boolean> {
  const classify = options.classify ?? classifyDiscordError;
  const random = options.random ?? Math.random;
  for (let attempt = 1; !options.signal.aborted; attempt += 1) {
    try {
      await options.run(attempt);
      return true;
    } catch (error) {
      if (options.signal.aborted) return false;
      const failure = classify(error);
      if (failure.kind === 'fatal') {
        options.onFatal(failure.reason);
        return false;
      }
      const delayMs = backoffDelayMs({
        attempt,
        random: random(),
        baseMs: options.baseMs,
        capMs: options.capMs,
        atLeastMs: failure.retryAfterMs,
      });
      options.onRetry({ attempt, delayMs, reason: failure.reason });
      try {
        await sleep(delayMs, undefined, { signal: options.signal });
      } catch {
        return false;
      }
    }
  }
  return false;
}

interface ErrorFields {
  name: string;
  message: string;
  status?: number;
  code?: string;
  /** `code` of the error and of its causes (undici and Node put the network code on the cause). */
  codes: string[];
  retryAfterMs?: number;
}

function errorFields(error: unknown): ErrorFields {
  const record = (value: unknown): Record<string, unknown> =>
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const top = record(error);
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const collect = (value: unknown, depth: number): void => {
    if (depth > 4 || seen.has(value)) return;
    seen.add(value);
    const fields = record(value);
    if (typeof fields.code === 'string') codes.push(fields.code);
    if (fields.cause !== undefined) collect(fields.cause, depth + 1);
    if (Array.isArray(fields.errors)) for (const inner of fields.errors) collect(inner, depth + 1);
  };
  collect(error, 0);
  const status = typeof top.status === 'number' ? top.status : undefined;
  // @discordjs/rest's RateLimitError has retryAfter in ms; Discord's 429 body has retry_after in s.
  const rawBody = record(top.rawError);
  const retryAfterMs =
    typeof top.retryAfter === 'number'
      ? top.retryAfter
      : typeof rawBody.retry_after === 'number'
        ? rawBody.retry_after * 1_000
        : undefined;
  return {
    name: typeof top.name === 'string' ? top.name : '',
    message: error instanceof Error ? error.message : typeof error === 'string' ? error : '',
    status,
    code: typeof top.code === 'string' ? top.code : undefined,
    codes,
    retryAfterMs,
  };
}
