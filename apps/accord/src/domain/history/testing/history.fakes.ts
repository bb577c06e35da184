import type { OptOutService } from '../../preferences/profiles/opt-out.service';
import type { TasteSignal } from '../../preferences/profiles/taste-profile';
import type { TasteProfileService } from '../../preferences/profiles/taste-profile.service';
import { FakeClock } from '../../playback/testing/playback.fakes';
import type { FeedbackRepository } from '../feedback.repository';
import type { DayPlay } from '../guild-day';
import type { GuildDayRepository } from '../guild-day.repository';
import type { GuildWindowRepository } from '../guild-window.repository';
import type { HistoryWriter } from '../history-writer.service';
import type { FeedbackRecord, PlayRecord, WindowEntry } from '../history.types';
import type { OpenPlay } from '../open-play';
import { PlayWritesService } from '../play-writes.service';
import type { PlayClose, PlayRepository } from '../play.repository';
import { UnwrittenWindow } from '../unwritten-window';

/** Test data: a play of Justice's "Genesis" (3:20) that started at noon, autoplay's, nobody in it yet. */
export class OpenPlayFactory {
  static create(overrides: Partial<OpenPlay> = {}): OpenPlay {
    return {
      id: 'play-1',
      guildId: 'guild-1',
      song: { trackKey: 'justice|genesis|none', artistKey: 'justice', artistName: 'Justice', title: 'Genesis' },
      durationMs: 200_000,
      startedAt: new Date('2025-01-01T12:00:00Z'),
      source: 'autoplay',
      fits: [],
      listeners: new Set(),
      present: new Map(),
      listened: new Map(),
      likes: new Set(),
      dislikes: new Set(),
      restored: false,
      lastKnownAt: new Date('2025-01-01T12:00:00Z'),
      playedMs: 0,
      ...overrides,
    };
  }
}

/** The write queue, held until the spec flushes it: what was queued, in order, and nothing written before. */
export class FakeHistoryWriter implements Pick<HistoryWriter, 'push' | 'idle'> {
  readonly queued: Array<{ label: string; write: () => Promise<void> }> = [];
  readonly written: string[] = [];

  push(label: string, write: () => Promise<void>): void {
    this.queued.push({ label, write });
  }

  /** Runs every queued write in order, including those queued meanwhile. */
  async flush(): Promise<void> {
    while (this.queued.length > 0) {
      const next = this.queued.shift()!;
      await next.write();
      this.written.push(next.label);
    }
  }

  async idle(): Promise<boolean> {
    await this.flush();
    return true;
  }

  get labels(): string[] {
    return this.queued.map((write) => write.label);
  }
}

type PlayPort = Pick<PlayRepository, 'insert' | 'close' | 'updateListeners' | 'checkpoint' | 'findOpen'>;

/** The `plays` collection in memory. */
export class InMemoryPlays implements PlayPort {
  readonly docs = new Map<string, PlayRecord & Partial<Omit<PlayClose, 'endedAt'>>>();

  insert(play: PlayRecord): Promise<void> {
    this.docs.set(play.id, { ...play });
    return Promise.resolve();
  }

  close(id: string, close: PlayClose): Promise<void> {
    const doc = this.docs.get(id);
    if (doc) this.docs.set(id, { ...doc, ...close, lastKnownAt: close.endedAt });
    return Promise.resolve();
  }

  updateListeners(id: string, listeners: string[], listened: PlayRecord['listened'], lastKnownAt: Date): Promise<void> {
    const doc = this.docs.get(id);
    if (doc) this.docs.set(id, { ...doc, listeners, listened, lastKnownAt });
    return Promise.resolve();
  }

  checkpoint(id: string, lastKnownAt: Date, playedMs: number): Promise<void> {
    const doc = this.docs.get(id);
    if (doc) this.docs.set(id, { ...doc, lastKnownAt, playedMs });
    return Promise.resolve();
  }

  findOpen(): Promise<PlayRecord[]> {
    return Promise.resolve([...this.docs.values()].filter((doc) => doc.endedAt === null));
  }
}

/** Feedback records in memory; a record with an id already stored is ignored, as the duplicate key is. */
export class InMemoryFeedback implements Pick<FeedbackRepository, 'insertMany'> {
  readonly records: FeedbackRecord[] = [];

  insertMany(records: readonly FeedbackRecord[]): Promise<void> {
    for (const record of records) {
      if (!this.records.some((stored) => stored.id === record.id)) this.records.push(record);
    }
    return Promise.resolve();
  }
}

/** Each guild's recent window in memory. */
export class InMemoryWindows implements Pick<GuildWindowRepository, 'get' | 'save'> {
  readonly windows = new Map<string, WindowEntry[]>();

  get(guildId: string): Promise<WindowEntry[]> {
    return Promise.resolve(this.windows.get(guildId) ?? []);
  }

  save(guildId: string, entries: readonly WindowEntry[]): Promise<void> {
    this.windows.set(guildId, [...entries]);
    return Promise.resolve();
  }
}

/** Day documents in memory: the latest version of each play, by play id. */
export class InMemoryDays implements Pick<GuildDayRepository, 'upsert'> {
  readonly plays = new Map<string, DayPlay>();

  upsert(_guildId: string, play: DayPlay): Promise<void> {
    this.plays.set(play.playId, play);
    return Promise.resolve();
  }
}

/** Who opted out of being recorded. */
export class FakeOptOuts implements Pick<OptOutService, 'recordable' | 'isOptedOut'> {
  readonly optedOut = new Set<string>();

  recordable(userIds: readonly string[]): Promise<string[]> {
    return Promise.resolve(userIds.filter((userId) => !this.optedOut.has(userId)));
  }

  isOptedOut(userId: string): Promise<boolean> {
    return Promise.resolve(this.optedOut.has(userId));
  }
}

/** Taste profile updates, recorded. */
export class RecordingProfiles implements Pick<TasteProfileService, 'apply'> {
  readonly applied: Array<{ userId: string; signals: readonly TasteSignal[] }> = [];

  apply(userId: string, signals: readonly TasteSignal[]): Promise<null> {
    this.applied.push({ userId, signals });
    return Promise.resolve(null);
  }
}

export interface PlayWritesFakes {
  writer: FakeHistoryWriter;
  plays: InMemoryPlays;
  feedback: InMemoryFeedback;
  windows: InMemoryWindows;
  days: InMemoryDays;
  optOuts: FakeOptOuts;
  profiles: RecordingProfiles;
  clock: FakeClock;
  writes: PlayWritesService;
}

/** `PlayWritesService` wired to in-memory fakes, the way `HistoryModule` wires it. */
export function createPlayWrites(): PlayWritesFakes {
  const fakes = {
    writer: new FakeHistoryWriter(),
    plays: new InMemoryPlays(),
    feedback: new InMemoryFeedback(),
    windows: new InMemoryWindows(),
    days: new InMemoryDays(),
    optOuts: new FakeOptOuts(),
    profiles: new RecordingProfiles(),
    unwritten: new UnwrittenWindow(),
    clock: new FakeClock(),
  };
  const writes = new PlayWritesService(
    fakes.writer as unknown as HistoryWriter,
    fakes.plays as unknown as PlayRepository,
    fakes.feedback as unknown as FeedbackRepository,
    fakes.windows as unknown as GuildWindowRepository,
    fakes.days as unknown as GuildDayRepository,
    fakes.optOuts as unknown as OptOutService,
    fakes.profiles as unknown as TasteProfileService,
    fakes.unwritten,
    fakes.clock,
  );
  return { ...fakes, writes };
}
