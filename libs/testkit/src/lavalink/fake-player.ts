import {
  exceptionPayload,
  type ExceptionPayload,
  type FiltersPayload,
  type PlayerEventPayload,
  type PlayerPayload,
  type PlayerStatePayload,
  type TrackEndReason,
  type TrackInfoPayload,
  type TrackPayload,
  type VoiceStatePayload,
} from './payloads';

/** What a test sees of a player: plain data, safe to keep after the player changed. */
export interface FakePlayerSnapshot {
  guildId: string;
  sessionId: string;
  track: TrackInfoPayload | null;
  encoded: string | null;
  userData: Record<string, unknown> | null;
  position: number;
  paused: boolean;
  volume: number;
  filters: FiltersPayload;
  voice: VoiceStatePayload | null;
  connected: boolean;
  endTime: number | null;
}

export interface FakePlayerOptions {
  guildId: string;
  sessionId: string;
  /** Virtual-time speed: 10 makes a 3-minute track end after 18 s. */
  timeScale: number;
  /** Where the player's events go (the session sends or queues them). */
  emit: (event: PlayerEventPayload) => void;
  now?: () => number;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

type Settings = Record<string, unknown>;

function differs(settings: Settings, key: string, neutral: number): boolean {
  const value = settings[key];
  return typeof value === 'number' && value !== neutral;
}

/** Lavalink's FilterChain `isEnabled`: a filter set to its neutral values does not force transcoding. */
function isFilterActive(key: string, value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (key === 'volume') return value !== 1;
  if (key === 'equalizer') {
    return (
      Array.isArray(value) &&
      value.some((band: unknown) => typeof band === 'object' && differs(band as Settings, 'gain', 0))
    );
  }
  if (typeof value !== 'object') return true;
  const settings = value as Settings;
  switch (key) {
    case 'timescale':
      return ['speed', 'pitch', 'rate'].some((field) => differs(settings, field, 1));
    case 'tremolo':
    case 'vibrato':
      return settings.depth === undefined || differs(settings, 'depth', 0);
    case 'rotation':
      return differs(settings, 'rotationHz', 0);
    case 'lowPass':
      return typeof settings.smoothing === 'number' ? settings.smoothing > 1 : true;
    case 'channelMix':
      return (
        differs(settings, 'leftToLeft', 1) ||
        differs(settings, 'rightToRight', 1) ||
        differs(settings, 'leftToRight', 0) ||
        differs(settings, 'rightToLeft', 0)
      );
    case 'distortion':
      return Object.entries(settings).some(
        ([field, v]) => typeof v === 'number' && v !== (/Scale$|^scale$/.test(field) ? 1 : 0),
      );
    case 'pluginFilters':
      return Object.keys(settings).length > 0;
    default:
      return true; // karaoke and unknown filters always count
  }
}

/** True when volume and filters leave Lavalink free to pass Opus through without transcoding. */
export function isPassthroughState(volume: number, filters: FiltersPayload): boolean {
  return volume === 100 && !Object.entries(filters).some(([key, value]) => isFilterActive(key, value));
}

/**
 * One Lavalink player in virtual time: no audio, but position, pause, end of track and the
 * events Lavalink would send. Position = base + elapsed real time * timeScale while playing.
 */
export class FakePlayer {
  readonly guildId: string;
  readonly sessionId: string;
  volume = 100;
  paused = false;
  filters: FiltersPayload = {};
  voice: VoiceStatePayload | null = null;
  connected = false;
  endTime: number | null = null;

  private current: TrackPayload | null = null;
  private basePosition = 0;
  private baseTime: number;
  private endTimer: NodeJS.Timeout | undefined;
  private readonly timeScale: number;
  private readonly emit: (event: PlayerEventPayload) => void;
  private readonly now: () => number;

  constructor(options: FakePlayerOptions) {
    this.guildId = options.guildId;
    this.sessionId = options.sessionId;
    this.timeScale = options.timeScale;
    this.emit = options.emit;
    this.now = options.now ?? Date.now;
    this.baseTime = this.now();
  }

  get track(): TrackPayload | null {
    return this.current;
  }

  get playing(): boolean {
    return this.current !== null && !this.paused;
  }

  get position(): number {
    if (!this.current) return 0;
    const elapsed = this.paused ? 0 : (this.now() - this.baseTime) * this.timeScale;
    return Math.max(0, Math.min(Math.round(this.basePosition + elapsed), this.current.info.length));
  }

  /** Starts `track` (from `position`), ending the current one with `replaced`. */
  play(track: TrackPayload, options: { position?: number; endTime?: number | null; paused?: boolean } = {}): void {
    const previous = this.current;
    if (previous) {
      this.current = null;
      this.emit({
        op: 'event',
        type: 'TrackEndEvent',
        guildId: this.guildId,
        track: this.withPosition(previous),
        reason: 'replaced',
      });
    }
    this.current = track;
    this.paused = options.paused ?? false;
    this.endTime = options.endTime && options.endTime > 0 ? options.endTime : null;
    this.rebase(options.position ?? 0);
    this.emit({ op: 'event', type: 'TrackStartEvent', guildId: this.guildId, track: this.withPosition(track) });
    this.schedule();
  }

  /** Stops the current track (if any) and reports it with `reason`. */
  stop(reason: TrackEndReason = 'stopped'): void {
    const track = this.current;
    if (!track) return;
    const ended = this.withPosition(track);
    this.clearTimer();
    this.current = null;
    this.endTime = null;
    this.rebase(0);
    this.emit({ op: 'event', type: 'TrackEndEvent', guildId: this.guildId, track: ended, reason });
  }

  seek(position: number): void {
    if (!this.current) return;
    this.rebase(position);
    this.schedule();
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.rebase(this.position);
    this.paused = paused;
    this.schedule();
  }

  setEndTime(endTime: number | null): void {
    this.endTime = endTime && endTime > 0 ? endTime : null;
    this.schedule();
  }

  /** Moves virtual time forward for this player (ends the track if it runs past its end). */
  advance(ms: number): void {
    this.seek(this.position + ms);
  }

  /**
   * Lavaplayer's FriendlyException path: exception event, then end with `loadFailed`. `cause` is the
   * root cause's `toString()` as Lavalink reports it (a FriendlyException with `message` by default).
   */
  fail(message: string, severity: ExceptionPayload['severity'] = 'common', cause?: string): void {
    const track = this.current;
    if (!track) return;
    const exception = exceptionPayload(message, severity, cause);
    this.emit({
      op: 'event',
      type: 'TrackExceptionEvent',
      guildId: this.guildId,
      track: this.withPosition(track),
      exception,
    });
    this.stop('loadFailed');
  }

  /** The track keeps its place; Lavalink only reports that no audio came for `thresholdMs`. */
  stick(thresholdMs = 10_000): void {
    const track = this.current;
    if (!track) return;
    this.emit({
      op: 'event',
      type: 'TrackStuckEvent',
      guildId: this.guildId,
      track: this.withPosition(track),
      thresholdMs,
    });
  }

  /** Discord closed the voice websocket (4014: disconnected by someone, 4006: session invalid). */
  closeVoice(code: number, reason: string, byRemote: boolean): void {
    this.connected = false;
    this.emit({ op: 'event', type: 'WebSocketClosedEvent', guildId: this.guildId, code, reason, byRemote });
  }

  setVoice(voice: VoiceStatePayload): void {
    this.voice = voice;
    this.connected = true;
  }

  /** Clears timers; with `announce`, reports the playing track as stopped (DELETE does). */
  destroy(announce: boolean): void {
    if (announce) this.stop('stopped');
    this.clearTimer();
    this.current = null;
  }

  isPassthrough(): boolean {
    return isPassthroughState(this.volume, this.filters);
  }

  state(): PlayerStatePayload {
    return { time: this.now(), position: this.position, connected: this.connected, ping: this.connected ? 12 : -1 };
  }

  toPayload(): PlayerPayload {
    return {
      guildId: this.guildId,
      track: this.current ? this.withPosition(this.current) : null,
      volume: this.volume,
      paused: this.paused,
      state: this.state(),
      voice: this.voice ?? { token: '', endpoint: '', sessionId: '', channelId: null },
      filters: { ...this.filters },
    };
  }

  snapshot(): FakePlayerSnapshot {
    return {
      guildId: this.guildId,
      sessionId: this.sessionId,
      track: this.current ? { ...this.current.info, position: this.position } : null,
      encoded: this.current?.encoded ?? null,
      userData: this.current ? { ...this.current.userData } : null,
      position: this.position,
      paused: this.paused,
      volume: this.volume,
      filters: structuredClone(this.filters),
      voice: this.voice ? { ...this.voice } : null,
      connected: this.connected,
      endTime: this.endTime,
    };
  }

  // `encoded` is kept as the client sent it; only info.position follows the playhead.
  private withPosition(track: TrackPayload): TrackPayload {
    return {
      ...track,
      info: { ...track.info, position: this.current === track ? this.position : track.info.position },
    };
  }

  private rebase(position: number): void {
    this.basePosition = Math.max(0, position);
    this.baseTime = this.now();
  }

  /** Arms one timer for the natural end (track length or endTime marker) in scaled real time. */
  private schedule(): void {
    this.clearTimer();
    const track = this.current;
    if (!track || this.paused || track.info.isStream) return;
    const end = Math.min(track.info.length, this.endTime ?? Number.POSITIVE_INFINITY);
    const remaining = Math.max(0, (end - this.position) / this.timeScale);
    if (remaining > MAX_TIMER_MS) return; // setTimeout would fire at once beyond this
    this.endTimer = setTimeout(() => {
      this.endTimer = undefined;
      if (this.current !== track) return;
      this.rebase(end); // timers are coarse: report the exact end, as lavaplayer does
      this.stop('finished');
    }, remaining);
    this.endTimer.unref();
  }

  private clearTimer(): void {
    if (this.endTimer) clearTimeout(this.endTimer);
    this.endTimer = undefined;
  }
}
