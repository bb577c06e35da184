import Transport from 'winston-transport';

/** One log line as the panel shows it. */
export interface LogEntry {
  seq: number;
  at: string;
  level: string;
  context?: string;
  correlationId?: string;
  message: string;
  meta?: Record<string, unknown>;
}

export type LogListener = (entry: LogEntry) => void;

const RESERVED = new Set(['level', 'message', 'context', 'correlationId', 'timestamp', 'ms']);

/**
 * Keeps the last `capacity` log entries in memory for the panel's live log view, and notifies
 * subscribers of each new one. Entries arrive already redacted (the redaction format runs first).
 */
export class LogRing extends Transport {
  private readonly entries: LogEntry[] = [];
  private readonly subscribers = new Set<LogListener>();
  private seq = 0;

  constructor(private readonly capacity: number) {
    super({ level: 'debug' });
  }

  override log(info: Record<string, unknown>, next: () => void): void {
    const meta: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(info)) {
      if (!RESERVED.has(key)) meta[key] = value;
    }
    const entry: LogEntry = {
      seq: ++this.seq,
      at: typeof info.timestamp === 'string' ? info.timestamp : new Date().toISOString(),
      level: String(info.level),
      context: typeof info.context === 'string' ? info.context : undefined,
      correlationId: typeof info.correlationId === 'string' ? info.correlationId : undefined,
      message: typeof info.message === 'string' ? info.message : JSON.stringify(info.message),
      meta: Object.keys(meta).length > 0 ? meta : undefined,
    };
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.shift();
    for (const listener of this.subscribers) {
      try {
        listener(entry);
      } catch {
        // A failing subscriber must never break logging for everyone else.
      }
    }
    next();
  }

  /** The entries still held, oldest first; `afterSeq` returns only newer ones. */
  recent(afterSeq = 0): LogEntry[] {
    return this.entries.filter((entry) => entry.seq > afterSeq);
  }

  subscribe(listener: LogListener): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }
}
