import { Logger } from '@nestjs/common';
import type { EventEmitter2 } from '@nestjs/event-emitter';
import type { LavalinkService } from '../../adapters/lavalink/lavalink.service';
import type { LoadResult, SearchEngine } from '../../adapters/lavalink/lavalink.types';
import { PlaybackError, PlaybackErrorCode, type PlayableTrack } from '@accord/core';
import { CatalogEvent } from './catalog.events';
import { CatalogService } from './catalog.service';
import type { CatalogTrack, NewCatalogTrack, SourceAnswer, SourceCollection, SourceTrack } from './catalog.types';
import type { DeezerClient } from '../../adapters/deezer/deezer.client';
import type { SpotifyCatalogClient } from '../../adapters/spotify/spotify-catalog.client';
import type { PinChange, TrackRepository } from './track.repository';

/** The `tracks` collection in memory, with the repository's contract. */
class InMemoryTrackRepository {
  readonly docs: CatalogTrack[] = [];
  private nextId = 1;

  findById(id: string): Promise<CatalogTrack | null> {
    return Promise.resolve(this.docs.find((doc) => doc.id === id) ?? null);
  }
  findByKey(key: string): Promise<CatalogTrack | null> {
    return Promise.resolve(this.docs.find((doc) => doc.key === key) ?? null);
  }
  findByKeyOrAlias(key: string | undefined, aliases: string[]): Promise<CatalogTrack | null> {
    const byKey = key ? this.docs.find((doc) => doc.key === key) : undefined;
    return Promise.resolve(
      byKey ?? this.docs.find((doc) => doc.aliases.some((alias) => aliases.includes(alias))) ?? null,
    );
  }
  findByVideoId(videoId: string): Promise<CatalogTrack | null> {
    const found =
      this.docs.find((doc) => doc.youtubeId === videoId) ??
      this.docs.find((doc) => doc.aliases.includes(`yt:${videoId}`));
    return Promise.resolve(found ?? null);
  }
  findBySpotifyId(spotifyId: string): Promise<CatalogTrack | null> {
    return Promise.resolve(this.docs.find((doc) => doc.spotifyId === spotifyId) ?? null);
  }
  findManyByKeys(keys: string[]): Promise<CatalogTrack[]> {
    return Promise.resolve(this.docs.filter((doc) => keys.includes(doc.key)));
  }
  findManyBySpotifyIds(ids: string[]): Promise<CatalogTrack[]> {
    return Promise.resolve(this.docs.filter((doc) => doc.spotifyId && ids.includes(doc.spotifyId)));
  }
  searchByPrefix(): Promise<CatalogTrack[]> {
    return Promise.resolve([]);
  }
  create(input: NewCatalogTrack): Promise<CatalogTrack> {
    const existing = this.docs.find((doc) => doc.key === input.key);
    if (existing) {
      existing.aliases = [...new Set([...existing.aliases, ...input.aliases])];
      return Promise.resolve(existing);
    }
    const doc: CatalogTrack = {
      id: String(this.nextId++).padStart(24, '0'),
      tags: [],
      unavailable: false,
      failures: 0,
      failedVideoIds: [],
      createdAt: new Date(),
      updatedAt: new Date(),
      ...input,
    };
    this.docs.push(doc);
    return Promise.resolve(doc);
  }
  async createMissing(inputs: NewCatalogTrack[]): Promise<number> {
    let count = 0;
    for (const input of inputs) {
      if (!(await this.findByKey(input.key))) {
        await this.create(input);
        count++;
      }
    }
    return count;
  }
  async addAliases(id: string, aliases: string[]): Promise<CatalogTrack | null> {
    const doc = await this.findById(id);
    if (doc) doc.aliases = [...new Set([...doc.aliases, ...aliases])];
    return doc;
  }
  async setPin(id: string, change: PinChange): Promise<CatalogTrack | null> {
    const doc = await this.findById(id);
    if (!doc) return null;
    Object.assign(doc, {
      youtubeId: change.youtubeId,
      lavalink: change.lavalink,
      pin: { by: change.by, at: change.at, score: change.score },
      unavailable: false,
      aliases: [...new Set([...doc.aliases, ...change.aliases])],
    });
    return doc;
  }
  async recordFailure(id: string, videoId: string, unavailable: boolean): Promise<void> {
    const doc = await this.findById(id);
    if (!doc) return;
    doc.failures += 1;
    doc.unavailable = unavailable;
    if (!doc.failedVideoIds.includes(videoId)) doc.failedVideoIds.push(videoId);
  }
  async setSourceIds(id: string, ids: { spotifyId?: string; isrc?: string }): Promise<void> {
    const doc = await this.findById(id);
    if (doc) Object.assign(doc, Object.fromEntries(Object.entries(ids).filter(([, value]) => value)));
  }
  delete(id: string): Promise<boolean> {
    const index = this.docs.findIndex((doc) => doc.id === id);
    if (index >= 0) this.docs.splice(index, 1);
    return Promise.resolve(index >= 0);
  }
}

function video(id: string, title: string, author: string, durationMs = 210_000): PlayableTrack {
  return {
    encoded: `QAAA${id}`,
    identifier: id,
    title,
    author,
    uri: `https://www.youtube.com/watch?v=${id}`,
    durationMs,
    isStream: false,
    isSeekable: true,
    sourceName: 'youtube',
  };
}

/** A fake YouTube behind `load`: a search answers the videos whose words all appear in the query. */
class FakeLavalink {
  readonly calls: string[] = [];
  videos: PlayableTrack[] = [];
  /** Engines that answer nothing (to test the YouTube fallback). */
  silent = new Set<SearchEngine>();
  failing = new Set<string>();
  down = false;

  load(identifier: string, engine?: SearchEngine): Promise<LoadResult> {
    const call = engine ? `${engine}:${identifier}` : identifier;
    this.calls.push(call);
    if (this.down)
      return Promise.reject(new PlaybackError(PlaybackErrorCode.AudioUnavailable, 'Audio is unavailable right now.'));
    if (this.failing.has(identifier))
      return Promise.resolve({ type: 'error', message: 'This video is unavailable', severity: 'common' });
    if (engine) {
      if (this.silent.has(engine)) return Promise.resolve({ type: 'empty' });
      const words = identifier.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
      const found = this.videos.filter((item) => {
        const text = `${item.author} ${item.title}`.toLowerCase();
        return words.filter((word) => text.includes(word)).length >= Math.ceil(words.length / 2);
      });
      return Promise.resolve(found.length > 0 ? { type: 'search', tracks: found } : { type: 'empty' });
    }
    const id = /(?:[?&]v=|youtu\.be\/)([\w-]{11})/.exec(identifier)?.[1] ?? identifier;
    const track = this.videos.find((item) => item.identifier === id);
    return Promise.resolve(track ? { type: 'track', track } : { type: 'empty' });
  }
}

class FakeSource {
  configured = true;
  tracks = new Map<string, SourceTrack>();
  collections = new Map<string, SourceCollection>();
  down = false;
  calls = 0;

  isConfigured(): boolean {
    return this.configured;
  }
  track(id: string): Promise<SourceAnswer<SourceTrack>> {
    return this.answer(this.tracks.get(id));
  }
  album(id: string): Promise<SourceAnswer<SourceCollection>> {
    return this.answer(this.collections.get(id));
  }
  playlist(id: string): Promise<SourceAnswer<SourceCollection>> {
    return this.answer(this.collections.get(id));
  }
  private answer<T>(value: T | undefined): Promise<SourceAnswer<T>> {
    this.calls++;
    if (!this.configured) return Promise.resolve({ ok: false, reason: 'unconfigured' });
    if (this.down) return Promise.resolve({ ok: false, reason: 'unavailable' });
    return Promise.resolve(value ? { ok: true, value } : { ok: false, reason: 'not-found' });
  }
}

const SPOTIFY_ID = '2VEZx7NWsZ1D0eJ4uv5Fym';

describe(CatalogService.name, () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  afterAll(() => {
    Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']);
  });

  let tracks: InMemoryTrackRepository;
  let lavalink: FakeLavalink;
  let spotify: FakeSource;
  let deezer: FakeSource;
  let emitted: Array<{ name: string; payload: unknown }>;
  let sut: CatalogService;

  beforeEach(() => {
    tracks = new InMemoryTrackRepository();
    lavalink = new FakeLavalink();
    spotify = new FakeSource();
    deezer = new FakeSource();
    emitted = [];
    const events = { emit: (name: string, payload: unknown) => emitted.push({ name, payload }) > 0 };
    sut = new CatalogService(
      tracks as unknown as TrackRepository,
      lavalink as unknown as LavalinkService,
      spotify as unknown as SpotifyCatalogClient,
      deezer as unknown as DeezerClient,
      events as unknown as EventEmitter2,
    );
    lavalink.videos = [
      video('dpOfficial1', 'Daft Punk - One More Time (Official Video)', 'Daft Punk', 320_000),
      video('dpTopic0001', 'One More Time', 'Daft Punk - Topic', 320_357),
      video('dpLive00001', 'Daft Punk - One More Time (Live)', 'Daft Punk', 400_000),
      video('dlTopic0001', 'Digital Love', 'Daft Punk - Topic', 301_373),
      video('dlReact0001', 'Digital Love REACTION', 'Reactor Guy', 600_000),
    ];
  });

  describe('resolve of free text', () => {
    it('searches YouTube Music once, pins the best video, and answers the same song from the pin', async () => {
      const first = await sut.resolve('Daft Punk - One More Time', 'u1');
      const again = await sut.resolve('daft punk – one more time (Official Video)', 'u2');

      expect(lavalink.calls).toEqual(['ytmsearch:Daft Punk - One More Time']);
      expect(first).toMatchObject({ ok: true, kind: 'track', fromPin: false, track: { identifier: 'dpTopic0001' } });
      expect(again).toMatchObject({
        ok: true,
        fromPin: true,
        track: { identifier: 'dpTopic0001', encoded: 'QAAAdpTopic0001' },
      });
      expect(tracks.docs).toHaveLength(1);
      expect(tracks.docs[0]).toMatchObject({
        key: 'daftpunk|onemoretime|none',
        artist: 'Daft Punk',
        title: 'One More Time',
        youtubeId: 'dpTopic0001',
        pin: { by: 'auto' },
      });
      expect(tracks.docs[0].aliases).toEqual(
        expect.arrayContaining(['q:daftpunkonemoretime', 'yt:dpTopic0001', 'q:daftpunkonemoretimeofficialvideo']),
      );
    });

    it('reads text without a separator through the candidates ("daft punk one more time")', async () => {
      const outcome = await sut.resolve('daft punk one more time', 'u1');

      expect(outcome).toMatchObject({
        ok: true,
        track: { identifier: 'dpTopic0001', trackKey: 'daftpunk|onemoretime|none' },
      });
      await sut.resolve('Daft Punk - One More Time', 'u1');
      expect(lavalink.calls).toHaveLength(1);
    });

    it('tries YouTube when YouTube Music has no match', async () => {
      lavalink.silent.add('ytmsearch');

      const outcome = await sut.resolve('Daft Punk - Digital Love', 'u1');

      expect(lavalink.calls).toEqual(['ytmsearch:Daft Punk - Digital Love', 'ytsearch:Daft Punk - Digital Love']);
      expect(outcome).toMatchObject({ ok: true, track: { identifier: 'dlTopic0001' } });
    });

    it('says nothing was found, and pins nothing, when no video matches', async () => {
      const outcome = await sut.resolve('Nobody - Nothing Here', 'u1');

      expect(outcome).toMatchObject({
        ok: false,
        reason: 'NOT_FOUND',
        message: expect.stringContaining('Nothing Here') as string,
      });
      expect(tracks.docs).toHaveLength(0);
    });

    it('answers AUDIO_UNAVAILABLE when Lavalink is away', async () => {
      lavalink.down = true;

      expect(await sut.resolve('Daft Punk - One More Time', 'u1')).toMatchObject({
        ok: false,
        reason: 'AUDIO_UNAVAILABLE',
      });
    });
  });

  describe('resolve of bad input', () => {
    it.each([
      ['an empty query', '', 'EMPTY_QUERY'],
      ['a blank query', '   ', 'EMPTY_QUERY'],
      ['a 10,000-character title', 'x'.repeat(10_000), 'QUERY_TOO_LONG'],
      ['another site', 'https://vimeo.com/1234', 'UNSUPPORTED_LINK'],
      ['a Deezer short link', 'https://deezer.page.link/abcdef', 'UNSUPPORTED_LINK'],
      ['a Spotify artist page', 'https://open.spotify.com/artist/4tZwfgrHOc3mvqYlEYSvVi', 'UNSUPPORTED_LINK'],
    ])('refuses %s with a reason and a message, calling nothing', async (_label, query, reason) => {
      const outcome = await sut.resolve(query, 'u1');

      expect(outcome).toMatchObject({ ok: false, reason, message: expect.any(String) as string });
      expect(lavalink.calls).toEqual([]);
    });

    it('lists what is supported for an unknown site', async () => {
      const outcome = await sut.resolve('https://vimeo.com/1234', 'u1');

      expect(outcome).toMatchObject({ message: expect.stringContaining('Spotify and Deezer tracks') as string });
    });
  });

  describe('resolve of a YouTube link', () => {
    it('pins the linked video, and later answers its link and its song from the pin', async () => {
      const first = await sut.resolve('https://youtu.be/dpOfficial1', 'u1');
      const byText = await sut.resolve('Daft Punk - One More Time', 'u1');
      const byLink = await sut.resolve('https://www.youtube.com/watch?v=dpOfficial1', 'u1');

      expect(first).toMatchObject({
        ok: true,
        fromPin: false,
        source: 'youtube',
        track: { identifier: 'dpOfficial1' },
      });
      expect(byText).toMatchObject({ fromPin: true, track: { identifier: 'dpOfficial1' } });
      expect(byLink).toMatchObject({ fromPin: true });
      expect(lavalink.calls).toEqual(['https://youtu.be/dpOfficial1']);
    });

    it('answers a deleted video it never saw with a clear message', async () => {
      const outcome = await sut.resolve('https://youtu.be/gone0000001', 'u1');

      expect(outcome).toMatchObject({
        ok: false,
        reason: 'NOT_FOUND',
        message: expect.stringContaining('deleted') as string,
      });
    });

    it('searches again for a known song whose deleted video is linked', async () => {
      await sut.resolve('Daft Punk - One More Time', 'u1');
      tracks.docs[0].unavailable = true;
      lavalink.failing.add('https://youtu.be/dpTopic0001');

      const outcome = await sut.resolve('https://youtu.be/dpTopic0001', 'u1');

      expect(outcome).toMatchObject({ ok: true, fromPin: false, track: { identifier: 'dpOfficial1' } });
      expect(tracks.docs[0]).toMatchObject({
        youtubeId: 'dpOfficial1',
        failedVideoIds: ['dpTopic0001'],
        unavailable: false,
      });
    });
  });

  describe('resolve of Spotify and Deezer links', () => {
    beforeEach(() => {
      spotify.tracks.set(SPOTIFY_ID, {
        sourceId: SPOTIFY_ID,
        artist: 'Daft Punk',
        title: 'Digital Love',
        durationMs: 301_373,
        isrc: 'GBDUW0000055',
      });
    });

    it('matches the Spotify track to YouTube and pins it with its Spotify id; the next time needs neither', async () => {
      const first = await sut.resolve(`https://open.spotify.com/track/${SPOTIFY_ID}`, 'u1');
      const again = await sut.resolve(`spotify:track:${SPOTIFY_ID}`, 'u1');

      expect(first).toMatchObject({
        ok: true,
        source: 'spotify',
        fromPin: false,
        track: { identifier: 'dlTopic0001' },
      });
      expect(again).toMatchObject({ ok: true, source: 'spotify', fromPin: true, track: { identifier: 'dlTopic0001' } });
      expect(spotify.calls).toBe(1);
      expect(lavalink.calls).toEqual(['ytmsearch:Daft Punk - Digital Love']);
      expect(tracks.docs[0]).toMatchObject({ spotifyId: SPOTIFY_ID, isrc: 'GBDUW0000055', durationMs: 301_373 });
    });

    it('says the server owner must configure Spotify when it is not', async () => {
      spotify.configured = false;

      const outcome = await sut.resolve(`https://open.spotify.com/track/${SPOTIFY_ID}`, 'u1');

      expect(outcome).toMatchObject({
        ok: false,
        reason: 'SOURCE_UNAVAILABLE',
        message: expect.stringContaining('SPOTIFY_CLIENT_ID') as string,
      });
    });

    it.each([
      ['down', 'SOURCE_UNAVAILABLE', 'not answering'],
      ['missing', 'NOT_FOUND', 'does not exist'],
    ])('answers a Spotify that is %s with %s', async (state, reason, words) => {
      spotify.down = state === 'down';
      const id = state === 'down' ? SPOTIFY_ID : '0000000000000000000000';

      const outcome = await sut.resolve(`https://open.spotify.com/track/${id}`, 'u1');

      expect(outcome).toMatchObject({ ok: false, reason, message: expect.stringContaining(words) as string });
    });

    it('queues a playlist: known songs from their pin, the first few matched now, the rest as metadata', async () => {
      await sut.resolve('Daft Punk - One More Time', 'u1');
      const items: SourceTrack[] = [
        { sourceId: 'sp1', artist: 'Nobody', title: 'Unfindable', durationMs: 100_000 },
        { sourceId: 'sp2', artist: 'Daft Punk', title: 'Digital Love', durationMs: 301_373 },
        { sourceId: 'sp3', artist: 'Daft Punk', title: 'One More Time - Radio Edit', durationMs: 320_000 },
        ...Array.from({ length: 5 }, (_, n) => ({
          sourceId: `x${n}`,
          artist: `Band ${n}`,
          title: `Song ${n}`,
          durationMs: 200_000,
        })),
      ];
      spotify.collections.set('37i9dQZF1DXfixture0001', { name: 'Mix', tracks: items, total: 1_250 });
      lavalink.calls.length = 0;

      const outcome = await sut.resolve('https://open.spotify.com/playlist/37i9dQZF1DXfixture0001', 'u1');

      if (!outcome.ok || outcome.kind !== 'playlist') throw new Error('expected a playlist');
      expect(outcome.truncated).toBe(1_250 - items.length);
      expect(outcome.tracks.map((track) => track.encoded ?? null)).toEqual([
        null, // searched, nothing matched: playback will try again and skip it
        'QAAAdlTopic0001',
        'QAAAdpTopic0001', // a radio edit is the same song: the pin, no search
        ...Array.from({ length: 5 }, () => null),
      ]);
      expect(outcome.tracks[3]).toMatchObject({
        query: 'Band 0 - Song 0',
        trackKey: 'band0|song0|none',
        sourceName: 'spotify',
        identifier: 'x0',
      });
      expect(lavalink.calls).toEqual([
        'ytmsearch:Nobody - Unfindable',
        'ytsearch:Nobody - Unfindable',
        'ytmsearch:Daft Punk - Digital Love',
      ]);
    });

    it('resolves a Deezer track through its metadata and remembers its Deezer id', async () => {
      deezer.tracks.set('3135556', {
        sourceId: '3135556',
        artist: 'Daft Punk',
        title: 'Digital Love',
        durationMs: 301_000,
      });

      const first = await sut.resolve('https://www.deezer.com/fr/track/3135556', 'u1');
      const again = await sut.resolve('https://www.deezer.com/track/3135556', 'u1');

      expect(first).toMatchObject({ ok: true, source: 'deezer', track: { identifier: 'dlTopic0001' } });
      expect(again).toMatchObject({ ok: true, fromPin: true });
      expect(deezer.calls).toBe(1);
    });
  });

  describe(CatalogService.prototype.resolveForPlayback.name, () => {
    it('uses the pin of a known key without any Lavalink call', async () => {
      await sut.resolve('Daft Punk - One More Time', 'u1');
      lavalink.calls.length = 0;

      const track = await sut.resolveForPlayback({
        title: 'One More Time',
        author: 'Daft Punk',
        durationMs: 320_000,
        isStream: false,
        isSeekable: true,
        trackKey: 'daftpunk|onemoretime|none',
      });

      expect(track).toMatchObject({ encoded: 'QAAAdpTopic0001', trackKey: 'daftpunk|onemoretime|none' });
      expect(lavalink.calls).toEqual([]);
    });

    it('searches, matches and pins an unknown song, and gives null when nothing fits', async () => {
      const base = { durationMs: 0, isStream: false, isSeekable: true };

      expect(await sut.resolveForPlayback({ ...base, title: 'Digital Love', author: 'Daft Punk' })).toMatchObject({
        identifier: 'dlTopic0001',
      });
      expect(await sut.resolveForPlayback({ ...base, title: 'Nothing', author: 'Nobody' })).toBeNull();
    });
  });

  describe(CatalogService.prototype.reportLoadFailure.name, () => {
    it('re-pins to the next best video, never one that failed, and says so', async () => {
      const first = await sut.resolve('Daft Punk - One More Time', 'u1');
      if (!first.ok || first.kind !== 'track') throw new Error('expected a track');

      const replacement = await sut.reportLoadFailure(first.track, 'This video is unavailable');

      expect(replacement).toMatchObject({ identifier: 'dpOfficial1', trackKey: 'daftpunk|onemoretime|none' });
      expect(tracks.docs[0]).toMatchObject({ youtubeId: 'dpOfficial1', failures: 1, failedVideoIds: ['dpTopic0001'] });
      expect(emitted).toContainEqual({
        name: CatalogEvent.TrackRepinned,
        payload: expect.objectContaining({
          previousYoutubeId: 'dpTopic0001',
          youtubeId: 'dpOfficial1',
          by: 'auto',
        }) as unknown,
      });
      expect(await sut.reportLoadFailure(first.track, 'again, from another guild')).toMatchObject({
        identifier: 'dpOfficial1',
      });
    });

    it('marks the song unavailable and gives null when no other video fits', async () => {
      const first = await sut.resolve('Daft Punk - Digital Love', 'u1');
      if (!first.ok || first.kind !== 'track') throw new Error('expected a track');

      expect(await sut.reportLoadFailure(first.track, 'gone')).toBeNull();
      expect(tracks.docs[0]).toMatchObject({ unavailable: true, failures: 1 });
    });
  });

  describe('correction', () => {
    it('offers candidates with the current pin marked, and re-pins to the chosen one for everyone', async () => {
      await sut.resolve('Daft Punk - One More Time', 'u1');
      lavalink.calls.length = 0;

      const { track, candidates } = await sut.candidates('daftpunk|onemoretime|none');
      const chosen = await sut.repin(track.id, 'dpOfficial1', 'user');

      expect(candidates[0]).toMatchObject({ youtubeId: 'dpTopic0001', current: true });
      expect(candidates.map((candidate) => candidate.youtubeId)).toContain('dpOfficial1');
      expect(chosen).toMatchObject({ youtubeId: 'dpOfficial1', pin: { by: 'user' } });
      // The offered video was kept: re-pinning loaded nothing more than the two searches.
      expect(lavalink.calls).toEqual(['ytmsearch:Daft Punk - One More Time', 'ytsearch:Daft Punk - One More Time']);
      expect(await sut.resolve('Daft Punk - One More Time', 'u1')).toMatchObject({
        track: { identifier: 'dpOfficial1' },
      });
    });

    it('merges two songs: aliases and key move, the source goes, and the event is emitted', async () => {
      await sut.resolve('Daft Punk - One More Time', 'u1');
      await sut.resolve('https://youtu.be/dpLive00001', 'u1');
      const [target, source] = tracks.docs;

      const merged = await sut.merge(source.id, target.id);

      expect(tracks.docs).toHaveLength(1);
      expect(merged.aliases).toEqual(expect.arrayContaining(['yt:dpLive00001', `key:${source.key}`]));
      expect(emitted).toContainEqual({
        name: CatalogEvent.TracksMerged,
        payload: { fromTrackId: source.id, toTrackId: target.id, fromKey: source.key, toKey: target.key },
      });
      lavalink.calls.length = 0;
      expect(await sut.resolve('https://youtu.be/dpLive00001', 'u1')).toMatchObject({
        track: { identifier: 'dpTopic0001' },
      });
      expect(await sut.resolve('Daft Punk - One More Time (Live)', 'u1')).toMatchObject({
        track: { identifier: 'dpTopic0001' },
      });
      expect(lavalink.calls).toEqual([]);
      await expect(sut.merge(target.id, target.id)).rejects.toMatchObject({ code: 'CANNOT_MERGE_INTO_ITSELF' });
    });
  });
});
