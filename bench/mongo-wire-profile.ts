// A loopback proxy between a bot and its database on the MongoDB wire: it knows how many commands
// are waiting for an answer (so a bench can wait until the bot's database work has caught up), and
// with `profile` on it times each command (OP_MSG), so a bench can say which of the bot's queries
// cost the database's time. Commands are grouped by shape: the command, the collection and the
// filter's fields (not their values).
import { createServer, connect, type Server, type Socket } from 'node:net';
import { mongo } from 'mongoose';

const OP_MSG = 2013;

interface Shape {
  count: number;
  totalMs: number;
  maxMs: number;
}

/** Splits a byte stream into whole wire messages. */
function frames(onMessage: (message: Buffer) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length >= 4) {
      const length = pending.readInt32LE(0);
      if (pending.length < length) return;
      onMessage(pending.subarray(0, length));
      pending = pending.subarray(length);
    }
  };
}

/** The command document of an OP_MSG (its kind-0 section), or null for other messages. */
function commandOf(message: Buffer): Record<string, unknown> | null {
  if (message.readInt32LE(12) !== OP_MSG) return null;
  // Header (16 bytes), flag bits (4), then sections; the body section has kind 0.
  let at = 20;
  while (at < message.length) {
    const kind = message.readUInt8(at);
    if (kind === 0) {
      const size = message.readInt32LE(at + 1);
      return mongo.BSON.deserialize(message.subarray(at + 1, at + 1 + size));
    }
    at += 1 + message.readInt32LE(at + 1);
  }
  return null;
}

/** The first field of an OP_MSG's body (the command's name), read without decoding the body. */
function commandName(message: Buffer): string {
  // Header (16), flag bits (4), section kind (1), document length (4), element type (1), then the name.
  if (message.readInt32LE(12) !== OP_MSG || message.readUInt8(20) !== 0) return '';
  const start = 26;
  const end = message.indexOf(0, start);
  return end > start ? message.toString('latin1', start, end) : '';
}

function fields(value: unknown): string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return '';
  return Object.entries(value as Record<string, unknown>)
    .map(([key, inner]) =>
      key === '$or' || key === '$and'
        ? `${key}[${(inner as unknown[]).map(fields).join('|')}]`
        : inner && typeof inner === 'object' && !Array.isArray(inner) && !(inner instanceof Date)
          ? `${key}:${
              Object.keys(inner)
                .filter((op) => op.startsWith('$'))
                .join(',') || 'eq'
            }`
          : key,
    )
    .join(',');
}

/** "find plays {guildId,trackKey} sort limit": what the command asked, without its values. */
export function shapeOf(command: Record<string, unknown>): string {
  const name = Object.keys(command)[0];
  const collection = String(command[name]);
  switch (name) {
    case 'find':
      return `find ${collection} {${fields(command.filter)}}${command.sort ? ` sort{${fields(command.sort)}}` : ''}${command.limit ? ' limit' : ''}`;
    case 'aggregate':
      return `aggregate ${collection} ${(command.pipeline as Array<Record<string, unknown>>)
        .map((stage) => {
          const [op] = Object.keys(stage);
          return op === '$match' ? `$match{${fields(stage[op])}}` : op;
        })
        .join(' ')}`;
    case 'update':
    case 'delete': {
      const list = (command[name === 'update' ? 'updates' : 'deletes'] as Array<{ q: unknown }> | undefined) ?? [];
      return `${name} ${collection} {${fields(list[0]?.q)}}`;
    }
    case 'count':
      return `count ${collection} {${fields(command.query)}}`;
    case 'findAndModify':
      return `findAndModify ${collection} {${fields(command.query)}}`;
    default:
      return `${name} ${collection}`;
  }
}

export class MongoWireProfile {
  private readonly shapes = new Map<string, Shape>();
  private readonly sockets = new Set<Socket>();
  private server?: Server;
  /** Counting starts over from here (e.g. after the warm-up). */
  private since = Date.now();
  private waiting = 0;
  private lastAnswerAt = 0;

  constructor(
    private readonly target: { host: string; port: number },
    private readonly profile = false,
  ) {}

  /**
   * Resolves once no command has waited for an answer for `quietMs` (the bot's reads and queued
   * writes have caught up), or after `timeoutMs`; true when it got quiet.
   */
  async settled(quietMs: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.waiting === 0 && performance.now() - this.lastAnswerAt >= quietMs) return true;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return false;
  }

  /** Listens on a loopback port; resolves with that port. */
  async start(): Promise<number> {
    this.server = createServer((client) => this.relay(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  reset(): void {
    this.shapes.clear();
    this.since = Date.now();
  }

  /** The shapes that took the database's time, most first, with the share of the wall time since reset. */
  report(top = 20): string {
    const wallMs = Date.now() - this.since;
    return [...this.shapes.entries()]
      .sort((a, b) => b[1].totalMs - a[1].totalMs)
      .slice(0, top)
      .map(
        ([shape, s]) =>
          `    ${((s.totalMs / wallMs) * 100).toFixed(1)}% ${s.count}x mean ${(s.totalMs / s.count).toFixed(1)} ms max ${s.maxMs.toFixed(0)} ms  ${shape}`,
      )
      .join('\n');
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private relay(client: Socket): void {
    const server = connect(this.target.port, this.target.host);
    this.sockets.add(client).add(server);
    const asked = new Map<number, { shape: string; at: number }>();
    client.on(
      'data',
      frames((message) => {
        // The driver's monitoring (hello) is not the bot's work; a moreToCome message gets no answer.
        const counted = !/^(hello|ismaster)$/i.test(commandName(message)) && (message.readUInt32LE(16) & 2) === 0;
        if (counted) {
          const command = this.profile ? commandOf(message) : null;
          asked.set(message.readInt32LE(4), { shape: command ? shapeOf(command) : '', at: performance.now() });
          this.waiting += 1;
        }
        server.write(message);
      }),
    );
    server.on(
      'data',
      frames((message) => {
        const request = asked.get(message.readInt32LE(8));
        if (request) {
          asked.delete(message.readInt32LE(8));
          this.waiting -= 1;
          this.lastAnswerAt = performance.now();
        }
        if (request && this.profile) {
          const ms = performance.now() - request.at;
          const shape = this.shapes.get(request.shape) ?? { count: 0, totalMs: 0, maxMs: 0 };
          shape.count += 1;
          shape.totalMs += ms;
          shape.maxMs = Math.max(shape.maxMs, ms);
          this.shapes.set(request.shape, shape);
        }
        client.write(message);
      }),
    );
    const close = (): void => {
      this.waiting -= asked.size;
      asked.clear();
      client.destroy();
      server.destroy();
      this.sockets.delete(client);
      this.sockets.delete(server);
    };
    client.on('close', close).on('error', close);
    server.on('close', close).on('error', close);
  }
}
