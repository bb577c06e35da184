import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import { dayOf, dayPlayOf, dayStart, filterDayPlays, type DayPlay, type DayPlayFilter } from './guild-day';
import { GuildDayRepository } from './guild-day.repository';
import { HistoryWriter } from './history-writer.service';
import { PlayRepository } from './play.repository';

/** Bumped when the day documents change shape or meaning: the next start rebuilds them from `plays`. */
export const DAYS_VERSION = 1;
/** Plays read from the log and written to their days at a time during a rebuild. */
const REBUILD_CHUNK = 20_000;
/** Day documents one history page reads at most; a page that is not full by then says where to go on. */
export const MAX_DAYS_PER_PAGE = 31;
/** Days read at once while a page fills (the newest day alone first: it usually fills the page). */
const PAGE_READ_BATCH = 4;

export interface HistoryDaysPage {
  plays: DayPlay[];
  /** `before` (ms) for the next, older page, or null when nothing older matches. */
  nextBefore: number | null;
  /** Day documents read for this page. */
  daysRead: number;
}

export interface RebuildReport {
  plays: number;
  days: number;
  /** False when the application stopped before the rebuild finished (the next start does it again). */
  complete: boolean;
}

/**
 * The panel's view of a guild's history: its plays by UTC day (guild-day.ts), kept on write by
 * the play recorder, read here by primary key only. An install that has plays from before the day
 * documents existed gets them built from the `plays` log once, in the background, at startup.
 */
@Injectable()
export class HistoryDaysService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(HistoryDaysService.name);
  private running: Promise<unknown> = Promise.resolve();
  private stopping = false;

  constructor(
    private readonly days: GuildDayRepository,
    private readonly plays: PlayRepository,
    private readonly writer: HistoryWriter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    // In the background: `rebuild` queues itself behind any rebuild going on.
    this.rebuildIfMissing().catch((error: unknown) => {
      this.logger.warn(
        `Could not build the history days from the plays (the next start tries again): ${String(error)}`,
      );
    });
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  /**
   * Builds every guild's day documents from the `plays` log, in chunks through the history write
   * queue (so live plays keep being recorded in between, in order), and marks them built. Runs
   * after any rebuild already going on.
   */
  async rebuild(): Promise<RebuildReport> {
    const run = this.running.then(() => this.rebuildNow());
    this.running = run.catch(() => undefined);
    return run;
  }

  /**
   * A page of a guild's plays, newest first, from `filter.before` (or now) back: day documents
   * newest first, filtered in memory, until `limit` plays or `MAX_DAYS_PER_PAGE` days.
   */
  async page(guildId: string, filter: DayPlayFilter, limit: number): Promise<HistoryDaysPage> {
    const lastDay = filter.before !== undefined ? dayOf(filter.before - 1) : undefined;
    const firstDay = filter.since !== undefined ? dayOf(filter.since) : undefined;
    const days = (await this.days.days(guildId)).filter(
      (day) => (lastDay === undefined || day <= lastDay) && (firstDay === undefined || day >= firstDay),
    );
    const found: DayPlay[] = [];
    let read = 0;
    while (read < days.length && read < MAX_DAYS_PER_PAGE && found.length < limit) {
      const batch = days.slice(read, Math.min(read + (read === 0 ? 1 : PAGE_READ_BATCH), MAX_DAYS_PER_PAGE));
      for (const plays of await this.days.readMany(guildId, batch)) found.push(...filterDayPlays(plays, filter));
      read += batch.length;
    }
    const plays = found.slice(0, limit);
    const last = plays.at(-1);
    if (plays.length === limit && last) return { plays, nextBefore: last.startedAt, daysRead: read };
    // Not full: either nothing older is left, or the page stopped at its bound of days.
    return { plays, nextBefore: read < days.length ? dayStart(days[read - 1]) : null, daysRead: read };
  }

  /** Every play of the guild from the start of `firstDay` to the end of `lastDay` (UTC, `YYYY-MM-DD`). */
  async span(guildId: string, firstDay: string, lastDay: string): Promise<DayPlay[]> {
    const days = (await this.days.days(guildId)).filter((day) => day >= firstDay && day <= lastDay);
    return (await this.days.readMany(guildId, days)).flat();
  }

  private async rebuildIfMissing(): Promise<void> {
    if ((await this.days.builtVersion()) === DAYS_VERSION) return;
    await this.rebuild();
  }

  private async rebuildNow(): Promise<RebuildReport> {
    const started = Date.now();
    const expected = await this.plays.estimatedCount();
    if (expected > 0) this.logger.log(`Building the history days from about ${expected} stored play(s)`);
    let plays = 0;
    const touched = new Set<string>();
    for await (const chunk of this.plays.chunks(REBUILD_CHUNK)) {
      if (this.stopping) {
        this.logger.warn(`History days: stopped after ${plays} play(s); the next start builds them again`);
        return { plays, days: touched.size, complete: false };
      }
      const byDay = new Map<string, { guildId: string; day: string; plays: DayPlay[] }>();
      for (const record of chunk) {
        const play = dayPlayOf(record);
        const day = dayOf(play.startedAt);
        const key = `${record.guildId}:${day}`;
        const group = byDay.get(key) ?? { guildId: record.guildId, day, plays: [] };
        group.plays.push(play);
        byDay.set(key, group);
        touched.add(key);
      }
      await this.writer.run('build history days', async () => {
        for (const group of byDay.values()) {
          await this.days.merge(group.guildId, group.day, group.plays, this.clock.now());
        }
      });
      plays += chunk.length;
      if (expected > REBUILD_CHUNK) this.logger.log(`History days: ${plays} of about ${expected} play(s) done`);
    }
    await this.writer.run('mark history days built', () => this.days.markBuilt(DAYS_VERSION, this.clock.now()));
    if (plays > 0) {
      this.logger.log(
        `History days built: ${plays} play(s) in ${touched.size} day(s), ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    return { plays, days: touched.size, complete: true };
  }
}
