import { EventEmitter2 } from '@nestjs/event-emitter';
import type { ListenerProfile } from '@accord/recommender';
import type { AppConfig } from '../../config/app-config';
import type { CandidateGatherer, GatherResult } from '../../domain/discovery/candidate-gatherer.service';
import type { SourcedCandidate } from '../../domain/discovery/candidate-source';
import { songCandidate } from '../../domain/discovery/song-candidate';
import type { GuildSettingsService } from '../../domain/guilds/guild-settings.service';
import { DEFAULT_GUILD_SETTINGS, type GuildSettings } from '../../domain/guilds/guild-settings.types';
import type { PlaybackService } from '../../domain/playback/playback.service';
import type { EnqueueResult, PlayableTrack, QueueEntry, SessionSnapshot } from '../../domain/playback/playback.types';
import type { TrackResolverPort } from '../../domain/catalog/track-resolver.port';
import { AutoplayService, DEGRADED_RETRY_MS, PICK_AHEAD_MS, REPLAN_DEBOUNCE_MS } from './autoplay.service';
import type { ListenerDirectory } from '../../adapters/discord-client/listener-directory';
import type { GuildHistoryEntry, GuildHistoryPort } from '../../domain/history/guild-history.port';
import type { ListenerProfilesPort } from '../../domain/preferences/listener-profiles.port';
import { RecommendationEvent, type AutoplayPausedEvent, type PickMadeEvent } from '@accord/core';
import type { TasteModelService } from '../../domain/taste-model/taste-model.service';

const GUILD = 'guild-1';
const HOUR = 3_600_000;

function profile(userId: string, displayName: string, artists: Array<[string, string, number]>): ListenerProfile {
  return {
    userId,
    displayName,
    topArtists: artists.map(([id, name, weight]) => ({ id, name, weight })),
    topTags: [],
    tracks: [],
    likedTrackKeys: [],
    dislikedTrackKeys: [],
    playCount: 40,
  };
}

const ana = profile('ana', 'Ana', [['daftpunk', 'Daft Punk', 10]]);
const cy = profile('cy', 'Cy', [['milesdavis', 'Miles Davis', 10]]);

function candidate(artist: string, title: string, userIds: string[] = []): SourcedCandidate {
  const similarTo = { kind: 'artist' as const, id: artist.toLowerCase().replace(/\s/g, ''), name: artist };
  return songCandidate({ artist, title }, [{ source: 'test', similarTo, strength: 0.8, userIds }])!;
}

function track(author: string, title: string): PlayableTrack {
  return {
    encoded: `QAAA-${title}`,
    identifier: 'abcdefghijk',
    title,
    author,
    durationMs: 20_000,
    isStream: false,
    isSeekable: true,
  };
}

/** A session of playback as autoplay sees it, with the few commands it uses. */
class FakePlayback {
  session: SessionSnapshot | null;
  private ids = 0;

  constructor(listeners: string[]) {
    this.session = {
      guildId: GUILD,
      voiceChannelId: 'voice-1',
      textChannelId: 'text-1',
      current: {
        entry: this.entry(track('Daft Punk', 'Around the World'), 'request'),
        positionMs: 0,
        paused: false,
        startedAt: new Date(),
      },
      queue: [],
      loop: 'off',
      volume: 100,
      filter: null,
      twentyFourSeven: false,
      listeners,
      transcoding: false,
      node: 'node-1',
    };
  }

  snapshot = (): SessionSnapshot | null => (this.session ? { ...this.session, queue: [...this.session.queue] } : null);

  enqueue = jest.fn(
    (
      _requester: unknown,
      tracks: PlayableTrack[],
      options: { source?: QueueEntry['source']; reason?: string },
    ): Promise<EnqueueResult> => {
      const added = tracks.map((t) => ({ ...this.entry(t, options.source ?? 'request'), reason: options.reason }));
      this.session!.queue.push(...added);
      return Promise.resolve({ added, firstPosition: this.session!.queue.length, startedPlaying: false, refused: 0 });
    },
  );

  remove = jest.fn((_guildId: string, position: number): Promise<QueueEntry> =>
    Promise.resolve(this.session!.queue.splice(position - 1, 1)[0]),
  );

  /** The current song ended and nothing followed. */
  finishQueue(): void {
    this.session = { ...this.session!, current: null, queue: [] };
  }

  private entry(t: PlayableTrack, source: QueueEntry['source']): QueueEntry {
    this.ids += 1;
    return {
      id: `entry-${this.ids}`,
      track: t,
      source,
      requestedBy: source === 'request' ? 'ana' : undefined,
      addedAt: new Date(),
    };
  }
}

describe(AutoplayService.name, () => {
  let playback: FakePlayback;
  let settings: GuildSettings;
  let candidates: SourcedCandidate[];
  let history: GuildHistoryEntry[];
  let historyError: Error | null;
  let profiles: ListenerProfile[] | null;
  let events: EventEmitter2;
  let sut: AutoplayService;

  const build = (): AutoplayService => {
    const gatherer = {
      gather: jest.fn((): Promise<GatherResult> => Promise.resolve({ candidates, reports: [] })),
    } as unknown as CandidateGatherer;
    const historyPort: GuildHistoryPort = {
      recentHistory: () => (historyError ? Promise.reject(historyError) : Promise.resolve(history)),
      coListened: () => Promise.resolve([]),
    };
    const profilesPort: ListenerProfilesPort = {
      profilesOf: (ids) => Promise.resolve((profiles ?? []).filter((p) => ids.includes(p.userId))),
    };
    const guildSettings = {
      get: () => Promise.resolve(settings),
      update: (_id: string, patch: Partial<GuildSettings>) => {
        settings = { ...settings, ...patch };
        return Promise.resolve(settings);
      },
    } as unknown as GuildSettingsService;
    const directory = { nameOf: (_g: string, id: string) => `Member ${id}` } as ListenerDirectory;
    const config = { discord: { clientId: 'bot' }, playback: { lookAheadS: 30 } } as AppConfig;
    // The catalog finds a video for every song, named after it.
    const resolver: TrackResolverPort = {
      resolveForPlayback: (wanted) => Promise.resolve({ ...track(wanted.author, wanted.title), durationMs: 200_000 }),
      reportLoadFailure: () => Promise.resolve(null),
    };
    return new AutoplayService(
      playback as unknown as PlaybackService,
      guildSettings,
      gatherer,
      historyPort,
      profilesPort,
      directory,
      events,
      config,
      resolver,
      { roomModel: () => undefined, status: () => null } as unknown as TasteModelService,
    );
  };

  const queueLow = async (): Promise<void> => {
    sut.onQueueLow({ guildId: GUILD, remaining: playback.session?.queue.length ?? 0, at: new Date() });
    await sut.whenIdle(GUILD);
  };
  const picks = (): QueueEntry[] => playback.session?.queue.filter((entry) => entry.source !== 'request') ?? [];

  beforeEach(() => {
    playback = new FakePlayback(['ana', 'cy']);
    settings = { ...DEFAULT_GUILD_SETTINGS, guildId: GUILD };
    candidates = [
      candidate('Justice', 'Genesis', ['ana']),
      candidate('Chet Baker', 'Almost Blue', ['cy']),
      candidate('Kavinsky', 'Nightcall', ['ana']),
    ];
    history = [];
    historyError = null;
    profiles = [ana, cy];
    events = new EventEmitter2();
    sut = build();
  });
  afterEach(() => {
    sut.onApplicationShutdown();
    jest.useRealTimers();
  });

  it('queues one pick with its video and an explanation naming the listeners, and announces it', async () => {
    const made: PickMadeEvent[] = [];
    events.on(RecommendationEvent.PickMade, (event: PickMadeEvent) => made.push(event));

    await queueLow();

    expect(picks()).toHaveLength(1);
    const [entry] = picks();
    expect(entry.track).toMatchObject({
      encoded: `QAAA-${entry.track.title}`,
      trackKey: expect.stringMatching(/\|/) as string,
      durationMs: 200_000,
    });
    expect(entry.reason).toMatch(/Ana|Cy/);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ guildId: GUILD, entryId: entry.id, reason: entry.reason });
    expect(made[0].fits.map((fit) => fit.userId).sort()).toEqual(['ana', 'cy']);
    expect(playback.enqueue.mock.calls[0][0]).toMatchObject({
      guildId: GUILD,
      voiceChannelId: 'voice-1',
      textChannelId: 'text-1',
    });
  });

  it('keeps one pick ahead: no second pick while its own waits in the queue', async () => {
    await queueLow();
    await queueLow();

    expect(playback.enqueue).toHaveBeenCalledTimes(1);
  });

  it('plans the pick for the end of a long song instead of picking at once', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    playback.session!.current!.entry.track.durationMs = 240_000;

    sut.onQueueLow({ guildId: GUILD, remaining: 0, at: new Date() });
    await sut.whenIdle(GUILD);
    expect(playback.enqueue).not.toHaveBeenCalled();

    // The pick and its video are ready 35 s before the end.
    expect(PICK_AHEAD_MS).toBe(35_000);
    await jest.advanceTimersByTimeAsync(240_000 - PICK_AHEAD_MS);
    await sut.whenIdle(GUILD);
    expect(playback.enqueue).toHaveBeenCalledTimes(1);
  });

  it('re-makes the upcoming pick for the room that is left when a listener leaves before it plays', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    candidates = [candidate('Chet Baker', 'Almost Blue', ['cy']), candidate('Justice', 'Genesis', ['ana'])];
    playback.session!.listeners = ['cy'];
    await queueLow();
    const before = picks()[0];
    expect(before.track.author).toBe('Chet Baker');

    playback.session!.listeners = ['ana'];
    sut.onListenersChanged({
      guildId: GUILD,
      channelId: 'voice-1',
      listeners: ['ana'],
      joined: ['ana'],
      left: ['cy'],
      at: new Date(),
    });
    await jest.advanceTimersByTimeAsync(REPLAN_DEBOUNCE_MS);
    await sut.whenIdle(GUILD);

    expect(playback.remove).toHaveBeenCalledWith(GUILD, 1);
    expect(picks()).toHaveLength(1);
    expect(picks()[0].track.author).toBe('Justice');
    expect(picks()[0].reason).toContain('Ana');
  });

  it('relaxes the cooldown before giving up: a song played two hours ago comes back when nothing else is left', async () => {
    const now = Date.now();
    candidates = [candidate('Justice', 'Genesis', ['ana'])];
    history = [
      {
        trackKey: 'daftpunk|aroundtheworld|none',
        artistKey: 'daftpunk',
        startedAt: now - 1_000,
        listeners: ['ana'],
        source: 'request',
      },
      { trackKey: 'air|sexyboy|none', artistKey: 'air', startedAt: now - HOUR, listeners: ['ana'], source: 'request' },
      {
        trackKey: 'phoenix|lisztomania|none',
        artistKey: 'phoenix',
        startedAt: now - 1.5 * HOUR,
        listeners: ['ana'],
        source: 'request',
      },
      {
        trackKey: 'justice|genesis|none',
        artistKey: 'justice',
        startedAt: now - 2 * HOUR,
        listeners: ['ana'],
        source: 'autoplay',
      },
    ];

    await queueLow();

    expect(picks().map((entry) => entry.track.trackKey)).toEqual(['justice|genesis|none']);
    expect(sut.lastPick(GUILD)?.relaxation).toBeGreaterThan(0);
  });

  it('never loops a song: with nothing left it pauses, and says so once in the channel when the music stops', async () => {
    // The only candidates are the song playing now and the one before it.
    candidates = [candidate('Daft Punk', 'Around the World', ['ana'])];
    history = [
      {
        trackKey: 'daftpunk|aroundtheworld|none',
        artistKey: 'daftpunk',
        startedAt: Date.now() - 1_000,
        listeners: ['ana'],
        source: 'request',
      },
    ];
    const paused: AutoplayPausedEvent[] = [];
    events.on(RecommendationEvent.AutoplayPaused, (event: AutoplayPausedEvent) => paused.push(event));

    await queueLow();
    expect(picks()).toEqual([]);
    expect(paused).toEqual([]); // still playing: nothing to say yet

    playback.finishQueue();
    sut.onQueueFinished({ guildId: GUILD, textChannelId: 'text-1' });
    await sut.whenIdle(GUILD);
    sut.onQueueFinished({ guildId: GUILD, textChannelId: 'text-1' });
    await sut.whenIdle(GUILD);

    expect(playback.enqueue).not.toHaveBeenCalled();
    expect(paused).toEqual([{ guildId: GUILD, textChannelId: 'text-1', at: expect.any(Date) as unknown }]);
  });

  it('says nothing and tries again shortly when inputs were missing, rather than announcing a pause', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const available = candidates;
    candidates = [];
    historyError = new Error('connection 2 to 127.0.0.1:27017 closed');
    const paused: AutoplayPausedEvent[] = [];
    events.on(RecommendationEvent.AutoplayPaused, (event: AutoplayPausedEvent) => paused.push(event));
    playback.finishQueue();
    sut.onQueueFinished({ guildId: GUILD, textChannelId: 'text-1' });
    await sut.whenIdle(GUILD);

    expect(picks()).toEqual([]);
    expect(paused).toEqual([]);

    // The database is back and the sources answer again.
    historyError = null;
    candidates = available;
    await jest.advanceTimersByTimeAsync(DEGRADED_RETRY_MS);
    await sut.whenIdle(GUILD);

    expect(picks()).toHaveLength(1);
    expect(paused).toEqual([]);
  });

  it('picks nothing when autoplay is off in the guild, or nobody listens', async () => {
    settings = { ...settings, autoplay: false };
    await queueLow();
    settings = { ...settings, autoplay: true };
    playback.session!.listeners = [];
    await queueLow();

    expect(playback.enqueue).not.toHaveBeenCalled();
  });

  it('makes the next pick a discovery after /discover', async () => {
    ana.likedTrackKeys = ['kavinsky|nightcall|none'];
    candidates = [candidate('Kavinsky', 'Nightcall', ['ana']), candidate('Justice', 'Genesis', ['ana'])];
    try {
      await sut.discoverNext(GUILD);
      await sut.whenIdle(GUILD);
      await queueLow();
    } finally {
      ana.likedTrackKeys = [];
    }

    expect(picks()).toHaveLength(1);
    expect(picks()[0]).toMatchObject({ source: 'discovery', track: { trackKey: 'justice|genesis|none' } });
  });

  it('picks for newcomers named from Discord while no profile store is wired', async () => {
    profiles = null;

    await queueLow();

    expect(picks()).toHaveLength(1);
    expect(
      sut
        .lastPick(GUILD)
        ?.fits.map((fit) => fit.displayName)
        .sort(),
    ).toEqual(['Member ana', 'Member cy']);
  });

  it('explains the song playing now: its pick, or that it was requested', async () => {
    await queueLow();
    const pick = picks()[0];
    expect(sut.explainCurrent(GUILD)).toMatchObject({ entry: { source: 'request' }, pick: null });

    playback.session = {
      ...playback.session!,
      current: { entry: pick, positionMs: 0, paused: false, startedAt: new Date() },
      queue: [],
    };

    expect(sut.explainCurrent(GUILD).pick).toMatchObject({ entryId: pick.id, reason: pick.reason });
  });
});
