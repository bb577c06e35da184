// The V8 inspector of a bot started as its own process (`node --inspect=127.0.0.1:<port>`), over the
// Chrome DevTools Protocol: a full GC and the heap used after it, and heap snapshots summarised by
// constructor to compare two points of a run. The bot's code is unchanged: no probe, no back door.
import WebSocket from 'ws';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** Objects of one constructor (a snapshot node name) in a heap snapshot. */
export interface ConstructorFigures {
  count: number;
  selfBytes: number;
}

export class Inspector {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly handlers = new Map<string, (params: Record<string, unknown>) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as {
        id?: number;
        method?: string;
        params?: Record<string, unknown>;
        result?: unknown;
        error?: { message: string };
      };
      if (message.id !== undefined) {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) waiting?.reject(new Error(`inspector: ${message.error.message}`));
        else waiting?.resolve(message.result);
      } else if (message.method) {
        this.handlers.get(message.method)?.(message.params ?? {});
      }
    });
    socket.on('close', () => {
      for (const waiting of this.pending.values()) waiting.reject(new Error('inspector: the connection closed'));
      this.pending.clear();
    });
  }

  /** Connects to the first target of the inspector on this loopback port, retrying until it listens. */
  static async connect(port: number, timeoutMs = 30_000): Promise<Inspector> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{
          webSocketDebuggerUrl: string;
        }>;
        const socket = new WebSocket(targets[0].webSocketDebuggerUrl, { perMessageDeflate: false });
        await new Promise<void>((resolve, reject) => {
          socket.once('open', () => resolve());
          socket.once('error', reject);
        });
        const inspector = new Inspector(socket);
        await inspector.send('HeapProfiler.enable');
        return inspector;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`inspector on port ${port} unreachable`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** A full GC in the bot, then the heap it still uses (kB). */
  async heapUsedAfterGcKb(): Promise<number> {
    await this.send('HeapProfiler.collectGarbage');
    const usage = await this.send<{ usedSize: number; totalSize: number }>('Runtime.getHeapUsage');
    return Math.round(usage.usedSize / 1024);
  }

  /** A heap snapshot of the bot (it collects garbage first), as the .heapsnapshot JSON text. */
  async heapSnapshot(): Promise<string> {
    const chunks: string[] = [];
    this.handlers.set('HeapProfiler.addHeapSnapshotChunk', (params) => chunks.push(String(params.chunk)));
    try {
      await this.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    } finally {
      this.handlers.delete('HeapProfiler.addHeapSnapshotChunk');
    }
    return chunks.join('');
  }

  close(): void {
    this.socket.close();
  }
}

/** Objects per constructor in a .heapsnapshot (object and closure nodes, by name). */
export function constructorCounts(snapshotText: string): Map<string, ConstructorFigures> {
  const parsed = JSON.parse(snapshotText) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
    nodes: number[];
    strings: string[];
  };
  const { node_fields: fields, node_types: types } = parsed.snapshot.meta;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const kept = new Set(['object', 'closure', 'array', 'string', 'regexp']);
  const counts = new Map<string, ConstructorFigures>();
  for (let at = 0; at < parsed.nodes.length; at += width) {
    const type = types[0][parsed.nodes[at + typeAt]];
    if (!kept.has(type)) continue;
    const name = type === 'object' || type === 'closure' ? parsed.strings[parsed.nodes[at + nameAt]] : `(${type})`;
    const figures = counts.get(name) ?? { count: 0, selfBytes: 0 };
    figures.count += 1;
    figures.selfBytes += parsed.nodes[at + sizeAt];
    counts.set(name, figures);
  }
  return counts;
}

/** The constructors whose objects grew most between two snapshots, largest byte growth first. */
export function growth(
  before: ReadonlyMap<string, ConstructorFigures>,
  after: ReadonlyMap<string, ConstructorFigures>,
  top = 25,
): Array<{ name: string; count: number; bytes: number }> {
  return [...after.entries()]
    .map(([name, figures]) => ({
      name,
      count: figures.count - (before.get(name)?.count ?? 0),
      bytes: figures.selfBytes - (before.get(name)?.selfBytes ?? 0),
    }))
    .filter((entry) => entry.count > 0 || entry.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top);
}
