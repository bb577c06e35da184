import type { LoopMode, QueueEntry } from '../playback.types';

/**
 * The upcoming entries of one guild, and what comes next under each loop mode. Plain data and
 * plain logic: no I/O, so every rule here is unit-tested directly.
 */
export class GuildQueue {
  private entries: QueueEntry[];

  constructor(entries: QueueEntry[] = []) {
    this.entries = [...entries];
  }

  get length(): number {
    return this.entries.length;
  }

  /** The upcoming entries, next first. */
  list(): QueueEntry[] {
    return [...this.entries];
  }

  peek(): QueueEntry | undefined {
    return this.entries[0];
  }

  /** Adds at the end, or right after the current track with `next`. */
  add(entries: QueueEntry[], options: { next?: boolean } = {}): void {
    this.entries = options.next ? [...entries, ...this.entries] : [...this.entries, ...entries];
  }

  /**
   * The entry to play after `finished` ended: the same one again with loop `track`, else the head
   * of the queue (with loop `queue`, `finished` goes back to the end first).
   */
  next(finished: QueueEntry | null, loop: LoopMode): QueueEntry | undefined {
    if (finished && loop === 'track') return finished;
    if (finished && loop === 'queue') this.entries.push(finished);
    return this.entries.shift();
  }

  /** Removes the entry at a 1-based position; undefined when out of range. */
  removeAt(position: number): QueueEntry | undefined {
    if (!this.inRange(position)) return undefined;
    return this.entries.splice(position - 1, 1)[0];
  }

  /** Moves an entry between 1-based positions; undefined when either is out of range. */
  move(from: number, to: number): QueueEntry | undefined {
    if (!this.inRange(from) || !this.inRange(to)) return undefined;
    const [entry] = this.entries.splice(from - 1, 1);
    this.entries.splice(to - 1, 0, entry);
    return entry;
  }

  /** Fisher-Yates with the given source of randomness (injected so tests are deterministic). */
  shuffle(random: () => number): void {
    for (let i = this.entries.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [this.entries[i], this.entries[j]] = [this.entries[j], this.entries[i]];
    }
  }

  removeIds(ids: string[]): void {
    const drop = new Set(ids);
    this.entries = this.entries.filter((entry) => !drop.has(entry.id));
  }

  clear(): void {
    this.entries = [];
  }

  /** Replaces an entry in place (e.g. once the look-ahead resolved it). */
  update(entry: QueueEntry): void {
    const index = this.entries.findIndex((candidate) => candidate.id === entry.id);
    if (index >= 0) this.entries[index] = entry;
  }

  inRange(position: number): boolean {
    return Number.isInteger(position) && position >= 1 && position <= this.entries.length;
  }
}
