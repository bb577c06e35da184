import type { PlayableTrack, QueueEntry, SessionSnapshot } from '../playback.types';

let sequence = 0;

/** Test data for playback presenters and services (specs only). */
export class TrackFactory {
  static create(overrides: Partial<PlayableTrack> = {}): PlayableTrack {
    sequence += 1;
    return {
      encoded: `QAAA${sequence}`,
      identifier: `video${String(sequence).padStart(6, '0')}`,
      title: `Song ${sequence}`,
      author: `Artist ${sequence}`,
      uri: `https://www.youtube.com/watch?v=video${sequence}`,
      artworkUrl: `https://i.ytimg.com/vi/video${sequence}/maxresdefault.jpg`,
      durationMs: 210_000,
      isStream: false,
      isSeekable: true,
      sourceName: 'youtube',
      ...overrides,
    };
  }

  static many(count: number): PlayableTrack[] {
    return Array.from({ length: count }, () => TrackFactory.create());
  }
}

export class QueueEntryFactory {
  static create(overrides: Partial<QueueEntry> = {}): QueueEntry {
    sequence += 1;
    return {
      id: `entry-${sequence}`,
      track: TrackFactory.create(),
      requestedBy: 'user-1',
      source: 'request',
      addedAt: new Date('2025-01-01T00:00:00Z'),
      ...overrides,
    };
  }

  static many(count: number, overrides: Partial<QueueEntry> = {}): QueueEntry[] {
    return Array.from({ length: count }, () => QueueEntryFactory.create(overrides));
  }
}

export class SnapshotFactory {
  /** A guild playing one song at 1:23 of 3:30, nothing queued, passthrough audio. */
  static create(overrides: Partial<SessionSnapshot> = {}): SessionSnapshot {
    return {
      guildId: 'guild-1',
      voiceChannelId: 'voice-1',
      textChannelId: 'text-1',
      current: {
        entry: QueueEntryFactory.create(),
        positionMs: 83_000,
        paused: false,
        startedAt: new Date('2025-01-01T00:00:00Z'),
      },
      queue: [],
      loop: 'off',
      volume: 100,
      filter: null,
      twentyFourSeven: false,
      listeners: ['user-1'],
      transcoding: false,
      node: 'node-1',
      ...overrides,
    };
  }
}
