import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../../adapters/database/clock';
import { OptOutRepository } from './opt-out.repository';

/**
 * Who must not be recorded. The list is loaded once and kept in memory (this process is its only
 * writer); until it could be loaded, `ready()` rejects, so queued history writes wait and retry
 * rather than record someone who opted out.
 */
@Injectable()
export class OptOutService {
  private optedOut: Set<string> | null = null;
  private loading?: Promise<Set<string>>;

  constructor(
    private readonly repository: OptOutRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async ready(): Promise<Set<string>> {
    if (this.optedOut) return this.optedOut;
    this.loading ??= this.repository
      .all()
      .then((ids) => {
        this.optedOut = new Set(ids);
        return this.optedOut;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  async isOptedOut(userId: string): Promise<boolean> {
    return (await this.ready()).has(userId);
  }

  /** The ids of `userIds` that may be recorded, in order. */
  async recordable(userIds: readonly string[]): Promise<string[]> {
    const optedOut = await this.ready();
    return userIds.filter((id) => !optedOut.has(id));
  }

  async set(userId: string, optedOut: boolean): Promise<void> {
    const set = await this.ready();
    await this.repository.set(userId, optedOut, this.clock.now());
    if (optedOut) set.add(userId);
    else set.delete(userId);
  }
}
