import { Logger } from '@nestjs/common';
import type { EventEmitter2 } from '@nestjs/event-emitter';
import { RecommendationEvent, type PickMadeEvent } from '@accord/core';
import type { TrackResolverPort } from '../../domain/catalog/track-resolver.port';
import type { PlaybackService } from '../../domain/playback/playback.service';
import type { PlayableTrack, QueueEntry, SessionSnapshot } from '../../domain/playback/playback.types';
import { toPlayable } from './autoplay-inputs';
import type { GuildState } from './autoplay-guilds';
import type { AutoplayPick, PickChoice } from './autoplay.types';

const KEPT_PICKS = 20;

export interface AutoplayQueuerPorts {
  playback: Pick<PlaybackService, 'snapshot' | 'enqueue' | 'remove'>;
  /** The catalog: the picked song's video, found (or its pin read) before it is queued. */
  resolver: Pick<TrackResolverPort, 'resolveForPlayback'>;
  /** Aborted at shutdown: nothing is queued after it. */
  signal: AbortSignal;
  events: Pick<EventEmitter2, 'emit'>;
  /** The bot's own user id: autoplay's picks are queued in its name. */
  botUserId: string;
}

/**
 * The pick-to-queue step: resolves the picked song to its video right away (so the change of track
 * costs no search), replaces the upcoming pick when the room changed (unless the new pick is the
 * same), queues the song with its explanation, keeps the pick for `/why` and announces it
 * (`PickMade`, which history uses for the fits of the play).
 */
export class AutoplayQueuer {
  private readonly logger = new Logger(AutoplayQueuer.name);

  constructor(private readonly ports: AutoplayQueuerPorts) {}

  async queue(input: {
    state: GuildState;
    snapshot: SessionSnapshot;
    choice: PickChoice;
    replacing: QueueEntry | null;
  }): Promise<void> {
    const { state, choice, replacing } = input;
    const guildId = input.snapshot.guildId;
    if (replacing && !input.snapshot.queue.some((entry) => entry.id === replacing.id)) return;
    if (replacing?.track.trackKey === choice.record.trackKey && replacing.reason === choice.record.reason) {
      state.forceDiscovery = false;
      return;
    }
    const track = await this.resolve(guildId, choice);
    // The queue may have moved on while the video was looked up.
    const snapshot = this.ports.playback.snapshot(guildId);
    if (!snapshot || this.ports.signal.aborted) return;
    if (replacing) {
      const position = snapshot.queue.findIndex((entry) => entry.id === replacing.id) + 1;
      // It started while we were choosing: too late to change it.
      if (position === 0) return;
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
      [track],
      {
        source: choice.record.isDiscovery ? 'discovery' : 'autoplay',
        reason: choice.record.reason,
        because: choice.record.because,
      },
    );
    const entry = result.added[0];
    if (!entry) return;
    const record: AutoplayPick = { ...choice.record, entryId: entry.id, at: new Date() };
    state.pendingEntryId = result.startedPlaying ? null : entry.id;
    // A pick is kept for /why while its song is playing or queued; the latest one for the panel.
    const live = new Set([snapshot.current?.entry.id, ...snapshot.queue.map((queued) => queued.id)]);
    state.picks = [record, ...state.picks.filter((pick) => live.has(pick.entryId))].slice(0, KEPT_PICKS);
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

  /**
   * The picked song with its video: its pin, or a search now. When none is found it is queued as
   * metadata, and playback searches once more when it is due (a failure then is announced there).
   */
  private async resolve(guildId: string, choice: PickChoice): Promise<PlayableTrack> {
    const wanted = toPlayable(choice.candidate);
    const resolved = await this.ports.resolver.resolveForPlayback(wanted).catch((error: unknown) => {
      this.logger.warn(`Guild ${guildId}: looking up "${wanted.query ?? wanted.title}" failed: ${String(error)}`);
      return null;
    });
    if (resolved?.encoded) return { ...resolved, trackKey: resolved.trackKey ?? wanted.trackKey };
    this.logger.warn(
      `Guild ${guildId}: no video found yet for the pick "${choice.record.artist} - ${choice.record.title}"`,
    );
    return wanted;
  }
}
