import { setMaxListeners } from 'node:events';
import type { TrackStartedEvent } from '@accord/core';
import type { AutoplayPick } from './autoplay.types';

/** What autoplay keeps about one guild between events (what played is the history module's to remember). */
export interface GuildState {
  chain: Promise<void>;
  /** The queued autoplay pick that has not started yet (replaced when the room changes). */
  pendingEntryId: string | null;
  picks: AutoplayPick[];
  forceDiscovery: boolean;
  /** The paused notice was posted; not again until autoplay picks something. */
  pauseAnnounced: boolean;
  replanTimer?: NodeJS.Timeout;
  aheadTimer?: NodeJS.Timeout;
  retryTimer?: NodeJS.Timeout;
  /** Tries in a row that found nothing with inputs missing. */
  degradedTries: number;
}

/**
 * Autoplay's per-guild state (its picks, the pause notice, its timers) and the shutdown signal
 * every part of autoplay checks. Plain state, no I/O.
 */
export class AutoplayGuilds {
  private readonly guilds = new Map<string, GuildState>();
  private readonly shutdown = new AbortController();

  constructor() {
    // Each guild's pick under way listens for the shutdown: as many listeners as guilds picking.
    setMaxListeners(Infinity, this.shutdown.signal);
  }

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

  /** A song started: a request lifts the pause notice (autoplay's own picks do not). */
  trackStarted(event: TrackStartedEvent): void {
    if (event.source === 'request') this.state(event.guildId).pauseAnnounced = false;
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
