import type { TrackStartedEvent } from '@accord/core';
import type { PlaybackService } from '../playback/playback.service';
import type { SessionSnapshot } from '../playback/playback.types';
import { QueueEntryFactory, SnapshotFactory, TrackFactory } from '../playback/testing/playback.factory';
import type { PlayRecord } from './history.types';
import { PlayRecorderService } from './play-recorder.service';
import { createPlayWrites, type PlayWritesFakes } from './testing/history.fakes';

const GUILD = 'guild-1';
const GENESIS = { trackKey: 'justice|genesis|none', title: 'Genesis', author: 'Justice', durationMs: 200_000 };
const NIGHTCALL = { trackKey: 'kavinsky|nightcall|none', title: 'Nightcall', author: 'Kavinsky', durationMs: 250_000 };

/** What playback says is playing, as the recorder reads it. */
class FakePlayback implements Pick<PlaybackService, 'snapshot'> {
  session: SessionSnapshot | null = null;

  snapshot(): SessionSnapshot | null {
    return this.session;
  }
}

describe(PlayRecorderService.name, () => {
  let fakes: PlayWritesFakes;
  let playback: FakePlayback;
  let sut: PlayRecorderService;

  const start = (overrides: Partial<TrackStartedEvent> = {}): void =>
    sut.onTrackStarted({
      guildId: GUILD,
      track: GENESIS,
      source: 'autoplay',
      listeners: ['ana', 'cy'],
      at: fakes.clock.now(),
      ...overrides,
    });
  const kinds = (): Array<[string, string]> => fakes.feedback.records.map((record) => [record.userId, record.kind]);

  beforeEach(() => {
    fakes = createPlayWrites();
    playback = new FakePlayback();
    sut = new PlayRecorderService(fakes.writes, playback as unknown as PlaybackService, fakes.clock);
  });
  afterEach(() => sut.onModuleDestroy());

  it('opens a play when a track starts, with the fits autoplay noted for it', async () => {
    sut.onPickMade({
      guildId: GUILD,
      entryId: 'entry-1',
      trackKey: GENESIS.trackKey,
      title: 'Genesis',
      artist: 'Justice',
      reason: 'for Ana',
      isDiscovery: false,
      fits: [{ userId: 'ana', fit: 0.9 }],
      listeners: ['ana', 'cy'],
      at: fakes.clock.now(),
    });

    start();
    await fakes.writer.flush();

    const play = sut.current(GUILD);
    expect(play).toMatchObject({ song: { trackKey: GENESIS.trackKey }, fits: [{ userId: 'ana', fit: 0.9 }] });
    expect(fakes.plays.docs.get(play!.id)).toMatchObject({ endedAt: null, listeners: ['ana', 'cy'] });
  });

  it('closes the play at its finish: a complete for everyone present, and what each profile learns', async () => {
    start();
    const id = sut.current(GUILD)!.id;

    sut.onTrackEnded({ guildId: GUILD, track: GENESIS, reason: 'finished', playedMs: 200_000, at: fakes.clock.now() });
    await fakes.writer.flush();

    expect(sut.current(GUILD)).toBeUndefined();
    expect(fakes.plays.docs.get(id)).toMatchObject({ endReason: 'finished', playedMs: 200_000 });
    expect(kinds()).toEqual([
      ['ana', 'complete'],
      ['cy', 'complete'],
    ]);
    expect(fakes.profiles.applied.map(({ userId, signals }) => [userId, signals.map((s) => s.kind)])).toEqual([
      ['ana', ['heard', 'complete']],
      ['cy', ['heard', 'complete']],
    ]);
  });

  it('records a skip for the skipper and no completes', async () => {
    start();

    sut.onTrackEnded({
      guildId: GUILD,
      track: GENESIS,
      reason: 'skipped',
      playedMs: 20_000,
      skippedBy: 'cy',
      at: fakes.clock.now(),
    });
    await fakes.writer.flush();

    expect(kinds()).toEqual([['cy', 'skip']]);
  });

  it('closes a play whose end was not reported as replaced, before opening the next', async () => {
    start();
    const first = sut.current(GUILD)!.id;
    fakes.clock.advance(90_000);

    start({ track: NIGHTCALL, at: fakes.clock.now() });
    await fakes.writer.flush();

    expect(fakes.plays.docs.get(first)).toMatchObject({ endReason: 'replaced', playedMs: 90_000 });
    expect(fakes.writer.written.filter((label) => label.endsWith('play'))).toEqual([
      'open play',
      'close play',
      'profile: play',
      'profile: play',
      'open play',
    ]);
    expect(sut.current(GUILD)?.song.trackKey).toBe(NIGHTCALL.trackKey);
  });

  it('keeps one play when the same song starts again without an end, and follows who arrived', async () => {
    start({ listeners: ['ana'] });
    const id = sut.current(GUILD)!.id;

    start({ listeners: ['ana', 'cy'] });
    await fakes.writer.flush();

    expect(sut.current(GUILD)?.id).toBe(id);
    expect(fakes.plays.docs.size).toBe(1);
    expect(fakes.plays.docs.get(id)?.listeners).toEqual(['ana', 'cy']);
  });

  it('measures listening on the playhead playback reports when listeners change', async () => {
    start({ listeners: ['ana', 'cy'] });
    const id = sut.current(GUILD)!.id;
    playback.session = SnapshotFactory.create({
      current: { entry: QueueEntryFactory.create(), positionMs: 45_000, paused: false, startedAt: fakes.clock.now() },
    });

    sut.onListenersChanged({
      guildId: GUILD,
      channelId: 'voice-1',
      listeners: ['ana'],
      joined: [],
      left: ['cy'],
      at: fakes.clock.now(),
    });
    await fakes.writer.flush();

    expect(fakes.plays.docs.get(id)?.listened).toEqual([
      { userId: 'ana', ms: 45_000 },
      { userId: 'cy', ms: 45_000 },
    ]);
  });

  it('counts a like on the play it is about, and none on another song', async () => {
    start();

    const liked = sut.noteFeedback(GUILD, GENESIS.trackKey, 'ana', 'like');
    const other = sut.noteFeedback(GUILD, NIGHTCALL.trackKey, 'cy', 'like');
    await fakes.writer.flush();

    expect(liked?.likes.has('ana')).toBe(true);
    expect(other).toBeUndefined();
    expect(fakes.days.plays.get(liked!.id)?.likes).toBe(1);
  });

  it('forgets a user in the play going on', () => {
    start({ requestedBy: 'ana', source: 'request' });

    sut.forgetUser('ana');

    expect([...sut.current(GUILD)!.listeners]).toEqual(['cy']);
    expect(sut.current(GUILD)?.requestedBy).toBeUndefined();
  });

  describe('after a restart', () => {
    const leftOpen = (): PlayRecord => ({
      id: 'open-1',
      guildId: GUILD,
      trackKey: GENESIS.trackKey,
      artistKey: 'justice',
      title: 'Genesis',
      artist: 'Justice',
      durationMs: 200_000,
      startedAt: new Date(fakes.clock.now().getTime() - 60_000),
      endedAt: null,
      lastKnownAt: new Date(fakes.clock.now().getTime() - 30_000),
      playedMs: 30_000,
      source: 'autoplay',
      listeners: ['ana'],
      listened: [],
      fits: [],
      likes: 0,
      dislikes: 0,
    });

    it('adopts a play left open when playback still plays that song', async () => {
      await fakes.plays.insert(leftOpen());
      sut.onApplicationBootstrap();
      await fakes.writer.flush();
      playback.session = SnapshotFactory.create({
        listeners: ['ana'],
        current: {
          entry: QueueEntryFactory.create({ track: TrackFactory.create(GENESIS) }),
          positionMs: 70_000,
          paused: false,
          startedAt: fakes.clock.now(),
        },
      });

      sut.sweepRestored();
      await fakes.writer.flush();

      expect(sut.current(GUILD)).toMatchObject({ id: 'open-1', restored: false });
      expect(fakes.plays.docs.get('open-1')?.endedAt).toBeNull();
    });

    it('closes a play left open as interrupted at its last known time when playback moved on', async () => {
      await fakes.plays.insert(leftOpen());
      sut.onApplicationBootstrap();
      await fakes.writer.flush();

      sut.sweepRestored();
      await fakes.writer.flush();

      expect(sut.current(GUILD)).toBeUndefined();
      expect(fakes.plays.docs.get('open-1')).toMatchObject({
        endReason: 'stopped',
        interrupted: true,
        playedMs: 30_000,
      });
    });
  });
});
