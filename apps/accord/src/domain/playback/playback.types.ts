import type { FilterPreset, LoopMode, QueueEntry, TrackSegment } from '@accord/core';

export { FILTER_PRESETS, LOOP_MODES } from '@accord/core';
export type { FilterPreset, LoopMode, PlayableTrack, QueueEntry } from '@accord/core';

/** The most tracks one guild's queue holds; more are refused with a clear message. */
export const MAX_QUEUE_LENGTH = 5_000;

export interface NowPlaying {
  entry: QueueEntry;
  positionMs: number;
  paused: boolean;
  startedAt: Date;
  /** Parts of the video skipped so far (SponsorBlock segments). */
  skippedSegments?: TrackSegment[];
}

/** Everything a presenter or the API needs to show a guild's playback. */
export interface SessionSnapshot {
  guildId: string;
  voiceChannelId: string;
  textChannelId: string;
  current: NowPlaying | null;
  queue: QueueEntry[];
  loop: LoopMode;
  /** The user's scale, 0-150; 100 keeps Opus passthrough. */
  volume: number;
  filter: FilterPreset | null;
  twentyFourSeven: boolean;
  /** Users in the bot's voice channel who can hear (not bots, not deafened). */
  listeners: string[];
  /** True when volume or filters make Lavalink decode and re-encode the audio. */
  transcoding: boolean;
  /** The Lavalink node the player is on, if connected. */
  node: string | null;
}

/** Who asked, and from where: enough for playback to join the right channel. */
export interface PlaybackRequester {
  guildId: string;
  userId: string;
  /** The requester's voice channel, if they are in one. */
  voiceChannelId: string | null;
  textChannelId: string;
}

export interface EnqueueResult {
  added: QueueEntry[];
  /** 1-based queue position of the first added entry (0 when it started playing at once). */
  firstPosition: number;
  startedPlaying: boolean;
  /** Entries not added because the queue is full. */
  refused: number;
}
