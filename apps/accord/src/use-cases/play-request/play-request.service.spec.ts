import { Logger } from '@nestjs/common';
import type { TrackResolverService } from '../../domain/catalog/track-resolver.service';
import type { ResolveOutcome } from '../../domain/catalog/catalog.types';
import { QueueEntryFactory, SnapshotFactory, TrackFactory } from '../../domain/playback/testing/playback.factory';
import { MAX_QUERY_LENGTH } from '../../domain/catalog/link-parser';
import { PlayRequestService, playlistSlices, type PlaylistProgress, type PlayRequest } from './play-request.service';
import { PlaybackError, PlaybackErrorCode, ResolveErrorCode, ok, refuse } from '@accord/core';
import type { PlaybackService } from '../../domain/playback/playback.service';
import {
  MAX_QUEUE_LENGTH,
  type EnqueueResult,
  type PlayableTrack,
  type PlaybackRequester,
  type QueueEntry,
  type SessionSnapshot,
} from '../../domain/playback/playback.types';

/** Playback with an in-memory queue per guild, enough for the request logic. */
class FakePlayback {
  readonly calls: Array<{ guildId: string; count: number; next: boolean }> = [];
  readonly sessions = new Map<string, { current: QueueEntry | null; queue: QueueEntry[] }>();
  /** Milliseconds each enqueue takes on the (faked) clock. */
  costMs = 0;
  failOnCall: { call: number; error: Error } | null = null;
  endSessionAfterCall: number | null = null;

  snapshot = (guildId: string): SessionSnapshot | null => {
    const session = this.sessions.get(guildId);
    if (!session) return null;
    return SnapshotFactory.create({
      guildId,
      queue: session.queue,
      current: session.current ? { entry: session.current, positionMs: 0, paused: false, startedAt: new Date() } : null,
    });
  };

  enqueue = async (
    requester: PlaybackRequester,
    tracks: PlayableTrack[],
    options: { next?: boolean } = {},
  ): Promise<EnqueueResult> => {
    await Promise.resolve();
    this.calls.push({ guildId: requester.guildId, count: tracks.length, next: options.next ?? false });
    if (this.costMs) jest.setSystemTime(Date.now() + this.costMs);
    if (this.failOnCall?.call === this.calls.length) throw this.failOnCall.error;
    const session = this.sessions.get(requester.guildId) ?? { current: null, queue: [] };
    this.sessions.set(requester.guildId, session);
    const room = MAX_QUEUE_LENGTH - session.queue.length;
    const added = tracks.slice(0, Math.max(0, room)).map((track) => QueueEntryFactory.create({ track }));
    session.queue = options.next ? [...added, ...session.queue] : [...session.queue, ...added];
    let startedPlaying = false;
    if (!session.current && session.queue.length > 0) {
      session.current = session.queue.shift() ?? null;
      startedPlaying = true;
    }
    if (this.endSessionAfterCall === this.calls.length) this.sessions.delete(requester.guildId);
    return { added, firstPosition: startedPlaying ? 0 : 1, startedPlaying, refused: tracks.length - added.length };
  };
}

const requester = (guildId = 'guild-a'): PlaybackRequester => ({
  guildId,
  userId: 'ana',
  voiceChannelId: 'voice-1',
  textChannelId: 'text-1',
});

describe(playlistSlices.name, () => {
  it.each<[number, boolean, Array<[number, number]>]>([
    [1, false, [[0, 1]]],
    [15, false, [[0, 15]]],
    [
      16,
      false,
      [
        [0, 15],
        [15, 16],
      ],
    ],
    [
      230,
      false,
      [
        [0, 15],
        [15, 115],
        [115, 215],
        [215, 230],
      ],
    ],
    [10, true, [[0, 10]]],
    [
      230,
      true,
      [
        [215, 230],
        [115, 215],
        [15, 115],
        [0, 15],
      ],
    ],
  ])('%p tracks (from the end: %p) -> %p', (length, fromTheEnd, slices) => {
    expect(playlistSlices(length, fromTheEnd)).toEqual(slices);
  });
});

describe(PlayRequestService.name, () => {
  let playback: FakePlayback;
  let resolve: jest.Mock<Promise<ResolveOutcome>, [string, string]>;
  let sut: PlayRequestService;

  const playlist = (count: number, name = 'Mix', truncated?: number): ResolveOutcome =>
    ok({ kind: 'playlist', name, tracks: TrackFactory.many(count), source: 'youtube', truncated });
  const track = (fromPin: boolean): ResolveOutcome =>
    ok({ kind: 'track', track: TrackFactory.create(), source: 'search', fromPin });
  const play = (request: Partial<PlayRequest> = {}): ReturnType<PlayRequestService['play']> =>
    sut.play({ requester: requester(), query: 'daft punk', ...request });

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    playback = new FakePlayback();
    resolve = jest.fn<Promise<ResolveOutcome>, [string, string]>();
    sut = new PlayRequestService(
      { resolve } as unknown as TrackResolverService,
      playback as unknown as PlaybackService,
    );
  });
  afterEach(async () => {
    await sut.whenIdle();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it.each([
    ['an empty query', '   ', 'EMPTY_QUERY', {}],
    ['a 2,000-character query', 'x'.repeat(2_000), 'QUERY_TOO_LONG', { length: 2_000, max: 500 }],
  ])('refuses %s without asking the catalog or deferring', async (_, query, reason, data) => {
    const acknowledge = jest.fn();
    const outcome = await play({ query, acknowledge });
    expect(outcome).toEqual({ ok: false, reason, data });
    expect(acknowledge).not.toHaveBeenCalled();
    expect(resolve).not.toHaveBeenCalled();
    expect(playback.calls).toEqual([]);
  });

  it('accepts a query of exactly the longest length', async () => {
    resolve.mockResolvedValue(refuse(ResolveErrorCode.NothingFound, { text: 'y' }));
    await play({ query: 'y'.repeat(MAX_QUERY_LENGTH) });
    expect(resolve).toHaveBeenCalled();
  });

  it('acknowledges before the slow resolve, and passes the trimmed query and requester', async () => {
    const order: string[] = [];
    resolve.mockImplementation(() => {
      order.push('resolve');
      return Promise.resolve(track(true));
    });
    await play({ query: '  daft punk  ', acknowledge: () => Promise.resolve(order.push('acknowledge')) });
    expect(order).toEqual(['acknowledge', 'resolve']);
    expect(resolve).toHaveBeenCalledWith('daft punk', 'ana');
  });

  it("passes the catalog's refusal on and changes nothing", async () => {
    const refusal = refuse(ResolveErrorCode.UnsupportedLink, { url: 'https://vimeo.com/1234' });
    resolve.mockResolvedValue(refusal);
    await expect(play()).resolves.toEqual(refusal);
    expect(playback.calls).toEqual([]);
  });

  it('queues a single track, next when asked', async () => {
    resolve.mockResolvedValue(track(false));
    await expect(play()).resolves.toMatchObject({
      ok: true,
      value: { kind: 'track', startedPlaying: true, position: 0 },
    });
    await expect(play({ next: true })).resolves.toMatchObject({
      ok: true,
      value: { kind: 'track', startedPlaying: false, next: true },
    });
    expect(playback.calls.map((c) => c.next)).toEqual([false, true]);
  });

  it('refuses a playlist that loads empty', async () => {
    resolve.mockResolvedValue(playlist(0, 'Private mix'));
    await expect(play()).resolves.toEqual({
      ok: false,
      reason: 'PLAYLIST_LOADED_EMPTY',
      data: { name: 'Private mix' },
    });
    expect(playback.calls).toEqual([]);
  });

  it('plays the first 15 tracks of a large playlist at once and adds the rest in chunks of 100', async () => {
    resolve.mockResolvedValue(playlist(500));
    const reports: PlaylistProgress[] = [];
    const outcome = await play({ onProgress: (progress) => Promise.resolve(reports.push(progress)) });
    expect(outcome).toMatchObject({
      ok: true,
      value: {
        kind: 'playlist',
        progress: { name: 'Mix', queued: 15, total: 500, startedPlaying: true, state: 'loading' },
      },
    });
    expect(playback.calls).toHaveLength(1);
    await sut.whenIdle();
    expect(playback.calls.map((c) => c.count)).toEqual([15, 100, 100, 100, 100, 85]);
    expect(reports.at(-1)).toMatchObject({ queued: 500, state: 'done' });
    expect(playback.sessions.get('guild-a')?.queue).toHaveLength(499);
  });

  it('reports progress at most once a second, and once at the end', async () => {
    playback.costMs = 400;
    resolve.mockResolvedValue(playlist(500));
    const reports: PlaylistProgress[] = [];
    await play({ onProgress: (progress) => Promise.resolve(reports.push(progress)) });
    await sut.whenIdle();
    expect(reports.map((r) => [r.queued, r.state])).toEqual([
      [315, 'loading'],
      [500, 'done'],
    ]);
  });

  it("yields between chunks, so another guild's request is served meanwhile", async () => {
    resolve.mockResolvedValueOnce(playlist(1_000));
    resolve.mockResolvedValueOnce(track(true));
    await play();
    await sut.play({ requester: requester('guild-b'), query: 'get lucky' });
    await sut.whenIdle();
    const order = playback.calls.map((c) => c.guildId);
    // guild-b got its track while guild-a still had chunks to go.
    expect(order.indexOf('guild-b')).toBeGreaterThan(0);
    expect(order.indexOf('guild-b')).toBeLessThan(order.lastIndexOf('guild-a'));
    expect(playback.calls.filter((c) => c.guildId === 'guild-a').reduce((sum, c) => sum + c.count, 0)).toBe(1_000);
  });

  it('queues only what fits under the cap and says so', async () => {
    playback.sessions.set('guild-a', {
      current: QueueEntryFactory.create(),
      queue: QueueEntryFactory.many(MAX_QUEUE_LENGTH - 120),
    });
    resolve.mockResolvedValue(playlist(500));
    const reports: PlaylistProgress[] = [];
    const outcome = await play({ onProgress: (progress) => Promise.resolve(reports.push(progress)) });
    expect(outcome).toMatchObject({ ok: true, value: { kind: 'playlist', progress: { found: 500, total: 120 } } });
    await sut.whenIdle();
    expect(reports.at(-1)).toMatchObject({ queued: 120, state: 'done' });
    expect(playback.sessions.get('guild-a')?.queue).toHaveLength(MAX_QUEUE_LENGTH);
  });

  it("passes on how many tracks the catalog's playlist cap left out", async () => {
    resolve.mockResolvedValue(playlist(20, 'Mix', 7));
    await expect(play()).resolves.toMatchObject({
      ok: true,
      value: { kind: 'playlist', progress: { found: 20, leftOut: 7 } },
    });
  });

  it('refuses a playlist when the queue is full', async () => {
    playback.sessions.set('guild-a', {
      current: QueueEntryFactory.create(),
      queue: QueueEntryFactory.many(MAX_QUEUE_LENGTH),
    });
    resolve.mockResolvedValue(playlist(20));
    await expect(play()).resolves.toEqual({ ok: false, reason: 'QUEUE_FULL', data: { max: MAX_QUEUE_LENGTH } });
    expect(playback.calls).toEqual([]);
  });

  it('stops loading when the session ends meanwhile, without starting a new one', async () => {
    playback.endSessionAfterCall = 2;
    resolve.mockResolvedValue(playlist(500));
    const reports: PlaylistProgress[] = [];
    await play({ onProgress: (progress) => Promise.resolve(reports.push(progress)) });
    await sut.whenIdle();
    expect(playback.calls).toHaveLength(2);
    expect(reports.at(-1)).toMatchObject({ queued: 115, state: 'cancelled' });
  });

  const lavalinkAway = new PlaybackError(PlaybackErrorCode.AudioUnavailable, {});
  it.each([
    [new PlaybackError(PlaybackErrorCode.QueueFull, { max: 5_000 }), 'full', undefined],
    [lavalinkAway, 'failed', lavalinkAway],
    [new Error('socket hang up'), 'failed', undefined],
  ])('ends a background load that meets %p with a clear state', async (error, state, refusal) => {
    playback.failOnCall = { call: 3, error };
    resolve.mockResolvedValue(playlist(500));
    const reports: PlaylistProgress[] = [];
    await play({ onProgress: (progress) => Promise.resolve(reports.push(progress)) });
    await sut.whenIdle();
    expect(playback.calls).toHaveLength(3);
    expect(reports.at(-1)).toMatchObject({ queued: 115, state });
    expect(reports.at(-1)?.refusal).toBe(refusal);
  });

  it('lets a failure of the first batch reach the user', async () => {
    playback.failOnCall = {
      call: 1,
      error: new PlaybackError(PlaybackErrorCode.CannotJoin, { detail: 'Missing Access' }),
    };
    resolve.mockResolvedValue(playlist(50));
    await expect(play()).rejects.toMatchObject({ code: PlaybackErrorCode.CannotJoin });
  });

  it('keeps loading when a progress report fails', async () => {
    playback.costMs = 1_000;
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    resolve.mockResolvedValue(playlist(300));
    await play({ onProgress: () => Promise.reject(new Error('Unknown Webhook')) });
    await sut.whenIdle();
    expect(playback.calls.reduce((sum, c) => sum + c.count, 0)).toBe(300);
  });

  it('puts a playlist asked "next" right after the current song, in order', async () => {
    const before = QueueEntryFactory.many(3);
    playback.sessions.set('guild-a', { current: QueueEntryFactory.create(), queue: before });
    const found = playlist(230);
    resolve.mockResolvedValue(found);
    const outcome = await play({ next: true });
    expect(outcome).toMatchObject({
      ok: true,
      value: { kind: 'playlist', progress: { next: true, startedPlaying: false, first: null } },
    });
    await sut.whenIdle();
    expect(playback.calls.map((c) => [c.count, c.next])).toEqual([
      [15, true],
      [100, true],
      [100, true],
      [15, true],
    ]);
    const queue = playback.sessions.get('guild-a')!.queue;
    const tracks = found.ok && found.value.kind === 'playlist' ? found.value.tracks : [];
    expect(queue.slice(0, 230).map((entry) => entry.track)).toEqual(tracks);
    expect(queue.slice(230)).toEqual(before);
  });
});
