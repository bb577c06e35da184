import { GuildSession } from './guild-session';
import { PlaybackEvent } from './playback.events';
import { PERSIST_RETRY_MS, SessionStore } from './session.store';
import { createPlaybackParts, type PlaybackParts } from './testing/playback.fakes';
import { QueueEntryFactory } from './testing/playback.factory';

describe(SessionStore.name, () => {
  let parts: PlaybackParts;
  let sut: SessionStore;
  const liveSession = (guildId = 'guild-1'): GuildSession => {
    const session = new GuildSession(guildId, 'voice-1', 'text-1', QueueEntryFactory.many(2));
    sut.add(session);
    return session;
  };
  /** A saved session ends just as MongoDB goes away (fake timers on). */
  const storedThenEndedWhileMongoIsAway = async (): Promise<void> => {
    jest.useFakeTimers();
    const session = liveSession();
    sut.persist(session);
    await sut.writtenForReply('guild-1');
    session.ended = true;
    sut.remove('guild-1');
    parts.guilds.down = true;
  };
  const settle = async (): Promise<void> => {
    for (let turn = 0; turn < 10; turn++) await Promise.resolve();
  };

  beforeEach(() => {
    parts = createPlaybackParts();
    sut = parts.store;
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('saves a changed session to the guilds collection and announces the change', async () => {
    const session = liveSession();

    sut.changed(session, 'queue');
    await sut.writtenForReply('guild-1');

    expect(parts.guilds.stored.get('guild-1')).toMatchObject({
      voiceChannelId: 'voice-1',
      queue: session.queue.list(),
      updatedAt: parts.clock.now(),
    });
    expect(parts.emitted).toContainEqual({
      name: PlaybackEvent.SessionChanged,
      payload: { guildId: 'guild-1', textChannelId: 'text-1', change: 'queue' },
    });
  });

  it('coalesces a burst of changes into one more write that holds the latest state', async () => {
    const session = liveSession();

    sut.persist(session);
    session.loop = 'queue';
    sut.persist(session);
    session.volume = 50;
    sut.persist(session);
    await sut.writtenForReply('guild-1');

    expect(parts.guilds.saves).toBe(2);
    expect(parts.guilds.stored.get('guild-1')).toMatchObject({ loop: 'queue', volume: 50 });
  });

  it('tries a failed save again until MongoDB is back', async () => {
    jest.useFakeTimers();
    const session = liveSession();
    parts.guilds.down = true;

    sut.persist(session);
    await settle();
    parts.guilds.down = false;
    await jest.advanceTimersByTimeAsync(PERSIST_RETRY_MS);

    expect(parts.guilds.stored.has('guild-1')).toBe(true);
  });

  it('never writes an ended session, even when a write was pending', async () => {
    const session = liveSession();
    sut.persist(session);
    sut.persist(session);

    session.ended = true;
    sut.remove('guild-1');
    await sut.clearStored('guild-1');
    sut.persist(session);
    await sut.writtenForReply('guild-1');

    expect(parts.guilds.stored.has('guild-1')).toBe(false);
  });

  it('keeps clearing the stored copy of an ended session while MongoDB is away', async () => {
    await storedThenEndedWhileMongoIsAway();

    const clearing = sut.clearStored('guild-1');
    await jest.advanceTimersByTimeAsync(PERSIST_RETRY_MS * 2);
    expect(parts.guilds.stored.has('guild-1')).toBe(true);
    parts.guilds.down = false;
    await jest.advanceTimersByTimeAsync(PERSIST_RETRY_MS);
    await clearing;

    expect(parts.guilds.stored.has('guild-1')).toBe(false);
  });

  it('stops clearing once a new session started in the guild, whose own saves replace the stored one', async () => {
    await storedThenEndedWhileMongoIsAway();

    const clearing = sut.clearStored('guild-1');
    await settle();
    const fresh = liveSession();
    fresh.volume = 70;
    parts.guilds.down = false;
    await jest.advanceTimersByTimeAsync(PERSIST_RETRY_MS);
    await clearing;
    const afterClearing = parts.guilds.stored.get('guild-1');
    sut.persist(fresh);
    await sut.writtenForReply('guild-1');

    expect(afterClearing).toMatchObject({ volume: 100 });
    expect(parts.guilds.stored.get('guild-1')).toMatchObject({ volume: 70 });
  });

  it('saves the playhead at most every five seconds', async () => {
    const session = liveSession();
    const start = parts.clock.now().getTime();

    sut.savePosition(session, 10_000, start);
    await settle();
    sut.savePosition(session, 14_000, start + 4_000);
    await settle();
    sut.savePosition(session, 15_000, start + 5_000);
    await settle();

    expect(parts.guilds.positions.map(({ positionMs }) => positionMs)).toEqual([10_000, 15_000]);
  });

  it('never writes the playhead and the session of a guild at once (the older write could land last)', async () => {
    const session = liveSession();
    const start = parts.clock.now().getTime();
    let release = (): void => undefined;
    parts.guilds.positionGate = new Promise((resolve) => (release = resolve));

    sut.savePosition(session, 10_000, start);
    sut.persist(session);
    await settle();
    const savesWhileThePlayheadIsOnItsWay = parts.guilds.saves;
    release();
    await sut.writtenForReply('guild-1');
    // A playhead due while the session is being written is left to the next tick.
    sut.persist(session);
    sut.savePosition(session, 20_000, start + 10_000);
    await sut.writtenForReply('guild-1');
    await settle();

    expect(savesWhileThePlayheadIsOnItsWay).toBe(0);
    expect(parts.guilds.saves).toBe(2);
    expect(parts.guilds.positions.map(({ positionMs }) => positionMs)).toEqual([10_000]);
  });

  it('saves every live session at shutdown and retries nothing after it', async () => {
    const session = liveSession();
    session.loop = 'track';

    await sut.shutdown();

    expect(parts.guilds.stored.get('guild-1')).toMatchObject({ loop: 'track' });
    expect(sut.stopping).toBe(true);
  });
});
