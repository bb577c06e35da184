import type { FilterPreset, LoopMode, QueueEntry, TrackSegment } from '@accord/core';

/** A guild's playback session as stored, enough to rebuild it after any restart. */
export interface PersistedSession {
  voiceChannelId: string;
  textChannelId: string;
  current: {
    entry: QueueEntry;
    positionMs: number;
    paused: boolean;
    startedAt: Date;
    /** Parts of the song skipped so far, still named on its now-playing message after a restart. */
    skippedSegments?: TrackSegment[];
  } | null;
  queue: QueueEntry[];
  loop: LoopMode;
  volume: number;
  filter: FilterPreset | null;
  nowPlayingMessageId: string | null;
  /** The Lavalink node the player was on. */
  node: string | null;
  updatedAt: Date;
}
