/** How a part is doing, as anyone may see it. */
export type PublicPartStatus = 'up' | 'degraded' | 'down';

export interface PublicHealthPart {
  status: PublicPartStatus;
  /** The bot's own words on what is wrong; never a node name, a count or an error from elsewhere. */
  message?: string;
}

/** `GET /api/v1/health` for anyone who is not a bot owner. */
export interface PublicHealth {
  status: string;
  details: Record<string, PublicHealthPart>;
}

interface DetailedPart {
  status?: unknown;
  message?: unknown;
  nodes?: Array<{ state?: unknown }>;
}

/**
 * The public health answer: each part up, degraded or down, without the details only owners see
 * (Lavalink node names and player counts, database error text, YouTube's failure log). Lavalink is
 * degraded when some of its nodes are not connected; the Discord part keeps its message (the bot's
 * own description of its login state); others get a fixed sentence when they are not up.
 */
export function publicHealth(body: unknown): PublicHealth {
  const result = (body ?? {}) as { status?: unknown; details?: Record<string, DetailedPart> };
  const details: Record<string, PublicHealthPart> = {};
  for (const [name, part] of Object.entries(result.details ?? {})) details[name] = publicPart(name, part);
  return { status: typeof result.status === 'string' ? result.status : 'error', details };
}

function publicPart(name: string, part: DetailedPart): PublicHealthPart {
  const status = statusOf(part);
  if (status === 'up') return { status };
  switch (name) {
    case 'discord':
      return typeof part.message === 'string' ? { status, message: part.message } : { status };
    case 'lavalink':
      return {
        status,
        message: status === 'degraded' ? 'some Lavalink nodes are not connected' : 'no Lavalink node is connected',
      };
    case 'database':
      return { status, message: 'the database is not answering' };
    default:
      return { status };
  }
}

function statusOf(part: DetailedPart): PublicPartStatus {
  if (part.status === 'down') return 'down';
  if (part.status === 'degraded') return 'degraded';
  if (part.status !== 'up') return 'down';
  const nodes = part.nodes ?? [];
  return nodes.some((node) => node.state !== 'connected') ? 'degraded' : 'up';
}
