import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateBy,
} from 'class-validator';
import { isIP } from 'node:net';

const SNOWFLAKE = /^\d{17,20}$/;
const SNOWFLAKE_LIST = /^\d{17,20}(,\d{17,20})*$/;

/** Names proxy-addr (Fastify's trustProxy) knows for address ranges. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** One TRUST_PROXY entry: an IP address, a CIDR (`10.0.0.0/8`, `fd00::/8`) or a range name. */
export function isProxyEntry(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (version === 4 ? 32 : 128);
}

/** Splits a comma-separated TRUST_PROXY into its entries (blank entries dropped). */
export function proxyList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Which direct audio links (`https://host/song.mp3`) /play accepts: `public` refuses hosts that are
 * or resolve to a private, loopback or link-local address (Lavalink would fetch them from inside
 * the network); `any` accepts every host (tests, a trusted LAN); `off` refuses them all.
 */
export const DIRECT_LINK_MODES = ['public', 'any', 'off'] as const;
export type DirectLinkMode = (typeof DIRECT_LINK_MODES)[number];

/** The sources a song whose YouTube video will not play may be found on, by their Lavalink name. */
export const FALLBACK_SOURCE_NAMES = ['soundcloud', 'bandcamp'] as const;
export type FallbackSourceName = (typeof FALLBACK_SOURCE_NAMES)[number];
const FALLBACK_SOURCE_LIST = new RegExp(`^((${FALLBACK_SOURCE_NAMES.join('|')})(,(?!$)|$))*$`);

/** Splits FALLBACK_SOURCES into its sources, in order (empty: no fallback). */
export function fallbackSourceList(value: string): FallbackSourceName[] {
  return value.split(',').filter((name): name is FallbackSourceName => FALLBACK_SOURCE_NAMES.some((n) => n === name));
}

const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
const emptyAsUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : trimmed({ value });
const booleanFromString = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const lowered = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(lowered)) return true;
  if (['false', '0', 'no', 'off', ''].includes(lowered)) return false;
  return value;
};

/**
 * Every environment variable Accord reads, validated once at boot. Names listed in
 * `SECRET_VARIABLES` are never logged. Keep `.env.example` in step with this class.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  @IsOptional()
  NODE_ENV: 'development' | 'production' | 'test' = 'production';

  // --- Discord ---
  @Transform(trimmed)
  @MinLength(50, { message: 'DISCORD_TOKEN does not look like a bot token (too short)' })
  @IsString()
  DISCORD_TOKEN!: string;

  @Transform(trimmed)
  @Matches(SNOWFLAKE, { message: 'DISCORD_CLIENT_ID must be the application id (a 17-20 digit number)' })
  DISCORD_CLIENT_ID!: string;

  @Transform(emptyAsUndefined)
  @IsOptional()
  @Matches(SNOWFLAKE, { message: 'DISCORD_DEV_GUILD_ID must be a server id (a 17-20 digit number)' })
  DISCORD_DEV_GUILD_ID?: string;

  /** Where the Discord REST API lives; only changed to test against a local stand-in. */
  @Transform(emptyAsUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  DISCORD_API_URL?: string;

  @Transform(emptyAsUndefined)
  @IsOptional()
  @Matches(SNOWFLAKE_LIST, { message: 'OWNER_IDS must be comma-separated Discord user ids' })
  OWNER_IDS?: string;

  // --- Storage ---
  @Transform(trimmed)
  @Matches(/^mongodb(\+srv)?:\/\/.+/, { message: 'MONGODB_URI must start with mongodb:// or mongodb+srv://' })
  MONGODB_URI!: string;

  @Transform(emptyAsUndefined)
  @IsOptional()
  @IsString()
  DATA_DIR = './data';

  // --- Lavalink ---
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  LAVALINK_NODES!: string;

  @Transform(emptyAsUndefined)
  @IsOptional()
  @IsString()
  LAVALINK_PASSWORD?: string;

  /** Seconds Lavalink keeps our players alive while the bot restarts. */
  @Type(() => Number)
  @Min(0)
  @Max(3600)
  @IsInt({ message: '$property must be a whole number' })
  LAVALINK_RESUME_TIMEOUT_S = 60;

  @Type(() => Number)
  @Min(1)
  @Max(600)
  @IsInt({ message: '$property must be a whole number' })
  LAVALINK_RECONNECT_INTERVAL_S = 5;

  // --- Playback ---
  /** Seconds before a track ends at which the next one is resolved (0: off, resolved when due). */
  @Type(() => Number)
  @Min(0)
  @Max(600)
  @IsInt({ message: '$property must be a whole number' })
  PLAYBACK_LOOKAHEAD_S = 30;

  /** Direct audio links: `public` (no private, loopback or link-local hosts), `any` or `off`. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsIn(DIRECT_LINK_MODES, { message: 'DIRECT_LINKS must be public, any or off' })
  DIRECT_LINKS: DirectLinkMode = 'public';

  /**
   * Where a song is looked for when its YouTube video will not play, in order: comma-separated
   * `soundcloud`, `bandcamp`; empty turns the fallback off.
   */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.toLowerCase().replace(/\s+/g, '') : value,
  )
  @IsString()
  @Matches(FALLBACK_SOURCE_LIST, {
    message: `FALLBACK_SOURCES must be a comma-separated list of ${FALLBACK_SOURCE_NAMES.join(', ')} (or empty for none)`,
  })
  @ValidateBy({
    name: 'noRepeats',
    validator: {
      validate: (value: unknown): boolean =>
        typeof value !== 'string' || new Set(value.split(',')).size === value.split(',').length,
      defaultMessage: (): string => 'FALLBACK_SOURCES names a source twice',
    },
  })
  FALLBACK_SOURCES = 'soundcloud';

  /** SponsorBlock's API, asked which parts of a YouTube video are not music (skipped while it plays). */
  @Transform(emptyAsUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'SPONSORBLOCK_URL must be an http(s) URL' })
  SPONSORBLOCK_URL?: string;

  // --- Listening memory ---
  /** Days after which a taste weight counts half (likes, plays and skips fade with it). */
  @Type(() => Number)
  @Min(1)
  @Max(3650)
  @IsInt({ message: '$property must be a whole number' })
  PROFILE_HALF_LIFE_DAYS = 90;

  /** Hours between two trainings of the taste model (the first runs at start when none is stored); 0: never. */
  @Type(() => Number)
  @Min(0)
  @Max(24 * 30)
  @IsInt({ message: '$property must be a whole number' })
  TASTE_MODEL_EVERY_H = 6;

  // --- Web server ---
  @Type(() => Number)
  @Min(0)
  @Max(65535)
  @IsInt({ message: '$property must be a whole number' })
  HTTP_PORT = 3000;

  @Transform(emptyAsUndefined)
  @IsOptional()
  @IsString()
  HTTP_HOST = '0.0.0.0';

  @Transform(emptyAsUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  PUBLIC_URL?: string;

  /**
   * Proxies whose X-Forwarded-For is believed (comma-separated addresses or CIDRs). Unset: none,
   * so every client is known by its own address and cannot pick the one rate limits count.
   */
  @Transform(emptyAsUndefined)
  @IsOptional()
  @ValidateBy({
    name: 'isProxyList',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && proxyList(value).every(isProxyEntry),
      defaultMessage: () =>
        'TRUST_PROXY must be comma-separated IP addresses or CIDRs of your reverse proxies (e.g. 127.0.0.1,172.16.0.0/12)',
    },
  })
  TRUST_PROXY?: string;

  // --- Logs ---
  @Transform(emptyAsUndefined)
  @IsOptional()
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @Transform(emptyAsUndefined)
  @IsOptional()
  @IsIn(['pretty', 'json'])
  LOG_FORMAT?: 'pretty' | 'json';

  @Transform(booleanFromString)
  @IsOptional()
  @IsBoolean()
  LOG_TO_FILE = true;

  @Type(() => Number)
  @Min(10)
  @Max(100000)
  @IsInt({ message: '$property must be a whole number' })
  LOG_RING_SIZE = 2000;

  // --- Process ---
  /**
   * Seconds a graceful stop (SIGTERM, SIGINT) may take: sessions saved, connections closed. A
   * connection that hangs past it does not hold the process: it exits with code 1.
   */
  @Type(() => Number)
  @Min(1)
  @Max(600)
  @IsInt({ message: '$property must be a whole number' })
  SHUTDOWN_TIMEOUT_S = 10;

  // --- Admin panel ---
  @Transform(emptyAsUndefined)
  @IsOptional()
  @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters' })
  @IsString()
  ADMIN_PASSWORD?: string;

  @Transform(emptyAsUndefined)
  @IsOptional()
  @IsString()
  DISCORD_CLIENT_SECRET?: string;

  @Transform(emptyAsUndefined)
  @ValidateIf(
    (env: EnvironmentVariables) => env.DISCORD_CLIENT_SECRET !== undefined || env.ADMIN_PASSWORD !== undefined,
  )
  @MinLength(32, { message: 'ADMIN_SESSION_SECRET must be at least 32 characters' })
  @IsString({ message: 'ADMIN_SESSION_SECRET is required when the panel login is configured' })
  ADMIN_SESSION_SECRET?: string;

  // --- Spotify (optional) ---
  @Transform(emptyAsUndefined)
  @IsOptional()
  @IsString()
  SPOTIFY_CLIENT_ID?: string;

  @Transform(emptyAsUndefined)
  @ValidateIf((env: EnvironmentVariables) => env.SPOTIFY_CLIENT_ID !== undefined)
  @IsNotEmpty()
  @IsString({ message: 'SPOTIFY_CLIENT_SECRET is required when SPOTIFY_CLIENT_ID is set' })
  SPOTIFY_CLIENT_SECRET?: string;

  @Transform(emptyAsUndefined)
  @ValidateIf((env: EnvironmentVariables) => env.SPOTIFY_CLIENT_ID !== undefined)
  @MinLength(32, { message: 'TOKEN_ENCRYPTION_KEY must be at least 32 characters' })
  @IsString({ message: 'TOKEN_ENCRYPTION_KEY is required when Spotify is configured (it encrypts tokens at rest)' })
  TOKEN_ENCRYPTION_KEY?: string;

  // --- Last.fm (optional) ---
  @Transform(emptyAsUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(64)
  LASTFM_API_KEY?: string;

  // --- Lyrics ---
  /** Where LRCLIB lives (lyrics for /lyrics and the panel); only changed for a mirror or a test stand-in. */
  @Transform(emptyAsUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'LRCLIB_URL must be an http(s) URL' })
  LRCLIB_URL = 'https://lrclib.net';
}

/** Variables whose values are redacted from every log line. */
export const SECRET_VARIABLES = [
  'DISCORD_TOKEN',
  'DISCORD_CLIENT_SECRET',
  'LAVALINK_PASSWORD',
  'ADMIN_PASSWORD',
  'ADMIN_SESSION_SECRET',
  'SPOTIFY_CLIENT_SECRET',
  'TOKEN_ENCRYPTION_KEY',
  'LASTFM_API_KEY',
] as const satisfies ReadonlyArray<keyof EnvironmentVariables>;
