import type { PersistedSession } from '../guilds/guild-session.types';
import { SessionRestoreService } from './session-restore.service';
import { createPlaybackParts, type PlaybackParts } from './testing/playback.fakes';
import { QueueEntryFactory } from './testing/playback.factory';

describe(SessionRestoreService.name, () => {
  const playing = QueueEntryFactory.create();
  const waiting = QueueEntryFactory.create();
  let parts: PlaybackParts;
  let sut: SessionRestoreService;
  const saved = (overrides: Partial<PersistedSession> = {}): PersistedSession => ({
    voiceChannelId: 'voice-1',
    textChannelId: 'text-1',
    current: { entry: playing, positionMs: 83_000, paused: false, startedAt: new Date('2025-01-01T11:58:00Z') },
    queue: [waiting],
    loop: 'off',
    volume: 100,
    filter: null,
    nowPlayingMessageId: null,
    node: 'node-1',
    updatedAt: new Date('2025-01-01T11:59:00Z'),
    ...overrides,
  });
  const restoredOn = async (node: string, resumed: boolean): Promise<void> => {
    sut.onNodeReady(node, resumed);
    await sut.whenRestored(1_000);
  };

  beforeEach(() => {
    parts = createPlaybackParts();
    sut = parts.restore;
  });

  it('adopts what Lavalink kept playing when it resumed the session, sending no new track', async () => {
    parts.guilds.stored.set('guild-1', saved());
    parts.lavalink.remote = { encoded: playing.track.encoded!, positionMs: 95_000, paused: false, volume: 100 };

    await restoredOn('node-1', true);

    expect(parts.lavalink.ops()).toEqual(['join', 'adoptRemoteState']);
    const session = parts.store.get('guild-1');
    expect(session?.current?.entry.id).toBe(playing.id);
    expect(session?.position(parts.clock.now().getTime())).toBe(95_000);
    expect(session?.queue.list()).toEqual([waiting]);
  });

  it('adopts the track Lavalink plays on although its encoding now carries the playhead (the real node)', async () => {
    parts.guilds.stored.set('guild-1', saved());
    parts.lavalink.remote = {
      encoded: `${playing.track.encoded!}-at-95s`,
      identifier: playing.track.identifier,
      positionMs: 95_000,
      paused: false,
      volume: 100,
    };

    await restoredOn('node-1', true);

    expect(parts.lavalink.ops()).toEqual(['join', 'adoptRemoteState']);
    expect(parts.store.get('guild-1')?.position(parts.clock.now().getTime())).toBe(95_000);
  });

  it('rejoins and plays from the saved position when Lavalink lost the session', async () => {
    parts.guilds.stored.set('guild-1', saved({ volume: 80 }));

    await restoredOn('node-1', false);

    expect(parts.lavalink.ops()).toEqual(['join', 'setVolume', 'play']);
    expect(parts.lavalink.sent.at(-1)?.args).toEqual([playing.track.encoded, { startMs: 83_000, paused: false }]);
  });

  it.each([
    ['adopted from Lavalink', true],
    ['played again from the saved position', false],
  ])('keeps the parts of the song already skipped when the track is %s', async (_how, resumed) => {
    const intro = { category: 'intro', startMs: 0, endMs: 12_000 } as const;
    parts.guilds.stored.set('guild-1', saved({ current: { ...saved().current!, skippedSegments: [intro] } }));
    parts.lavalink.remote = { encoded: playing.track.encoded!, positionMs: 95_000, paused: false, volume: 100 };

    await restoredOn('node-1', resumed);

    const session = parts.store.get('guild-1')!;
    expect(session.current?.skippedSegments).toEqual([intro]);
    expect(session.toPersisted(parts.clock.now().getTime()).current?.skippedSegments).toEqual([intro]);
  });

  it('plays the saved track again when Lavalink resumed but holds another one', async () => {
    parts.guilds.stored.set('guild-1', saved());
    parts.lavalink.remote = { encoded: 'QAAAother', positionMs: 1_000, paused: false, volume: 100 };

    await restoredOn('node-1', true);

    expect(parts.lavalink.ops()).toEqual(['join', 'play']);
  });

  it('rejoins an idle session without playing anything', async () => {
    parts.guilds.stored.set('guild-1', saved({ current: null }));

    await restoredOn('node-1', false);

    expect(parts.lavalink.ops()).toEqual(['join']);
    expect(parts.store.get('guild-1')?.queue.list()).toEqual([waiting]);
  });

  it('gives way to a session a new /play started first', async () => {
    parts.guilds.stored.set('guild-1', saved());
    await parts.commands.enqueue(
      { guildId: 'guild-1', userId: 'user-2', voiceChannelId: 'voice-2', textChannelId: 'text-2' },
      [QueueEntryFactory.create().track],
    );
    parts.lavalink.sent.length = 0;

    await restoredOn('node-1', false);

    expect(parts.lavalink.sent).toEqual([]);
    expect(parts.store.get('guild-1')?.voiceChannelId).toBe('voice-2');
  });

  it('gives way to a /play that arrives while the saved session is being read', async () => {
    parts.guilds.stored.set('guild-1', saved());
    parts.settings.duringNextRead = () =>
      parts.commands.enqueue(
        { guildId: 'guild-1', userId: 'user-2', voiceChannelId: 'voice-2', textChannelId: 'text-2' },
        [QueueEntryFactory.create().track],
      );

    await restoredOn('node-1', false);

    expect(parts.store.get('guild-1')?.voiceChannelId).toBe('voice-2');
    expect(parts.lavalink.ops()).toEqual(['join', 'play']);
  });

  it('restores no further guild once the bot shuts down, and waits for the one under way', async () => {
    parts.guilds.stored.set('guild-1', saved());
    parts.guilds.stored.set('guild-2', saved({ voiceChannelId: 'voice-9' }));
    let shutdown: Promise<void> | undefined;
    parts.settings.duringNextRead = () => {
      shutdown = sut.onApplicationShutdown();
      return Promise.resolve();
    };

    sut.onNodeReady('node-1', false);
    await sut.whenRestored(1_000);
    await shutdown;

    expect(parts.store.get('guild-1')?.voiceChannelId).toBe('voice-1');
    expect(parts.store.get('guild-2')).toBeUndefined();
    expect(parts.lavalink.ops()).toEqual(['join', 'play']);
  });

  it('restores once, however many nodes become ready', async () => {
    parts.guilds.stored.set('guild-1', saved());
    await restoredOn('node-1', false);
    parts.store.remove('guild-1');
    parts.lavalink.sent.length = 0;

    await restoredOn('node-2', false);

    expect(parts.lavalink.sent).toEqual([]);
  });

  it('lets commands wait no longer than asked while no node is ready', async () => {
    const waited = sut.whenRestored(20);

    await expect(waited).resolves.toBeUndefined();
    expect(parts.lavalink.sent).toEqual([]);
  });
});
