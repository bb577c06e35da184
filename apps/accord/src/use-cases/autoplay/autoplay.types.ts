import type { PickReason, Result } from '@accord/core';
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
  /** Why, in English (logs, the panel). */
  reason: string;
  /** Why, as data (Discord words it in the reader's language). */
  because?: PickReason;
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
  /** When the taste model that ranked this pick was trained; null when there was none yet (sources' evidence only). */
  modelTrainedAt: Date | null;
  at: Date;
}

/**
 * Why a pick found nothing: nobody listens; nothing is left to pick, even with the cooldowns
 * relaxed; or some inputs were missing (a slow or failed read, a source down), so it is worth
 * trying again soon.
 */
export type PickFailure = 'NO_LISTENERS' | 'NO_CANDIDATES' | 'INPUTS_MISSING';

/** The song a pick chose, and what `/why` and the panel will say about it. */
export interface PickChoice {
  candidate: SourcedCandidate;
  record: Omit<AutoplayPick, 'entryId' | 'at'>;
}

/** The outcome of one gather + pick, before anything is resolved or queued. */
export type PickAttempt = Result<PickChoice, PickFailure>;
