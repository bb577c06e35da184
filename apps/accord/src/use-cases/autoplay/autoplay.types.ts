import type { ListenerFit } from '@accord/recommender';
import type { SourceReport } from '../../domain/discovery/candidate-gatherer.service';
import type { SourcedCandidate } from '../../domain/discovery/candidate-source';

/** What set off a pick: playback's events, a command, or a retry after missing inputs. */
export type Trigger = 'queue-low' | 'queue-finished' | 'listeners-changed' | 'discover' | 'autoplay-on' | 'retry';

/** One autoplay pick, kept for `/why` and the panel. */
export interface AutoplayPick {
  guildId: string;
  entryId: string;
  trackKey: string;
  title: string;
  artist: string;
  reason: string;
  isDiscovery: boolean;
  fits: Array<ListenerFit & { displayName: string }>;
  listeners: string[];
  /** Sources that proposed this song. */
  sources: string[];
  /** How every source did for this pick. */
  reports: SourceReport[];
  /** 0 when no cooldown had to be relaxed. */
  relaxation: number;
  /** CPU time of the engine's pick alone, in ms. */
  pickCpuMs: number;
  at: Date;
}

/** The outcome of one gather + pick, before anything is queued. */
export type PickAttempt =
  | { ok: true; candidate: SourcedCandidate; record: Omit<AutoplayPick, 'entryId' | 'at'> }
  | {
      ok: false;
      reason: 'NO_LISTENERS' | 'NO_CANDIDATES';
      detail: string;
      reports: SourceReport[];
      /** Some inputs were missing (a slow or failed read, a source down): worth trying again soon. */
      degraded: boolean;
    };
