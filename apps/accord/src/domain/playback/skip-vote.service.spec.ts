import { PlaybackErrorCode } from '@accord/core';
import type { PlaybackService } from './playback.service';
import type { SessionSnapshot } from './playback.types';
import { QueueEntryFactory, SnapshotFactory } from './testing/playback.factory';
import { SkipVoteService, tallySkipVotes } from './skip-vote.service';

describe(tallySkipVotes.name, () => {
  it.each<[string[], string[], { votes: number; needed: number; passed: boolean }]>([
    [[], ['a'], { votes: 0, needed: 1, passed: false }],
    [['a'], ['a'], { votes: 1, needed: 1, passed: true }],
    [['a'], ['a', 'b'], { votes: 1, needed: 2, passed: false }],
    [['a', 'b'], ['a', 'b'], { votes: 2, needed: 2, passed: true }],
    [['a'], ['a', 'b', 'c'], { votes: 1, needed: 2, passed: false }],
    [['a', 'b'], ['a', 'b', 'c'], { votes: 2, needed: 2, passed: true }],
    [['a', 'b'], ['a', 'b', 'c', 'd'], { votes: 2, needed: 3, passed: false }],
    [['a', 'b', 'c'], ['a', 'b', 'c', 'd'], { votes: 3, needed: 3, passed: true }],
    // Voters who left no longer count; the majority is of those present.
    [['a', 'gone'], ['a', 'b', 'c'], { votes: 1, needed: 2, passed: false }],
    [['a', 'a'], ['a', 'b', 'c'], { votes: 1, needed: 2, passed: false }],
  ])('voters %p among listeners %p -> %p', (voters, listeners, tally) => {
    expect(tallySkipVotes(voters, listeners)).toEqual(tally);
  });
});

describe(SkipVoteService.name, () => {
  const current = QueueEntryFactory.create({ id: 'entry-a', requestedBy: 'ana' });
  const following = QueueEntryFactory.create({ id: 'entry-b', requestedBy: 'ana' });
  let snapshot: SessionSnapshot | null;
  let skip: jest.Mock;
  let sut: SkipVoteService;
  const notDj = (): Promise<boolean> => Promise.resolve(false);
  const playingFor = (listeners: string[], entry = current): SessionSnapshot =>
    SnapshotFactory.create({
      listeners,
      current: { entry, positionMs: 0, paused: false, startedAt: new Date() },
      queue: [following],
    });

  beforeEach(() => {
    snapshot = playingFor(['ana', 'ben', 'cid']);
    skip = jest.fn(() => Promise.resolve({ skipped: snapshot!.current!.entry, next: following }));
    sut = new SkipVoteService({ snapshot: () => snapshot, skip } as unknown as PlaybackService);
  });

  it('lets the requester of the current song skip at once', async () => {
    await expect(sut.request({ guildId: 'guild-1', userId: 'ana', isDj: notDj })).resolves.toMatchObject({
      kind: 'skipped',
      by: 'requester',
      next: following,
    });
    expect(skip).toHaveBeenCalledWith('guild-1', 'ana');
  });

  it('lets a DJ skip at once, asking the DJ check only when needed', async () => {
    const isDj = jest.fn(() => Promise.resolve(true));
    await expect(sut.request({ guildId: 'guild-1', userId: 'ben', isDj })).resolves.toMatchObject({ by: 'dj' });
    await sut.request({ guildId: 'guild-1', userId: 'ana', isDj });
    expect(isDj).toHaveBeenCalledTimes(1);
  });

  it('needs two votes of three listeners', async () => {
    await expect(sut.request({ guildId: 'guild-1', userId: 'ben', isDj: notDj })).resolves.toMatchObject({
      kind: 'voted',
      tally: { votes: 1, needed: 2 },
      alreadyVoted: false,
    });
    expect(skip).not.toHaveBeenCalled();
    await expect(sut.request({ guildId: 'guild-1', userId: 'cid', isDj: notDj })).resolves.toMatchObject({
      kind: 'skipped',
      by: 'vote',
      tally: { votes: 2, needed: 2 },
    });
    expect(skip).toHaveBeenCalledTimes(1);
  });

  it('counts a second vote of the same listener once', async () => {
    await sut.request({ guildId: 'guild-1', userId: 'ben', isDj: notDj });
    await expect(sut.request({ guildId: 'guild-1', userId: 'ben', isDj: notDj })).resolves.toMatchObject({
      kind: 'voted',
      tally: { votes: 1 },
      alreadyVoted: true,
    });
  });

  it('forgets votes when a track starts', async () => {
    await sut.request({ guildId: 'guild-1', userId: 'ben', isDj: notDj });
    sut.onTrackStarted({ guildId: 'guild-1' } as never);
    expect(sut.votersFor('guild-1')).toEqual([]);
    await expect(sut.request({ guildId: 'guild-1', userId: 'cid', isDj: notDj })).resolves.toMatchObject({
      kind: 'voted',
      tally: { votes: 1 },
    });
  });

  it('keeps votes to the entry they were cast for', async () => {
    await sut.request({ guildId: 'guild-1', userId: 'ben', isDj: notDj });
    snapshot = playingFor(['ana', 'ben', 'cid'], QueueEntryFactory.create({ id: 'entry-c', requestedBy: 'ana' }));
    await expect(sut.request({ guildId: 'guild-1', userId: 'cid', isDj: notDj })).resolves.toMatchObject({
      kind: 'voted',
      tally: { votes: 1 },
    });
  });

  it('no longer counts voters who left', async () => {
    snapshot = playingFor(['ana', 'ben', 'cid', 'dan']);
    await sut.request({ guildId: 'guild-1', userId: 'ben', isDj: notDj });
    snapshot = playingFor(['ana', 'cid', 'dan']);
    await expect(sut.request({ guildId: 'guild-1', userId: 'cid', isDj: notDj })).resolves.toMatchObject({
      kind: 'voted',
      tally: { votes: 1, needed: 2 },
    });
  });

  it('skips an autoplay pick by vote (it has no requester)', async () => {
    snapshot = playingFor(['ben'], QueueEntryFactory.create({ requestedBy: undefined, source: 'autoplay' }));
    await expect(sut.request({ guildId: 'guild-1', userId: 'ben', isDj: notDj })).resolves.toMatchObject({
      kind: 'skipped',
      by: 'vote',
    });
  });

  it.each<[string, () => SessionSnapshot | null, PlaybackErrorCode]>([
    ['nothing plays', () => null, PlaybackErrorCode.NothingPlaying],
    ['the session is idle', () => SnapshotFactory.create({ current: null }), PlaybackErrorCode.NothingPlaying],
    ['the voter cannot hear (deafened)', () => playingFor(['ana', 'cid']), PlaybackErrorCode.NotPermitted],
  ])('refuses when %s', async (_, make, code) => {
    snapshot = make();
    await expect(sut.request({ guildId: 'guild-1', userId: 'ben', isDj: notDj })).rejects.toMatchObject({ code });
    expect(skip).not.toHaveBeenCalled();
  });

  it('forgets a guild when its session ends', async () => {
    await sut.request({ guildId: 'guild-1', userId: 'ben', isDj: notDj });
    sut.onSessionEnded({ guildId: 'guild-1', textChannelId: 'text-1', reason: 'stopped' });
    expect(sut.votersFor('guild-1')).toEqual([]);
  });
});
