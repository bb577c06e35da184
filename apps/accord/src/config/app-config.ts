import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { fail, ok, type Result } from '@accord/core';
import {
  EnvironmentVariables,
  SECRET_VARIABLES,
  fallbackSourceList,
  proxyList,
  type DirectLinkMode,
  type FallbackSourceName,
  type LogLevel,
} from './env.schema';
import { parseLavalinkNodes, type LavalinkNodeConfig } from './lavalink-nodes.parser';

/** The typed configuration every module reads; built once from the environment at boot. */
export interface AppConfig {
  env: 'development' | 'production' | 'test';
  discord: {
    token: string;
    clientId: string;
    devGuildId?: string;
    apiUrl?: string;
    ownerIds: string[];
  };
  mongodb: { uri: string };
  lavalink: {
    nodes: LavalinkNodeConfig[];
    resumeTimeoutS: number;
    reconnectIntervalS: number;
  };
  playback: { lookAheadS: number };
  /** Which direct audio links /play accepts (see `DIRECT_LINK_MODES`). */
  links: { direct: DirectLinkMode };
  /** Where a song whose YouTube video will not play is looked for, in order (FALLBACK_SOURCES); empty: nowhere. */
  fallback: { sources: FallbackSourceName[] };
  /** SponsorBlock's base URL (SPONSORBLOCK_URL), for the non-music segments skipped in YouTube songs. */
  sponsorblock: { url: string };
  profiles: { halfLifeDays: number };
  tasteModel: { everyH: number };
  /** `trustProxy`: proxies whose X-Forwarded-For is believed (TRUST_PROXY); empty: none. */
  http: { port: number; host: string; publicUrl?: string; trustProxy: string[] };
  logging: { level: LogLevel; format: 'pretty' | 'json'; toFile: boolean; ringSize: number; dir: string };
  dataDir: string;
  /** How long a graceful stop may take before the process exits anyway. */
  shutdownTimeoutS: number;
  admin: { password?: string; discordClientSecret?: string; sessionSecret?: string };
  spotify?: { clientId: string; clientSecret: string; tokenEncryptionKey: string };
  lastfm?: { apiKey: string };
  /** Where lyrics are looked up (LRCLIB_URL). */
  lyrics: { lrclibUrl: string };
  /** Every secret value in this config, for the log redactor. */
  secrets: string[];
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * Validates the environment and builds the typed config. Failure lists one line per bad or
 * missing variable, so the operator can fix them all at once.
 */
export function loadConfig(env: NodeJS.ProcessEnv): Result<AppConfig, 'INVALID_ENV'> {
  const vars = plainToInstance(EnvironmentVariables, env, { excludeExtraneousValues: false });
  const problems = validateSync(vars, { skipMissingProperties: false, stopAtFirstError: true }).flatMap(describe);
  const nodes = vars.LAVALINK_NODES ? parseLavalinkNodes(vars.LAVALINK_NODES, vars.LAVALINK_PASSWORD) : undefined;
  if (nodes && !nodes.ok) problems.push(`LAVALINK_NODES: ${nodes.detail ?? 'invalid'}`);
  if (problems.length > 0 || !nodes?.ok) return fail('INVALID_ENV', problems.join('\n'));

  const dataDir = vars.DATA_DIR;
  const config: AppConfig = {
    env: vars.NODE_ENV,
    discord: {
      token: vars.DISCORD_TOKEN,
      clientId: vars.DISCORD_CLIENT_ID,
      devGuildId: vars.DISCORD_DEV_GUILD_ID,
      apiUrl: vars.DISCORD_API_URL,
      ownerIds: vars.OWNER_IDS ? vars.OWNER_IDS.split(',') : [],
    },
    mongodb: { uri: vars.MONGODB_URI },
    lavalink: {
      nodes: nodes.value,
      resumeTimeoutS: vars.LAVALINK_RESUME_TIMEOUT_S,
      reconnectIntervalS: vars.LAVALINK_RECONNECT_INTERVAL_S,
    },
    playback: { lookAheadS: vars.PLAYBACK_LOOKAHEAD_S },
    links: { direct: vars.DIRECT_LINKS },
    fallback: { sources: fallbackSourceList(vars.FALLBACK_SOURCES) },
    sponsorblock: { url: (vars.SPONSORBLOCK_URL ?? 'https://sponsor.ajay.app').replace(/\/+$/, '') },
    profiles: { halfLifeDays: vars.PROFILE_HALF_LIFE_DAYS },
    tasteModel: { everyH: vars.TASTE_MODEL_EVERY_H },
    http: {
      port: vars.HTTP_PORT,
      host: vars.HTTP_HOST,
      publicUrl: vars.PUBLIC_URL,
      trustProxy: proxyList(vars.TRUST_PROXY),
    },
    logging: {
      level: vars.LOG_LEVEL,
      format: vars.LOG_FORMAT ?? (vars.NODE_ENV === 'production' ? 'json' : 'pretty'),
      toFile: vars.LOG_TO_FILE,
      ringSize: vars.LOG_RING_SIZE,
      dir: `${dataDir}/logs`,
    },
    dataDir,
    shutdownTimeoutS: vars.SHUTDOWN_TIMEOUT_S,
    admin: {
      password: vars.ADMIN_PASSWORD,
      discordClientSecret: vars.DISCORD_CLIENT_SECRET,
      sessionSecret: vars.ADMIN_SESSION_SECRET,
    },
    spotify:
      vars.SPOTIFY_CLIENT_ID && vars.SPOTIFY_CLIENT_SECRET && vars.TOKEN_ENCRYPTION_KEY
        ? {
            clientId: vars.SPOTIFY_CLIENT_ID,
            clientSecret: vars.SPOTIFY_CLIENT_SECRET,
            tokenEncryptionKey: vars.TOKEN_ENCRYPTION_KEY,
          }
        : undefined,
    lastfm: vars.LASTFM_API_KEY ? { apiKey: vars.LASTFM_API_KEY } : undefined,
    lyrics: { lrclibUrl: vars.LRCLIB_URL },
    secrets: collectSecrets(vars, nodes.value),
  };
  return ok(config);
}

function collectSecrets(vars: EnvironmentVariables, nodes: LavalinkNodeConfig[]): string[] {
  const values: string[] = SECRET_VARIABLES.map((name) => vars[name]).filter(
    (value): value is string => typeof value === 'string' && value.length > 0,
  );
  values.push(...nodes.map((node) => node.password));
  const mongoPassword = /^mongodb(?:\+srv)?:\/\/[^:/@]+:([^@]+)@/.exec(vars.MONGODB_URI)?.[1];
  if (mongoPassword) values.push(mongoPassword, decodeURIComponent(mongoPassword));
  // Short values would redact ordinary words; they are weak secrets anyway and still key-redacted.
  return [...new Set(values.filter((value) => value.length >= 6))];
}

function describe(error: ValidationError): string[] {
  const messages = Object.values(error.constraints ?? {});
  const value = error.value as unknown;
  if (value === undefined) {
    const conditional = messages.find((message) => message.includes('required when'));
    return [conditional ? prefixed(error.property, conditional) : `${error.property}: is required but not set`];
  }
  return messages.map((message) => prefixed(error.property, message));
}

/** `NAME: what is wrong`, whether or not the validator's message already starts with the name. */
function prefixed(property: string, message: string): string {
  return message.startsWith(`${property} `)
    ? `${property}: ${message.slice(property.length + 1)}`
    : `${property}: ${message}`;
}
