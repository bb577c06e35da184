import type { TrackSegment } from '@accord/core';
import type { PersistedSession } from '../guilds/guild-session.types';
import { filtersFor } from './audio-settings';
import type { FilterPreset, LoopMode, QueueEntry } from './playback.types';
import { GuildQueue } from './queue/guild-queue';

/** How the track now ending was ended by us (as opposed to finishing or failing on its own). */
export type ExpectedEnd = 'skipped' | 'stopped' | 'replaced';

export interface CurrentTrack {
  entry: QueueEntry;
  startedAt: Date;
  /** Position at `positionAt` (epoch ms); the playhead moves on from there unless paused. */
  positionMs: number;
  positionAt: number;
  /** Paused as asked of Lavalink: set when asked, before Lavalink answers (see `TrackSequencerService.setPaused`). */
  paused: boolean;
  /** Lavalink confirmed the start (TrackStartEvent). */
  started: boolean;
  /**
   * The node playing it went away: no audio is produced, so the playhead stays where the audio
   * stopped until a node reports the track again (its start or a position).
   */
  held?: boolean;
  /** Parts of the video skipped so far (SponsorBlock segments the guild skips). */
  skippedSegments?: TrackSegment[];
}

/** One guild's live playback state. Mutated only by the playback services of this folder. */
export class GuildSession {
  queue: GuildQueue;
  current: CurrentTrack | null = null;
  loop: LoopMode = 'off';
  volume = 100;
  filter: FilterPreset | null = null;
  twentyFourSeven = false;
  node: string | null = null;
  listeners: string[] = [];
  /** Paused because the channel emptied (set when Accord asks, not when Lavalink answers); resumed when someone returns. */
  autoPaused = false;
  expectedEnd: { reason: ExpectedEnd; by?: string } | null = null;
  /**
   * Changes of track under way (the next entry being looked up or started), settled when done:
   * they play the queue's head, so nothing else starts before they end (see
   * `TrackSequencerService.playIfIdle`).
   */
  readonly advances = new Set<Promise<void>>();
  idleTimer?: NodeJS.Timeout;
  lookAheadTimer?: NodeJS.Timeout;
  nowPlayingMessageId: string | null = null;
  lastPositionSave = 0;
  /** Set once the session ended: nothing may write it back to the database after that. */
  ended = false;
  /** The last pause or resume sent to Lavalink, settled: the next one waits for it (`inPauseTurn`). */
  private pauseRequests: Promise<void> = Promise.resolve();

  constructor(
    readonly guildId: string,
    public voiceChannelId: string,
    public textChannelId: string,
    entries: QueueEntry[] = [],
  ) {
    this.queue = new GuildQueue(entries);
  }

  /**
   * Runs `request` (a pause or resume sent to Lavalink) once the ones asked before it are answered,
   * so Lavalink gets them in the order they were asked, whatever the network does.
   */
  inPauseTurn(request: () => Promise<void>): Promise<void> {
    const turn = this.pauseRequests.then(request);
    this.pauseRequests = turn.catch(() => undefined);
    return turn;
  }

  /** Where the playhead is now (in track time: a timescale filter moves it faster or slower). */
  position(now: number): number {
    if (!this.current) return 0;
    const { positionMs, positionAt, paused, entry } = this.current;
    const still = paused || !this.current.started || this.current.held;
    const moved = still ? positionMs : positionMs + (now - positionAt) * this.pace();
    return entry.track.isStream ? moved : Math.min(moved, entry.track.durationMs);
  }

  /** Track milliseconds played per real millisecond under the filter on (1 without a timescale). */
  pace(): number {
    const timescale = filtersFor(this.filter).timescale;
    return (timescale?.speed ?? 1) * (timescale?.rate ?? 1);
  }

  setPosition(positionMs: number, now: number): void {
    if (!this.current) return;
    this.current.positionMs = positionMs;
    this.current.positionAt = now;
  }

  /** The node playing the track went away at `now`: the playhead stops there (see `CurrentTrack.held`). */
  hold(now: number): void {
    if (!this.current || this.current.held) return;
    this.setPosition(this.position(now), now);
    this.current.held = true;
  }

  /** Lavalink reported the track at `positionMs` (it started, or its playhead moved): it plays again. */
  reported(positionMs: number, now: number): void {
    if (!this.current) return;
    this.setPosition(positionMs, now);
    this.current.held = false;
  }

  toPersisted(now: number): PersistedSession {
    return {
      voiceChannelId: this.voiceChannelId,
      textChannelId: this.textChannelId,
      current: this.current
        ? {
            entry: this.current.entry,
            positionMs: Math.round(this.position(now)),
            paused: this.current.paused,
            startedAt: this.current.startedAt,
            ...(this.current.skippedSegments?.length ? { skippedSegments: [...this.current.skippedSegments] } : {}),
          }
        : null,
      queue: this.queue.list(),
      loop: this.loop,
      volume: this.volume,
      filter: this.filter,
      nowPlayingMessageId: this.nowPlayingMessageId,
      node: this.node,
      updatedAt: new Date(now),
    };
  }

  static fromPersisted(guildId: string, stored: PersistedSession): GuildSession {
    const session = new GuildSession(guildId, stored.voiceChannelId, stored.textChannelId, stored.queue);
    session.loop = stored.loop;
    session.volume = stored.volume;
    session.filter = stored.filter;
    session.node = stored.node;
    session.nowPlayingMessageId = stored.nowPlayingMessageId;
    return session;
  }
}
