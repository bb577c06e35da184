/**
 * Answers only the latest of quick successive calls per key: `settle(key)` waits `delayMs` and says
 * whether no newer call for the same key came meanwhile. Keys are forgotten once settled.
 */
export class KeyedDebouncer {
  private readonly latest = new Map<string, number>();
  private sequence = 0;

  constructor(private readonly delayMs: number) {}

  async settle(key: string): Promise<boolean> {
    const ticket = ++this.sequence;
    this.latest.set(key, ticket);
    await new Promise<void>((resolve) => setTimeout(resolve, this.delayMs).unref());
    if (this.latest.get(key) !== ticket) return false;
    this.latest.delete(key);
    return true;
  }

  /** Keys waiting to settle (to check nothing is kept). */
  get pending(): number {
    return this.latest.size;
  }
}
