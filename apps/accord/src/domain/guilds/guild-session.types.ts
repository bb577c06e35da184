import type { FilterPreset, LoopMode, QueueEntry } from '@accord/core';

/** A guild's playback session as stored, enough to rebuild it after any restart. */
export interface PersistedSession {
  voiceChannelId: string;
  textChannelId: string;
  current: { entry: QueueEntry; positionMs: number; paused: boolean; startedAt: Date } | null;
  queue: QueueEntry[];
  loop: LoopMode;
  volume: number;
  filter: FilterPreset | null;
  nowPlayingMessageId: string | null;
  /** The Lavalink node the player was on. */
  node: string | null;
  updatedAt: Date;
}
