import { Logger } from '@nestjs/common';
import type { EventEmitter2 } from '@nestjs/event-emitter';
import { RecommendationEvent, type AutoplayPausedEvent } from '@accord/core';
import type { GuildSettingsService } from '../../domain/guilds/guild-settings.service';
import type { PlaybackService } from '../../domain/playback/playback.service';
import type { SessionSnapshot } from '../../domain/playback/playback.types';
import type { AutoplayGuilds } from './autoplay-guilds';
import type { AutoplayPicker } from './autoplay-picker';
import type { AutoplayQueuer } from './autoplay-queuer';
import type { Trigger } from './autoplay.types';

/** Joins and leaves come in bursts: the upcoming pick is re-made once the room has settled. */
export const REPLAN_DEBOUNCE_MS = 1_500;
/** Autoplay keeps the queue at this length (playback reports `QueueLow` below it). */
const QUEUE_TARGET = 2;
/**
 * The pick is made, and its video found, this long before the song ends: ready in time even when
 * the search is slow, yet chosen for the room as it is near the end of the song.
 */
export const PICK_AHEAD_MS = 35_000;
/** After a pick that found nothing because inputs were missing, autoplay tries again this much later. */
export const DEGRADED_RETRY_MS = 5_000;
/** Past this many such tries in a row, the inputs are not coming back soon: say autoplay paused. */
const DEGRADED_RETRIES = 6;

export interface AutoplaySchedulerParts {
  playback: Pick<PlaybackService, 'snapshot'>;
  settings: Pick<GuildSettingsService, 'get'>;
  events: Pick<EventEmitter2, 'emit'>;
  guilds: AutoplayGuilds;
  picker: AutoplayPicker;
  queuer: AutoplayQueuer;
}

/**
 * When autoplay picks: one chain of work per guild, the pick planned for the end of the song, the
 * re-plan debounced after joins and leaves, a retry shortly after a pick that lacked inputs, and the
 * pause announced once when nothing is left. Decides whether a trigger fills the queue or replaces
 * the upcoming pick; the picker chooses, and the queuer finds the video and queues it.
 */
export class AutoplayScheduler {
  private readonly logger = new Logger(AutoplayScheduler.name);

  constructor(private readonly parts: AutoplaySchedulerParts) {}

  /** Plans the next pick for the end of the song playing now (at once when it is near its end). */
  planAhead(guildId: string): void {
    const { guilds } = this.parts;
    const snapshot = this.parts.playback.snapshot(guildId);
    if (!snapshot || guilds.stopped) return;
    const state = guilds.state(guildId);
    clearTimeout(state.aheadTimer);
    const current = snapshot.current;
    const remaining =
      current && !current.entry.track.isStream ? current.entry.track.durationMs - current.positionMs : 0;
    const delay = Math.max(0, remaining - PICK_AHEAD_MS);
    if (delay === 0) {
      this.schedule(guildId, 'queue-low');
      return;
    }
    state.aheadTimer = setTimeout(() => this.schedule(guildId, 'queue-low'), delay);
    state.aheadTimer.unref();
  }

  /** The room changed: the upcoming pick is re-made once it has settled. */
  replanSoon(guildId: string): void {
    const { guilds } = this.parts;
    if (!this.parts.playback.snapshot(guildId) || guilds.stopped) return;
    const state = guilds.state(guildId);
    clearTimeout(state.replanTimer);
    state.replanTimer = setTimeout(() => this.schedule(guildId, 'listeners-changed'), REPLAN_DEBOUNCE_MS);
    state.replanTimer.unref();
  }

  /** Queues a fill behind the guild's earlier autoplay work; failures are logged, never thrown. */
  schedule(guildId: string, trigger: Trigger): void {
    const { guilds } = this.parts;
    if (guilds.stopped) return;
    const state = guilds.state(guildId);
    state.chain = state.chain
      .then(() => this.fill(guildId, trigger))
      .catch((error: unknown) =>
        this.logger.error(
          `Autoplay failed in guild ${guildId} (${trigger}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        ),
      );
  }

  /** Resolves when the guild's queued autoplay work is done. */
  async whenIdle(guildId: string): Promise<void> {
    const state = this.parts.guilds.find(guildId);
    if (!state) return;
    let chain: Promise<void>;
    do {
      chain = state.chain;
      await chain;
    } while (chain !== state.chain);
  }

  private async fill(guildId: string, trigger: Trigger): Promise<void> {
    const { guilds, playback } = this.parts;
    const snapshot = playback.snapshot(guildId);
    if (!snapshot || snapshot.listeners.length === 0 || guilds.stopped) return;
    const settings = await this.parts.settings.get(guildId);
    if (!settings.autoplay) return;
    const state = guilds.state(guildId);
    const pending = snapshot.queue.find((entry) => entry.id === state.pendingEntryId) ?? null;
    if (!pending) state.pendingEntryId = null;

    const replacing = trigger === 'listeners-changed' || trigger === 'discover' ? pending : null;
    if (!replacing) {
      // Only fill: something of ours already waits, or the queue is long enough.
      if (pending || snapshot.queue.length >= QUEUE_TARGET) return;
      // A changed room with nothing of ours queued: top up only while music plays.
      if ((trigger === 'listeners-changed' || trigger === 'discover') && !snapshot.current) return;
    }

    const attempt = await this.parts.picker.attempt(snapshot, {
      forceDiscovery: state.forceDiscovery,
      replacing: replacing?.id ?? null,
      settings,
    });
    const after = playback.snapshot(guildId);
    if (!after || guilds.stopped) return;

    if (!attempt.ok) {
      const detail = attempt.detail ?? attempt.reason;
      if (attempt.reason === 'INPUTS_MISSING' && state.degradedTries < DEGRADED_RETRIES) {
        this.retryLater(guildId, detail);
      } else {
        this.paused(guildId, after, trigger, detail);
      }
      return;
    }
    await this.parts.queuer.queue({ state, snapshot: after, choice: attempt.value, replacing });
  }

  /**
   * Nothing to pick, even with the cooldowns relaxed (the engine did that): never loop a song.
   * Announced once (`AutoplayPaused`, which the Discord transport posts), when the music actually stops.
   */
  private paused(guildId: string, snapshot: SessionSnapshot, trigger: Trigger, detail: string): void {
    const state = this.parts.guilds.state(guildId);
    this.logger.log(`Guild ${guildId}: autoplay found nothing to pick (${trigger}): ${detail}`);
    if (state.pauseAnnounced || snapshot.current || snapshot.queue.length > 0) return;
    state.pauseAnnounced = true;
    const event: AutoplayPausedEvent = { guildId, textChannelId: snapshot.textChannelId, at: new Date() };
    this.parts.events.emit(RecommendationEvent.AutoplayPaused, event);
  }

  /**
   * Nothing was picked because some inputs were missing (the database slow or away, a source
   * down): not the room's fault, so nothing is announced; autoplay tries again shortly.
   */
  private retryLater(guildId: string, detail: string): void {
    const state = this.parts.guilds.state(guildId);
    this.logger.warn(`Guild ${guildId}: autoplay found nothing with some inputs missing (${detail}); trying again`);
    state.degradedTries += 1;
    clearTimeout(state.retryTimer);
    state.retryTimer = setTimeout(() => this.schedule(guildId, 'retry'), DEGRADED_RETRY_MS);
    state.retryTimer.unref();
  }
}
