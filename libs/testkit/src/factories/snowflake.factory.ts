/** Discord's epoch (2015-01-01T00:00:00Z); snowflakes carry milliseconds since it in their top 42 bits. */
export const DISCORD_EPOCH_MS = 1_420_070_400_000;

/** Where deterministic ids start: 2024-01-01T00:00:00Z. */
const DETERMINISTIC_BASE_MS = Date.UTC(2024, 0, 1);

export interface SnowflakeFactoryOptions {
  /**
   * Milliseconds source. Without it ids are deterministic: each id is one millisecond after the
   * previous one, from 2024-01-01, so `(id >> 22) % shardCount` spreads consecutive guilds over shards.
   */
  clock?: () => number;
}

/** Monotonic snowflakes: deterministic by default, or clock-based for things created "now". */
export class SnowflakeFactory {
  private static readonly shared = new SnowflakeFactory();

  private lastMs = 0;
  private increment = 0;
  private count = 0;

  constructor(private readonly options: SnowflakeFactoryOptions = {}) {}

  /** The next id of the shared deterministic sequence. */
  static next(): string {
    return SnowflakeFactory.shared.next();
  }

  /** Restarts the shared deterministic sequence (call in `beforeEach` for stable ids). */
  static reset(): void {
    SnowflakeFactory.shared.reset();
  }

  /** The id Discord would give to something created at `ms` (increment 0). */
  static fromTimestamp(ms: number, increment = 0): string {
    return ((BigInt(ms - DISCORD_EPOCH_MS) << 22n) | BigInt(increment & 0xfff)).toString();
  }

  /** Milliseconds since the Unix epoch encoded in a snowflake. */
  static timestampOf(id: string): number {
    return Number(BigInt(id) >> 22n) + DISCORD_EPOCH_MS;
  }

  next(): string {
    const ms = this.options.clock ? this.options.clock() : DETERMINISTIC_BASE_MS + this.count;
    this.count += 1;
    if (ms > this.lastMs) {
      this.lastMs = ms;
      this.increment = 0;
    } else {
      // Same (or earlier) millisecond: keep ids strictly increasing, as Discord's worker increment does.
      this.increment += 1;
      if (this.increment > 0xfff) {
        this.lastMs += 1;
        this.increment = 0;
      }
    }
    return SnowflakeFactory.fromTimestamp(this.lastMs, this.increment);
  }

  reset(): void {
    this.lastMs = 0;
    this.increment = 0;
    this.count = 0;
  }
}
