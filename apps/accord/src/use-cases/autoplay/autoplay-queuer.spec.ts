import { EventEmitter2 } from '@nestjs/event-emitter';
import { RecommendationEvent, type PickMadeEvent } from '@accord/core';
import type { SourcedCandidate } from '../../domain/discovery/candidate-source';
import { songCandidate } from '../../domain/discovery/song-candidate';
import type { PlaybackService } from '../../domain/playback/playback.service';
import type { TrackResolverPort } from '../../domain/catalog/track-resolver.port';
import type { EnqueueResult, PlayableTrack, QueueEntry, SessionSnapshot } from '../../domain/playback/playback.types';
import { QueueEntryFactory, SnapshotFactory, TrackFactory } from '../../domain/playback/testing/playback.factory';
import { AutoplayGuilds } from './autoplay-guilds';
import { AutoplayQueuer } from './autoplay-queuer';
import type { PickChoice } from './autoplay.types';

const GUILD = 'guild-1';

/** The session and the two queue commands autoplay uses, recording what they were asked. */
class FakeQueue implements Pick<PlaybackService, 'snapshot' | 'enqueue' | 'remove'> {
  readonly enqueued: Array<{ userId: string; tracks: PlayableTrack[]; source?: string; reason?: string }> = [];
  readonly removed: number[] = [];
  startsPlaying = false;
  session: SessionSnapshot | null = SnapshotFactory.create();

  snapshot(): SessionSnapshot | null {
    return this.session;
  }

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

/** The catalog: the video of each song it knows, by key. */
class FakeResolver implements Pick<TrackResolverPort, 'resolveForPlayback'> {
  readonly asked: PlayableTrack[] = [];
  readonly videos = new Map<string, PlayableTrack>();

  resolveForPlayback(track: PlayableTrack): Promise<PlayableTrack | null> {
    this.asked.push(track);
    return Promise.resolve(this.videos.get(track.trackKey ?? '') ?? null);
  }
}

function choiceOf(candidate: SourcedCandidate, reason = 'Ana likes Justice'): PickChoice {
  return {
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
      modelTrainedAt: null,
    },
  };
}

describe(AutoplayQueuer.name, () => {
  const genesis = songCandidate({ artist: 'Justice', title: 'Genesis' }, [
    { source: 'test', similarTo: { kind: 'artist', id: 'justice', name: 'Justice' }, strength: 0.8, userIds: [] },
  ])!;
  let playback: FakeQueue;
  let resolver: FakeResolver;
  let events: EventEmitter2;
  let guilds: AutoplayGuilds;
  let made: PickMadeEvent[];
  let sut: AutoplayQueuer;

  beforeEach(() => {
    playback = new FakeQueue();
    resolver = new FakeResolver();
    events = new EventEmitter2();
    made = [];
    events.on(RecommendationEvent.PickMade, (event: PickMadeEvent) => made.push(event));
    guilds = new AutoplayGuilds();
    sut = new AutoplayQueuer({ playback, resolver, events, botUserId: 'bot', signal: guilds.signal });
  });
  afterEach(() => guilds.stop());

  it('queues the pick with its video in the bot name, keeps it for /why and announces it', async () => {
    const video = TrackFactory.create({ title: 'Genesis', author: 'Justice', identifier: 'justiceGen1' });
    resolver.videos.set(genesis.trackKey, video);
    const state = guilds.state(GUILD);
    Object.assign(state, { forceDiscovery: true, pauseAnnounced: true, degradedTries: 3 });

    await sut.queue({ state, snapshot: SnapshotFactory.create(), choice: choiceOf(genesis), replacing: null });

    expect(resolver.asked).toEqual([expect.objectContaining({ trackKey: genesis.trackKey, query: genesis.query })]);
    expect(playback.enqueued).toEqual([
      {
        userId: 'bot',
        tracks: [{ ...video, trackKey: genesis.trackKey }],
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

  it('keeps the picks of the songs still playing or queued, and forgets those that have played', async () => {
    const state = guilds.state(GUILD);
    const session = SnapshotFactory.create({ current: null, queue: [] });
    playback.session = session;
    const picked = async (artist: string, title: string): Promise<QueueEntry> => {
      await sut.queue({
        state,
        snapshot: session,
        choice: choiceOf(songCandidate({ artist, title }, [])!),
        replacing: null,
      });
      return QueueEntryFactory.create({ id: state.picks[0].entryId });
    };
    session.queue.push(await picked('Air', 'Sexy Boy'));
    session.queue.push(await picked('Justice', 'Genesis'));
    session.queue.push(await picked('Daft Punk', 'Veridis Quo'));
    // Sexy Boy has played, Genesis plays now, Veridis Quo was removed from the queue.
    session.current = { ...SnapshotFactory.create().current!, entry: session.queue[1] };
    session.queue = [];

    await picked('Kavinsky', 'Nightcall');

    expect(state.picks.map((pick) => pick.title)).toEqual(['Nightcall', 'Genesis']);
  });

  it('queues the pick as metadata when no video is found yet, for playback to search when it is due', async () => {
    await sut.queue({
      state: guilds.state(GUILD),
      snapshot: SnapshotFactory.create(),
      choice: choiceOf(genesis),
      replacing: null,
    });

    const [queued] = playback.enqueued[0].tracks;
    expect(queued).toMatchObject({ trackKey: genesis.trackKey, query: 'Justice - Genesis', durationMs: 0 });
    expect(queued.encoded).toBeUndefined();
    expect(made).toHaveLength(1);
  });

  it('has nothing pending when the pick started playing at once', async () => {
    playback.startsPlaying = true;
    const state = guilds.state(GUILD);

    await sut.queue({ state, snapshot: SnapshotFactory.create(), choice: choiceOf(genesis), replacing: null });

    expect(state.pendingEntryId).toBeNull();
    expect(state.picks).toHaveLength(1);
  });

  it('replaces the upcoming pick at its place in the queue when the room changed', async () => {
    const upcoming = QueueEntryFactory.create({ source: 'autoplay', reason: 'Cy likes Chet Baker' });
    const snapshot = SnapshotFactory.create({ queue: [QueueEntryFactory.create(), upcoming] });
    playback.session = snapshot;

    await sut.queue({ state: guilds.state(GUILD), snapshot, choice: choiceOf(genesis), replacing: upcoming });

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
      choice: choiceOf(genesis),
      replacing: upcoming,
    });

    expect(resolver.asked).toEqual([]);
    expect(playback.removed).toEqual([]);
    expect(playback.enqueued).toEqual([]);
    expect(state.forceDiscovery).toBe(false);
  });

  it('queues nothing when the pick it would replace started while it was choosing', async () => {
    const upcoming = QueueEntryFactory.create({ source: 'autoplay' });

    await sut.queue({
      state: guilds.state(GUILD),
      snapshot: SnapshotFactory.create({ queue: [] }),
      choice: choiceOf(genesis),
      replacing: upcoming,
    });

    expect(resolver.asked).toEqual([]);
    expect(playback.removed).toEqual([]);
    expect(playback.enqueued).toEqual([]);
    expect(made).toEqual([]);
  });

  it('queues nothing when the pick it would replace started while its video was looked up', async () => {
    const upcoming = QueueEntryFactory.create({ source: 'autoplay' });
    const snapshot = SnapshotFactory.create({ queue: [upcoming] });
    playback.session = snapshot;
    resolver.resolveForPlayback = (track) => {
      playback.session = SnapshotFactory.create({ queue: [] });
      return Promise.resolve(track);
    };

    await sut.queue({ state: guilds.state(GUILD), snapshot, choice: choiceOf(genesis), replacing: upcoming });

    expect(playback.removed).toEqual([]);
    expect(playback.enqueued).toEqual([]);
  });

  it('keeps the last twenty picks', async () => {
    const state = guilds.state(GUILD);

    for (let i = 0; i < 25; i++) {
      await sut.queue({ state, snapshot: SnapshotFactory.create(), choice: choiceOf(genesis), replacing: null });
      // Every pick is still queued.
      playback.session!.queue.push(QueueEntryFactory.create({ id: state.picks[0].entryId }));
    }

    expect(state.picks).toHaveLength(20);
  });
});
