import { PlaybackError, PlaybackErrorCode } from '@accord/core';
import type { LrclibAnswer, LrclibClient, LrclibQuery, LrclibRecord } from '../../adapters/lrclib/lrclib.client';
import { CatalogTrackFactory } from '../catalog/testing/catalog.fakes';
import type { CatalogTrack } from '../catalog/catalog.types';
import type { TrackPinningService } from '../catalog/track-pinning.service';
import type { PlaybackService } from '../playback/playback.service';
import type { SessionSnapshot } from '../playback/playback.types';
import { FakeClock } from '../playback/testing/playback.fakes';
import { QueueEntryFactory, SnapshotFactory, TrackFactory } from '../playback/testing/playback.factory';
import { parseLrc } from './lrc';
import type { CachedLyrics, FoundLyrics, LyricsRepository } from './lyrics.repository';
import { LyricsService } from './lyrics.service';
import type { Lyrics } from './lyrics.types';

const DAY = 24 * 60 * 60 * 1000;

const record = (overrides: Partial<LrclibRecord> = {}): LrclibRecord => ({
  id: 42,
  trackName: 'Glass Orchard',
  artistName: 'Marrow Lane',
  albumName: 'Frost Country',
  duration: 187,
  instrumental: false,
  plainLyrics: 'one\ntwo',
  syncedLyrics: '[00:01.00] one\n[00:02.50] two',
  ...overrides,
});

/** LRCLIB answering what each test sets, recording what it was asked. */
class FakeLrclib implements Pick<LrclibClient, 'get' | 'search'> {
  readonly gets: LrclibQuery[] = [];
  readonly searches: string[] = [];
  getAnswer: LrclibAnswer<LrclibRecord | null> = { ok: true, value: null };
  searchAnswer: LrclibAnswer<LrclibRecord[]> = { ok: true, value: [] };

  get(query: LrclibQuery): Promise<LrclibAnswer<LrclibRecord | null>> {
    this.gets.push(query);
    return Promise.resolve(this.getAnswer);
  }

  search(text: string): Promise<LrclibAnswer<LrclibRecord[]>> {
    this.searches.push(text);
    return Promise.resolve(this.searchAnswer);
  }

  get calls(): number {
    return this.gets.length + this.searches.length;
  }
}

/** The `lyrics` collection in memory. */
class InMemoryLyrics implements Pick<
  LyricsRepository,
  'find' | 'findById' | 'saveFound' | 'saveNone' | 'deleteStaleNones'
> {
  readonly rows = new Map<string, { id: string; found?: FoundLyrics; retryAt?: Date }>();

  find(key: string, now: Date): Promise<CachedLyrics | undefined> {
    const row = this.rows.get(key);
    if (!row) return Promise.resolve(undefined);
    if (row.found) return Promise.resolve({ found: true, lyrics: toLyrics(row.id, row.found) });
    return Promise.resolve(row.retryAt && row.retryAt > now ? { found: false } : undefined);
  }

  findById(id: string): Promise<Lyrics | null> {
    const row = [...this.rows.values()].find((candidate) => candidate.id === id && candidate.found);
    return Promise.resolve(row?.found ? toLyrics(row.id, row.found) : null);
  }

  saveFound(key: string, found: FoundLyrics): Promise<Lyrics> {
    const id = String(this.rows.size + 1).padStart(24, '0');
    this.rows.set(key, { id, found });
    return Promise.resolve(toLyrics(id, found));
  }

  deleteStaleNones(now: Date): Promise<number> {
    const stale = [...this.rows].filter(([, row]) => !row.found && row.retryAt && row.retryAt <= now);
    for (const [key] of stale) this.rows.delete(key);
    return Promise.resolve(stale.length);
  }

  saveNone(key: string, _now: Date, retryAt: Date): Promise<void> {
    this.rows.set(key, { id: String(this.rows.size + 1).padStart(24, '0'), retryAt });
    return Promise.resolve();
  }
}

function toLyrics(id: string, found: FoundLyrics): Lyrics {
  return {
    id,
    source: 'lrclib',
    sourceId: found.sourceId,
    artist: found.artist,
    title: found.title,
    album: found.album,
    durationMs: found.durationMs,
    instrumental: found.instrumental,
    synced: found.syncedLyrics ? parseLrc(found.syncedLyrics) : null,
    plain: found.plainLyrics,
  };
}

describe(LyricsService.name, () => {
  let snapshot: SessionSnapshot | null;
  let songs: CatalogTrack[];
  let lrclib: FakeLrclib;
  let cache: InMemoryLyrics;
  let clock: FakeClock;
  let sut: LyricsService;

  const playing = (song: CatalogTrack | null, track = TrackFactory.create({ durationMs: 187_400 })): void => {
    snapshot = SnapshotFactory.create({
      current: {
        entry: QueueEntryFactory.create({ track: { ...track, trackKey: song?.key } }),
        positionMs: 0,
        paused: false,
        startedAt: new Date(),
      },
    });
  };

  beforeEach(() => {
    snapshot = null;
    songs = [CatalogTrackFactory.create({ artist: 'Marrow Lane', title: 'Glass Orchard', durationMs: 187_400 })];
    lrclib = new FakeLrclib();
    cache = new InMemoryLyrics();
    clock = new FakeClock();
    const playback: Pick<PlaybackService, 'snapshot'> = { snapshot: () => snapshot };
    const catalog: Pick<TrackPinningService, 'findSong'> = {
      findSong: (key) => Promise.resolve(songs.find((song) => song.key === key) ?? null),
    };
    sut = new LyricsService(
      playback as PlaybackService,
      catalog as TrackPinningService,
      lrclib as unknown as LrclibClient,
      cache as unknown as LyricsRepository,
      clock,
    );
  });

  it('refuses with NOTHING_PLAYING when no song plays', async () => {
    await expect(sut.forCurrentSong('guild-1')).rejects.toEqual(
      new PlaybackError(PlaybackErrorCode.NothingPlaying, { what: 'track' }),
    );
    expect(lrclib.calls).toBe(0);
  });

  it("asks LRCLIB by the catalog's artist, title and duration, and keeps what it found", async () => {
    playing(songs[0], TrackFactory.create({ title: 'Glass Orchard (Official Video)', author: 'MarrowLaneVEVO' }));
    lrclib.getAnswer = { ok: true, value: record() };

    const lookup = await sut.forCurrentSong('guild-1');

    expect(lrclib.gets).toEqual([{ artist: 'Marrow Lane', title: 'Glass Orchard', durationS: 187.4 }]);
    expect(lookup.lyrics).toMatchObject({
      sourceId: 42,
      synced: [
        { timeMs: 1_000, text: 'one' },
        { timeMs: 2_500, text: 'two' },
      ],
    });
    expect([...cache.rows.keys()]).toEqual([`song:${songs[0].key}`]);
    await sut.forCurrentSong('guild-1');
    expect(lrclib.calls).toBe(1);
  });

  it('takes a search result only when it is the same song within 2 s', async () => {
    playing(songs[0]);
    lrclib.getAnswer = { ok: true, value: record({ duration: 195 }) };
    lrclib.searchAnswer = {
      ok: true,
      value: [
        record({ id: 1, duration: 190.5 }),
        record({ id: 2, trackName: 'Glass Orchard (Live)', duration: 187 }),
        record({ id: 3, plainLyrics: null, syncedLyrics: null, duration: 187 }),
        record({ id: 4, duration: 185.6 }),
      ],
    };

    const lookup = await sut.forCurrentSong('guild-1');

    expect(lrclib.searches).toEqual(['Marrow Lane Glass Orchard']);
    expect(lookup.lyrics?.sourceId).toBe(4);
  });

  it('remembers a "none" for three days, then asks again', async () => {
    playing(songs[0]);

    expect((await sut.forCurrentSong('guild-1')).lyrics).toBeNull();
    expect(lrclib.calls).toBe(2);
    clock.advance(3 * DAY - 1_000);
    await sut.forCurrentSong('guild-1');
    expect(lrclib.calls).toBe(2);
    clock.advance(2_000);
    await sut.forCurrentSong('guild-1');
    expect(lrclib.calls).toBe(4);
  });

  it('forgets the "none" answers past their retry time, keeping found lyrics, and never throws', async () => {
    playing(songs[0]);
    await sut.forCurrentSong('guild-1');
    await sut.forQuery('Marrow Lane - Something Else');
    lrclib.searchAnswer = { ok: true, value: [record()] };
    await sut.forQuery('glass orchard');
    clock.advance(3 * DAY);

    expect(await sut.removeStaleNones()).toBe(2);
    expect([...cache.rows.keys()]).toEqual(['lrclib:42']);
    cache.deleteStaleNones = (): Promise<never> => Promise.reject(new Error('connection refused'));
    expect(await sut.removeStaleNones()).toBe(0);
  });

  it('answers none when LRCLIB fails, remembering nothing, so the next ask tries again', async () => {
    playing(songs[0]);
    lrclib.getAnswer = { ok: false, reason: 'timeout', detail: 'no answer within 4000 ms' };

    expect((await sut.forCurrentSong('guild-1')).lyrics).toBeNull();
    expect(cache.rows.size).toBe(0);
    await sut.forCurrentSong('guild-1');
    expect(lrclib.gets).toHaveLength(2);
  });

  it('reads a song the catalog does not know from its title, with the track length', async () => {
    playing(
      null,
      TrackFactory.create({ title: 'Marrow Lane - Glass Orchard', author: 'Some Channel', durationMs: 187_000 }),
    );

    await sut.forCurrentSong('guild-1');

    expect(lrclib.gets).toEqual([{ artist: 'Marrow Lane', title: 'Glass Orchard', durationS: 187 }]);
  });

  it('asks LRCLIB once when the same song is asked for twice at the same time', async () => {
    playing(songs[0]);
    lrclib.getAnswer = { ok: true, value: record() };

    const [first, second] = await Promise.all([sut.forCurrentSong('guild-1'), sut.forCurrentSong('guild-1')]);

    expect(lrclib.calls).toBe(1);
    expect(second.lyrics).toEqual(first.lyrics);
  });

  it('still answers while the cache (MongoDB) fails, without page buttons to offer', async () => {
    playing(songs[0]);
    lrclib.getAnswer = { ok: true, value: record() };
    const down = (): Promise<never> => Promise.reject(new Error('connection refused'));
    cache.find = down;
    cache.saveFound = down;

    const lookup = await sut.forCurrentSong('guild-1');

    expect(lookup.lyrics).toMatchObject({ id: '', sourceId: 42, plain: 'one\ntwo' });
  });

  it('looks up "artist - title" from a query without a duration, and searches any other query', async () => {
    lrclib.searchAnswer = { ok: true, value: [record({ id: 7, trackName: 'Keeper', artistName: 'Choir' })] };

    await sut.forQuery('Marrow Lane - Glass Orchard');
    const free = await sut.forQuery('  lighthouse keeper ');

    expect(lrclib.gets).toEqual([{ artist: 'Marrow Lane', title: 'Glass Orchard', durationS: 0 }]);
    expect(lrclib.searches).toEqual(['Marrow Lane Glass Orchard', 'lighthouse keeper']);
    expect(free.lyrics?.sourceId).toBe(7);
    expect(await sut.byId(free.lyrics!.id)).toMatchObject({ sourceId: 7 });
    // The free query itself is not remembered; what it found is, by its LRCLIB id.
    expect([...cache.rows.keys()]).toEqual(['text:marrowlane|glassorchard', 'lrclib:7']);
  });
});
