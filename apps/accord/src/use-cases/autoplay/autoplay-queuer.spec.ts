import { EventEmitter2 } from '@nestjs/event-emitter';
import { RecommendationEvent, type PickMadeEvent } from '@accord/core';
import type { SourcedCandidate } from '../../domain/discovery/candidate-source';
import { songCandidate } from '../../domain/discovery/song-candidate';
import type { PlaybackService } from '../../domain/playback/playback.service';
import type { EnqueueResult, PlayableTrack, QueueEntry } from '../../domain/playback/playback.types';
import { QueueEntryFactory, SnapshotFactory, TrackFactory } from '../../domain/playback/testing/playback.factory';
import { AutoplayGuilds } from './autoplay-guilds';
import { AutoplayQueuer } from './autoplay-queuer';
import type { PickAttempt } from './autoplay.types';

const GUILD = 'guild-1';

/** The two queue commands autoplay uses, recording what they were asked. */
class FakeQueue implements Pick<PlaybackService, 'enqueue' | 'remove'> {
  readonly enqueued: Array<{ userId: string; tracks: PlayableTrack[]; source?: string; reason?: string }> = [];
  readonly removed: number[] = [];
  startsPlaying = false;

  enqueue(
    requester: Parameters<PlaybackService['enqueue']>[0],
    tracks: PlayableTrack[],
    options: { source?: QueueEntry['source']; reason?: string } = {},
  ): Promise<EnqueueResult> {
    this.enqueued.push({ userId: requester.userId, tracks, source: options.source, reason: options.reason });
    const added = tracks.map((track) => QueueEntryFactory.create({ track, source: options.source }));
    return Promise.resolve({ added, firstPosition: 1, startedPlaying: this.startsPlaying, refused: 0 });
  }

  remove(_guildId: string, position: number): Promise<QueueEntry> {
    this.removed.push(position);
    return Promise.resolve(QueueEntryFactory.create());
  }
}

function attemptFor(candidate: SourcedCandidate, reason = 'Ana likes Justice'): Extract<PickAttempt, { ok: true }> {
  return {
    ok: true,
    candidate,
    record: {
      guildId: GUILD,
      trackKey: candidate.trackKey,
      title: candidate.title,
      artist: candidate.artistName,
      reason,
      isDiscovery: false,
      fits: [{ userId: 'ana', fit: 0.8, displayName: 'Ana' }],
      listeners: ['ana'],
      sources: ['test'],
      reports: [],
      relaxation: 0,
      pickCpuMs: 0.5,
    },
  };
}

describe(AutoplayQueuer.name, () => {
  const genesis = songCandidate({ artist: 'Justice', title: 'Genesis' }, [
    { source: 'test', similarTo: { kind: 'artist', id: 'justice', name: 'Justice' }, strength: 0.8, userIds: [] },
  ])!;
  let playback: FakeQueue;
  let events: EventEmitter2;
  let guilds: AutoplayGuilds;
  let made: PickMadeEvent[];
  let sut: AutoplayQueuer;

  beforeEach(() => {
    playback = new FakeQueue();
    events = new EventEmitter2();
    made = [];
    events.on(RecommendationEvent.PickMade, (event: PickMadeEvent) => made.push(event));
    guilds = new AutoplayGuilds();
    sut = new AutoplayQueuer({ playback, events, botUserId: 'bot' });
  });

  it('queues the pick as metadata in the bot name, keeps it for /why and announces it', async () => {
    const state = guilds.state(GUILD);
    Object.assign(state, { forceDiscovery: true, pauseAnnounced: true, degradedTries: 3 });

    await sut.queue({ state, snapshot: SnapshotFactory.create(), attempt: attemptFor(genesis), replacing: null });

    expect(playback.enqueued).toEqual([
      {
        userId: 'bot',
        tracks: [expect.objectContaining({ trackKey: genesis.trackKey, durationMs: 0 }) as PlayableTrack],
        source: 'autoplay',
        reason: 'Ana likes Justice',
      },
    ]);
    expect(state.picks[0]).toMatchObject({ trackKey: genesis.trackKey, entryId: state.pendingEntryId });
    expect(state).toMatchObject({ forceDiscovery: false, pauseAnnounced: false, degradedTries: 0 });
    expect(made).toEqual([
      expect.objectContaining({ guildId: GUILD, trackKey: genesis.trackKey, fits: [{ userId: 'ana', fit: 0.8 }] }),
    ]);
  });

  it('has nothing pending when the pick started playing at once', async () => {
    playback.startsPlaying = true;
    const state = guilds.state(GUILD);

    await sut.queue({ state, snapshot: SnapshotFactory.create(), attempt: attemptFor(genesis), replacing: null });

    expect(state.pendingEntryId).toBeNull();
    expect(state.picks).toHaveLength(1);
  });

  it('replaces the upcoming pick at its place in the queue when the room changed', async () => {
    const upcoming = QueueEntryFactory.create({ source: 'autoplay', reason: 'Cy likes Chet Baker' });
    const snapshot = SnapshotFactory.create({ queue: [QueueEntryFactory.create(), upcoming] });

    await sut.queue({ state: guilds.state(GUILD), snapshot, attempt: attemptFor(genesis), replacing: upcoming });

    expect(playback.removed).toEqual([2]);
    expect(playback.enqueued).toHaveLength(1);
  });

  it('leaves the upcoming pick alone when the new pick is the same song for the same reason', async () => {
    const upcoming = QueueEntryFactory.create({
      track: TrackFactory.create({ trackKey: genesis.trackKey }),
      source: 'autoplay',
      reason: 'Ana likes Justice',
    });
    const state = guilds.state(GUILD);
    state.forceDiscovery = true;

    await sut.queue({
      state,
      snapshot: SnapshotFactory.create({ queue: [upcoming] }),
      attempt: attemptFor(genesis),
      replacing: upcoming,
    });

    expect(playback.removed).toEqual([]);
    expect(playback.enqueued).toEqual([]);
    expect(state.forceDiscovery).toBe(false);
  });

  it('queues nothing when the pick it would replace started while it was choosing', async () => {
    const upcoming = QueueEntryFactory.create({ source: 'autoplay' });

    await sut.queue({
      state: guilds.state(GUILD),
      snapshot: SnapshotFactory.create({ queue: [] }),
      attempt: attemptFor(genesis),
      replacing: upcoming,
    });

    expect(playback.removed).toEqual([]);
    expect(playback.enqueued).toEqual([]);
    expect(made).toEqual([]);
  });

  it('keeps the last twenty picks', async () => {
    const state = guilds.state(GUILD);

    for (let i = 0; i < 25; i++) {
      await sut.queue({ state, snapshot: SnapshotFactory.create(), attempt: attemptFor(genesis), replacing: null });
    }

    expect(state.picks).toHaveLength(20);
  });
});
