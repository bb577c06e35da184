import { Inject, Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { SourceEvent, type SourceAttemptedEvent } from '@accord/core';
import { YOUTUBE_FIX_STEPS, YOUTUBE_HELP_SECTION } from '@accord/contracts';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import {
  describeException,
  emptyWindow,
  recordAttempt,
  summarize,
  youtubeBreakage,
  type SourceAttempt,
  type SourceHealthReport,
  type SourceWindow,
} from './source-health';

/**
 * Keeps the outcome of each source's recent loads and plays (as the Lavalink adapter reports them)
 * and says when YouTube looks broken on YouTube's side: one warning with the steps to fix it when
 * it becomes degraded, one line when tracks play again.
 */
@Injectable()
export class SourceHealthService {
  private readonly logger = new Logger(SourceHealthService.name);
  private readonly windows = new Map<string, SourceWindow>();

  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  @OnEvent(SourceEvent.Attempted)
  onAttempted(event: SourceAttemptedEvent): void {
    const attempt = toAttempt(event);
    const { window, change } = recordAttempt(this.windows.get(event.source) ?? emptyWindow(), attempt);
    this.windows.set(event.source, window);
    if (change === null) return;
    const report = summarize(window, attempt.at);
    if (change === 'degraded') {
      this.logger.warn(
        `YouTube looks broken on YouTube's side: ${report.breakageFailures} of the last ${report.attempts} ` +
          `YouTube attempts failed, newest: ${report.newestCause?.message ?? attempt.cause}. To fix: ` +
          `${YOUTUBE_FIX_STEPS.map((step, index) => `${index + 1}. ${step}`).join(' ')} ` +
          `(README, "${YOUTUBE_HELP_SECTION}")`,
      );
    } else {
      this.logger.log(`YouTube plays again: the last ${report.attempts} YouTube tracks played`);
    }
  }

  /** YouTube's health now: `degraded` with the counts and the newest cause, or `ok`. */
  youtube(): SourceHealthReport {
    return summarize(this.windows.get('youtube') ?? emptyWindow(), this.clock.now().getTime());
  }
}

function toAttempt(event: SourceAttemptedEvent): SourceAttempt {
  const at = event.at.getTime();
  if (event.outcome === 'played') return { at, stage: event.stage, ok: true, breakage: null, cause: null };
  if (event.outcome === 'stuck')
    return { at, stage: event.stage, ok: false, breakage: null, cause: 'the track got stuck' };
  const exception = event.exception ?? { message: 'failed', severity: 'fault', cause: null };
  return {
    at,
    stage: event.stage,
    ok: false,
    // The signatures are YouTube's: another source's failures are kept and counted, never "broken".
    breakage: event.source === 'youtube' ? youtubeBreakage(exception) : null,
    cause: describeException(exception),
  };
}
