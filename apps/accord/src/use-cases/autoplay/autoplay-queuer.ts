import { Logger } from '@nestjs/common';
import type { EventEmitter2 } from '@nestjs/event-emitter';
import { RecommendationEvent, type PickMadeEvent } from '@accord/core';
import type { PlaybackService } from '../../domain/playback/playback.service';
import type { QueueEntry, SessionSnapshot } from '../../domain/playback/playback.types';
import { toPlayable } from './autoplay-inputs';
import type { GuildState } from './autoplay-guilds';
import type { AutoplayPick, PickAttempt } from './autoplay.types';

const KEPT_PICKS = 20;

export interface AutoplayQueuerPorts {
  playback: Pick<PlaybackService, 'enqueue' | 'remove'>;
  events: Pick<EventEmitter2, 'emit'>;
  /** The bot's own user id: autoplay's picks are queued in its name. */
  botUserId: string;
}

/**
 * The pick-to-queue step: replaces the upcoming pick when the room changed (unless the new pick is
 * the same), queues the song as metadata with its explanation, keeps the pick for `/why` and
 * announces it (`PickMade`, which history uses for the fits of the play).
 */
export class AutoplayQueuer {
  private readonly logger = new Logger(AutoplayQueuer.name);

  constructor(private readonly ports: AutoplayQueuerPorts) {}

  async queue(input: {
    state: GuildState;
    snapshot: SessionSnapshot;
    attempt: Extract<PickAttempt, { ok: true }>;
    replacing: QueueEntry | null;
  }): Promise<void> {
    const { state, snapshot, attempt, replacing } = input;
    const guildId = snapshot.guildId;
    if (replacing) {
      const position = snapshot.queue.findIndex((entry) => entry.id === replacing.id) + 1;
      // It started while we were choosing: too late to change it.
      if (position === 0) return;
      if (replacing.track.trackKey === attempt.record.trackKey && replacing.reason === attempt.record.reason) {
        state.forceDiscovery = false;
        return;
      }
      await this.ports.playback.remove(guildId, position);
      this.logger.log(`Guild ${guildId}: the room changed, replaced the upcoming pick "${replacing.track.title}"`);
    }

    const result = await this.ports.playback.enqueue(
      {
        guildId,
        userId: this.ports.botUserId,
        voiceChannelId: snapshot.voiceChannelId,
        textChannelId: snapshot.textChannelId,
      },
      [toPlayable(attempt.candidate)],
      { source: attempt.record.isDiscovery ? 'discovery' : 'autoplay', reason: attempt.record.reason },
    );
    const entry = result.added[0];
    if (!entry) return;
    const record: AutoplayPick = { ...attempt.record, entryId: entry.id, at: new Date() };
    state.pendingEntryId = result.startedPlaying ? null : entry.id;
    state.picks.unshift(record);
    state.picks.length = Math.min(state.picks.length, KEPT_PICKS);
    state.forceDiscovery = false;
    state.pauseAnnounced = false;
    state.degradedTries = 0;
    this.logger.log(
      `Guild ${guildId}: autoplay queued "${record.artist} - ${record.title}"${record.isDiscovery ? ' (discovery)' : ''}: ${record.reason}`,
    );
    const event: PickMadeEvent = {
      guildId,
      entryId: entry.id,
      trackKey: record.trackKey,
      title: record.title,
      artist: record.artist,
      reason: record.reason,
      isDiscovery: record.isDiscovery,
      fits: record.fits.map(({ userId, fit }) => ({ userId, fit })),
      listeners: record.listeners,
      at: record.at,
    };
    this.ports.events.emit(RecommendationEvent.PickMade, event);
  }
}
