import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  CANDIDATE_SOURCES,
  type CandidateSource,
  type DiscoveryContext,
  type SourcedCandidate,
} from './candidate-source';

/** How one source did for one pick. */
export interface SourceReport {
  source: string;
  status: 'ok' | 'timeout' | 'error';
  count: number;
  ms: number;
  detail?: string;
}

export interface GatherResult {
  candidates: SourcedCandidate[];
  reports: SourceReport[];
}

export type GatherInput = Omit<DiscoveryContext, 'signal'>;

/**
 * Asks every candidate source at once and waits for them until a deadline. A source that is slow
 * or fails is dropped for this pick (and logged); it never holds the pick beyond the deadline.
 */
@Injectable()
export class CandidateGatherer {
  private readonly logger = new Logger(CandidateGatherer.name);

  constructor(@Inject(CANDIDATE_SOURCES) private readonly sources: CandidateSource[]) {}

  get sourceNames(): string[] {
    return this.sources.map((source) => source.name);
  }

  async gather(input: GatherInput, deadlineMs: number, outer?: AbortSignal): Promise<GatherResult> {
    const controller = new AbortController();
    // Not AbortSignal.any([outer, ...]): on Node 20 each call leaves a reference on the outer signal
    // (autoplay's, which lives as long as the bot) that is never released, one per pick.
    const stop = (): void => controller.abort(outer?.reason);
    if (outer?.aborted) stop();
    else outer?.addEventListener('abort', stop, { once: true });
    try {
      return await this.gatherUntil(input, deadlineMs, controller);
    } finally {
      outer?.removeEventListener('abort', stop);
    }
  }

  private async gatherUntil(
    input: GatherInput,
    deadlineMs: number,
    controller: AbortController,
  ): Promise<GatherResult> {
    const signal = controller.signal;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), deadlineMs);
      timer.unref();
    });
    const started = performance.now();
    const reports = await Promise.all(
      this.sources.map(async (source): Promise<SourceReport & { found: SourcedCandidate[] }> => {
        const run = Promise.resolve()
          .then(() => source.candidates({ ...input, signal }))
          .then(
            (found) => ({ status: 'ok' as const, found }),
            (error: unknown) => ({ status: 'error' as const, found: [], detail: describe(error) }),
          );
        const outcome = await Promise.race([run, deadline]);
        const ms = Math.round(performance.now() - started);
        if (outcome === 'timeout') return { source: source.name, status: 'timeout', count: 0, ms, found: [] };
        return {
          source: source.name,
          status: outcome.status,
          count: outcome.found.length,
          ms,
          found: outcome.found,
          detail: 'detail' in outcome ? outcome.detail : undefined,
        };
      }),
    );
    clearTimeout(timer);
    controller.abort();
    for (const report of reports) {
      if (report.status === 'timeout') {
        this.logger.warn(
          `Candidate source ${report.source} gave no answer within ${deadlineMs} ms: skipped for this pick`,
        );
      } else if (report.status === 'error') {
        this.logger.warn(
          `Candidate source ${report.source} failed: ${report.detail ?? 'unknown error'}; skipped for this pick`,
        );
      }
    }
    return {
      candidates: reports.flatMap((report) => report.found),
      reports: reports.map(({ found: _found, ...report }) => report),
    };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
