import type { TrackStartedEvent } from '@accord/core';
import type { GuildHistoryEntry } from '../../domain/history/guild-history.port';
import { songOf } from './autoplay-inputs';
import type { AutoplayPick } from './autoplay.types';

const LOCAL_MEMORY = 100;

/** What autoplay keeps about one guild between events. */
export interface GuildState {
  chain: Promise<void>;
  /** The queued autoplay pick that has not started yet (replaced when the room changes). */
  pendingEntryId: string | null;
  picks: AutoplayPick[];
  forceDiscovery: boolean;
  /** The paused notice was posted; not again until autoplay picks something. */
  pauseAnnounced: boolean;
  /** What autoplay saw start, newest first: its own memory for cooldowns when no history store answers. */
  recent: GuildHistoryEntry[];
  replanTimer?: NodeJS.Timeout;
  aheadTimer?: NodeJS.Timeout;
  retryTimer?: NodeJS.Timeout;
  /** Tries in a row that found nothing with inputs missing. */
  degradedTries: number;
}

/**
 * Autoplay's per-guild memory (its picks, what it saw start, its timers) and the shutdown signal
 * every part of autoplay checks. Plain state, no I/O.
 */
export class AutoplayGuilds {
  private readonly guilds = new Map<string, GuildState>();
  private readonly shutdown = new AbortController();

  get signal(): AbortSignal {
    return this.shutdown.signal;
  }

  get stopped(): boolean {
    return this.shutdown.signal.aborted;
  }

  /** The guild's state, created on first use. */
  state(guildId: string): GuildState {
    let state = this.guilds.get(guildId);
    if (!state) {
      state = {
        chain: Promise.resolve(),
        pendingEntryId: null,
        picks: [],
        forceDiscovery: false,
        pauseAnnounced: false,
        recent: [],
        degradedTries: 0,
      };
      this.guilds.set(guildId, state);
    }
    return state;
  }

  /** The guild's state when autoplay has seen the guild, without creating it. */
  find(guildId: string): GuildState | undefined {
    return this.guilds.get(guildId);
  }

  /** A song started: remembered for cooldowns, with the fits of the pick it was; a request lifts the pause. */
  remember(event: TrackStartedEvent): void {
    const state = this.state(event.guildId);
    const song = songOf({
      title: event.track.title,
      author: event.track.author,
      durationMs: event.track.durationMs,
      trackKey: event.track.trackKey,
      isStream: false,
      isSeekable: true,
    });
    const picked = state.picks.find((record) => record.trackKey === song.trackKey);
    state.recent.unshift({
      trackKey: song.trackKey,
      artistKey: song.artistKey,
      artistName: song.artistName,
      title: song.title,
      youtubeId: event.track.youtubeId,
      startedAt: event.at.getTime(),
      listeners: event.listeners,
      source: event.source,
      requestedBy: event.requestedBy,
      fits: event.source === 'request' ? undefined : picked?.fits.map(({ userId, fit }) => ({ userId, fit })),
      outcome: 'playing',
    });
    state.recent.length = Math.min(state.recent.length, LOCAL_MEMORY);
    if (event.source === 'request') state.pauseAnnounced = false;
  }

  /** The session ended: timers stop and the guild's pending pick, `/discover` and pause notice are forgotten. */
  endSession(guildId: string): void {
    const state = this.guilds.get(guildId);
    if (!state) return;
    clearTimers(state);
    state.pendingEntryId = null;
    state.forceDiscovery = false;
    state.pauseAnnounced = false;
  }

  /** Stops every timer; everything that checks `signal` stops too. */
  stop(): void {
    this.shutdown.abort();
    for (const state of this.guilds.values()) clearTimers(state);
  }
}

function clearTimers(state: GuildState): void {
  clearTimeout(state.retryTimer);
  clearTimeout(state.replanTimer);
  clearTimeout(state.aheadTimer);
}
