import { fail, ok, type Result } from '@accord/core';

/** A Lavalink node as the bot connects to it. */
export interface LavalinkNodeConfig {
  name: string;
  host: string;
  port: number;
  password: string;
  secure: boolean;
}

const NODE_PATTERN =
  /^(?<name>[A-Za-z0-9_-]+)(?::(?<password>.*))?@(?<host>\[[^\]]+\]|[^:@\s]+):(?<port>\d{1,5})(?<tls>\+tls)?$/;

/**
 * Parses `LAVALINK_NODES`: comma-separated `name[:password]@host:port[+tls]` entries, e.g.
 * `main:youshallnotpass@lavalink:2333,backup@10.0.0.5:2333+tls`. A node without its own password
 * uses `fallbackPassword` (LAVALINK_PASSWORD).
 */
export function parseLavalinkNodes(
  raw: string,
  fallbackPassword: string | undefined,
): Result<LavalinkNodeConfig[], 'INVALID_LAVALINK_NODES'> {
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) {
    return fail('INVALID_LAVALINK_NODES', 'needs at least one node, e.g. main:youshallnotpass@lavalink:2333');
  }
  const nodes: LavalinkNodeConfig[] = [];
  for (const entry of entries) {
    const groups = NODE_PATTERN.exec(entry)?.groups;
    if (!groups) {
      return fail('INVALID_LAVALINK_NODES', `"${maskPassword(entry)}" is not name[:password]@host:port[+tls]`);
    }
    const port = Number(groups.port);
    if (port < 1 || port > 65535) {
      return fail('INVALID_LAVALINK_NODES', `node "${groups.name}" has port ${port}, outside 1-65535`);
    }
    const password = groups.password ?? fallbackPassword;
    if (!password) {
      return fail(
        'INVALID_LAVALINK_NODES',
        `node "${groups.name}" has no password: give name:password@host:port or set LAVALINK_PASSWORD`,
      );
    }
    if (nodes.some((node) => node.name === groups.name)) {
      return fail('INVALID_LAVALINK_NODES', `node name "${groups.name}" is used twice`);
    }
    nodes.push({ name: groups.name, host: groups.host, port, password, secure: groups.tls !== undefined });
  }
  return ok(nodes);
}

function maskPassword(entry: string): string {
  return entry.replace(/:.*@/, ':***@');
}
