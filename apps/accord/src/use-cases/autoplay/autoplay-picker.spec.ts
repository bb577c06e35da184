import type { ListenerProfile } from '@accord/recommender';
import type { ListenerDirectory } from '../../adapters/discord-client/listener-directory';
import type {
  CandidateGatherer,
  GatherInput,
  GatherResult,
  SourceReport,
} from '../../domain/discovery/candidate-gatherer.service';
import type { SourcedCandidate } from '../../domain/discovery/candidate-source';
import { songCandidate } from '../../domain/discovery/song-candidate';
import type { GuildHistoryEntry, GuildHistoryPort } from '../../domain/history/guild-history.port';
import { FakeGuildSettings } from '../../domain/playback/testing/playback.fakes';
import { QueueEntryFactory, SnapshotFactory, TrackFactory } from '../../domain/playback/testing/playback.factory';
import type { ListenerProfilesPort } from '../../domain/preferences/listener-profiles.port';
import { AutoplayPicker, PORT_TIMEOUT_MS } from './autoplay-picker';

function candidate(artist: string, title: string, userIds: string[] = []): SourcedCandidate {
  const similarTo = { kind: 'artist' as const, id: artist.toLowerCase().replace(/\s/g, ''), name: artist };
  return songCandidate({ artist, title }, [{ source: 'test', similarTo, strength: 0.8, userIds }])!;
}

function profile(userId: string, displayName: string, artist: [string, string]): ListenerProfile {
  return {
    userId,
    displayName,
    topArtists: [{ id: artist[0], name: artist[1], weight: 10 }],
    topTags: [],
    tracks: [],
    likedTrackKeys: [],
    dislikedTrackKeys: [],
    playCount: 40,
  };
}

/** The candidate sources, answering what the spec sets. */
class FakeGatherer implements Pick<CandidateGatherer, 'gather'> {
  candidates: SourcedCandidate[] = [];
  reports: SourceReport[] = [{ source: 'test', status: 'ok', count: 0, ms: 1 }];
  readonly asked: GatherInput[] = [];

  gather(input: GatherInput): Promise<GatherResult> {
    this.asked.push(input);
    return Promise.resolve({ candidates: this.candidates, reports: this.reports });
  }
}

/** The guild history port: an answer, a failure, or no answer at all. */
class FakeHistory implements GuildHistoryPort {
  entries: GuildHistoryEntry[] = [];
  failure: Error | null = null;
  hangs = false;

  recentHistory(): Promise<GuildHistoryEntry[]> {
    if (this.hangs) return new Promise(() => undefined);
    return this.failure ? Promise.reject(this.failure) : Promise.resolve(this.entries);
  }

  coListened(): Promise<[]> {
    return Promise.resolve([]);
  }
}

describe(AutoplayPicker.name, () => {
  let gatherer: FakeGatherer;
  let history: FakeHistory;
  let profiles: ListenerProfile[];
  let sut: AutoplayPicker;

  beforeEach(() => {
    gatherer = new FakeGatherer();
    gatherer.candidates = [candidate('Justice', 'Genesis', ['ana']), candidate('Chet Baker', 'Almost Blue', ['cy'])];
    history = new FakeHistory();
    profiles = [profile('ana', 'Ana', ['justice', 'Justice'])];
    const profilesPort: ListenerProfilesPort = {
      profilesOf: (ids) => Promise.resolve(profiles.filter((p) => ids.includes(p.userId))),
    };
    const directory: Pick<ListenerDirectory, 'nameOf'> = { nameOf: (_guildId, userId) => `Member ${userId}` };
    sut = new AutoplayPicker({
      settings: new FakeGuildSettings(),
      gatherer,
      history,
      profiles: profilesPort,
      directory,
      signal: new AbortController().signal,
    });
  });
  afterEach(() => jest.useRealTimers());

  it('picks one of the gathered songs for the room, naming listeners without a profile from Discord', async () => {
    const snapshot = SnapshotFactory.create({ listeners: ['ana', 'cy'] });

    const result = await sut.attempt(snapshot);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(['justice|genesis|none', 'chetbaker|almostblue|none']).toContain(result.value.record.trackKey);
    expect(result.value.record.fits.map((fit) => fit.displayName).sort()).toEqual(['Ana', 'Member cy']);
    expect(result.value.record).toMatchObject({ listeners: ['ana', 'cy'], sources: ['test'], relaxation: 0 });
    expect(gatherer.asked[0].listeners.map((seed) => seed.userId)).toEqual(['ana', 'cy']);
  });

  it('never picks a song that is playing or queued', async () => {
    const queued = QueueEntryFactory.create({
      track: TrackFactory.create({ trackKey: 'justice|genesis|none', title: 'Genesis', author: 'Justice' }),
    });

    const result = await sut.attempt(SnapshotFactory.create({ listeners: ['ana'], queue: [queued] }));

    expect(result).toMatchObject({ ok: true, value: { record: { trackKey: 'chetbaker|almostblue|none' } } });
  });

  it('leaves out the pick being replaced, so the same song may be picked again', async () => {
    gatherer.candidates = [candidate('Justice', 'Genesis', ['ana'])];
    const upcoming = QueueEntryFactory.create({
      track: TrackFactory.create({ trackKey: 'justice|genesis|none', title: 'Genesis', author: 'Justice' }),
    });

    const result = await sut.attempt(SnapshotFactory.create({ listeners: ['ana'], queue: [upcoming] }), {
      replacing: upcoming.id,
    });

    expect(result).toMatchObject({ ok: true, value: { record: { trackKey: 'justice|genesis|none' } } });
  });

  it('finds nothing, worth retrying, when the history read failed', async () => {
    gatherer.candidates = [];
    history.failure = new Error('connection closed');

    const result = await sut.attempt(SnapshotFactory.create({ listeners: ['ana'] }));

    expect(result).toMatchObject({ ok: false, reason: 'INPUTS_MISSING' });
  });

  it('finds nothing, not worth retrying, when every input answered', async () => {
    gatherer.candidates = [];

    const result = await sut.attempt(SnapshotFactory.create({ listeners: ['ana'] }));

    expect(result).toMatchObject({ ok: false, reason: 'NO_CANDIDATES' });
  });

  it('finds nothing, worth retrying, when a source was down', async () => {
    gatherer.candidates = [];
    gatherer.reports = [{ source: 'lastfm', status: 'timeout', count: 0, ms: 2_000 }];

    const result = await sut.attempt(SnapshotFactory.create({ listeners: ['ana'] }));

    expect(result).toMatchObject({ ok: false, reason: 'INPUTS_MISSING' });
  });

  it('picks without the history when it does not answer in time', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    history.hangs = true;

    const pending = sut.attempt(SnapshotFactory.create({ listeners: ['ana'] }));
    await jest.advanceTimersByTimeAsync(PORT_TIMEOUT_MS);

    await expect(pending).resolves.toMatchObject({ ok: true });
  });
});
