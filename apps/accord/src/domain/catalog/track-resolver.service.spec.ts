import { Logger } from '@nestjs/common';
import type { PlayableTrack } from '@accord/core';
import type { SourceTrack } from './catalog.types';
import {
  CatalogTrackFactory,
  createCatalog,
  video,
  type FakeLavalink,
  type FakeSource,
  type InMemoryTrackRepository,
} from './testing/catalog.fakes';
import { TrackResolverService } from './track-resolver.service';

const SPOTIFY_ID = '2VEZx7NWsZ1D0eJ4uv5Fym';

describe(TrackResolverService.name, () => {
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
  let sut: TrackResolverService;

  beforeEach(() => {
    ({ tracks, lavalink, spotify, deezer, resolver: sut } = createCatalog());
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
      expect(first).toMatchObject({
        ok: true,
        value: { kind: 'track', fromPin: false, track: { identifier: 'dpTopic0001' } },
      });
      expect(again).toMatchObject({
        ok: true,
        value: { fromPin: true, track: { identifier: 'dpTopic0001', encoded: 'QAAAdpTopic0001' } },
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
        value: { track: { identifier: 'dpTopic0001', trackKey: 'daftpunk|onemoretime|none' } },
      });
      await sut.resolve('Daft Punk - One More Time', 'u1');
      expect(lavalink.calls).toHaveLength(1);
    });

    it('tries YouTube when YouTube Music has no match', async () => {
      lavalink.silent.add('ytmsearch');

      const outcome = await sut.resolve('Daft Punk - Digital Love', 'u1');

      expect(lavalink.calls).toEqual(['ytmsearch:Daft Punk - Digital Love', 'ytsearch:Daft Punk - Digital Love']);
      expect(outcome).toMatchObject({ ok: true, value: { track: { identifier: 'dlTopic0001' } } });
    });

    it('says nothing was found, and pins nothing, when no video matches', async () => {
      const outcome = await sut.resolve('Nobody - Nothing Here', 'u1');

      expect(outcome).toEqual({ ok: false, reason: 'NOTHING_FOUND', data: { text: 'Nobody - Nothing Here' } });
      expect(tracks.docs).toHaveLength(0);
    });

    it('answers AUDIO_UNAVAILABLE when Lavalink is away', async () => {
      lavalink.down = true;

      expect(await sut.resolve('Daft Punk - One More Time', 'u1')).toMatchObject({
        ok: false,
        reason: 'AUDIO_UNAVAILABLE',
        data: { cause: 'no-node' },
      });
    });
  });

  describe('resolve of bad input', () => {
    it.each([
      ['an empty query', '', 'EMPTY_QUERY', {}],
      ['a blank query', '   ', 'EMPTY_QUERY', {}],
      ['a 10,000-character title', 'x'.repeat(10_000), 'QUERY_TOO_LONG', { length: 10_000, max: 500 }],
      ['another site', 'https://vimeo.com/1234', 'UNSUPPORTED_LINK', { url: 'https://vimeo.com/1234' }],
      ['a Deezer short link', 'https://deezer.page.link/abcdef', 'SHORT_LINK', { source: 'deezer' }],
      [
        'a Spotify artist page',
        'https://open.spotify.com/artist/4tZwfgrHOc3mvqYlEYSvVi',
        'MALFORMED_LINK',
        { source: 'spotify' },
      ],
    ])('refuses %s with a reason and its data, calling nothing', async (_label, query, reason, data) => {
      const outcome = await sut.resolve(query, 'u1');

      expect(outcome).toEqual({ ok: false, reason, data });
      expect(lavalink.calls).toEqual([]);
    });
  });

  describe('resolve of a YouTube link', () => {
    it('pins the linked video, and later answers its link and its song from the pin', async () => {
      const first = await sut.resolve('https://youtu.be/dpOfficial1', 'u1');
      const byText = await sut.resolve('Daft Punk - One More Time', 'u1');
      const byLink = await sut.resolve('https://www.youtube.com/watch?v=dpOfficial1', 'u1');

      expect(first).toMatchObject({
        ok: true,
        value: { fromPin: false, source: 'youtube', track: { identifier: 'dpOfficial1' } },
      });
      expect(byText).toMatchObject({ ok: true, value: { fromPin: true, track: { identifier: 'dpOfficial1' } } });
      expect(byLink).toMatchObject({ ok: true, value: { fromPin: true } });
      expect(lavalink.calls).toEqual(['https://youtu.be/dpOfficial1']);
    });

    it('answers a deleted video it never saw with VIDEO_UNAVAILABLE', async () => {
      const outcome = await sut.resolve('https://youtu.be/gone0000001', 'u1');

      expect(outcome).toEqual({ ok: false, reason: 'VIDEO_UNAVAILABLE', data: {} });
    });

    it('searches again for a known song whose deleted video is linked', async () => {
      await sut.resolve('Daft Punk - One More Time', 'u1');
      tracks.docs[0].unavailable = true;
      lavalink.failing.add('https://youtu.be/dpTopic0001');

      const outcome = await sut.resolve('https://youtu.be/dpTopic0001', 'u1');

      expect(outcome).toMatchObject({ ok: true, value: { fromPin: false, track: { identifier: 'dpOfficial1' } } });
      expect(tracks.docs[0]).toMatchObject({
        youtubeId: 'dpOfficial1',
        failedVideoIds: ['dpTopic0001'],
        unavailable: false,
      });
    });
  });

  describe('resolve of a direct audio link', () => {
    const link = 'https://media.example.com/music/one-more-time.mp3';
    const file = (title: string, author: string, url = link): PlayableTrack => ({
      ...video(url, title, author, 320_000),
      uri: url,
      sourceName: 'http',
    });
    let catalog: ReturnType<typeof createCatalog>;

    beforeEach(() => {
      catalog = createCatalog();
      ({ tracks, lavalink, resolver: sut } = catalog);
    });

    it('plays the file through Lavalink as it is: not pinned, keyed as a song from its tags', async () => {
      lavalink.videos = [file('One More Time', 'Daft Punk')];

      const outcome = await sut.resolve(link, 'u1');

      expect(outcome).toMatchObject({
        ok: true,
        value: {
          kind: 'track',
          source: 'link',
          fromPin: false,
          track: { sourceName: 'http', title: 'One More Time', trackKey: 'daftpunk|onemoretime|none' },
        },
      });
      expect(lavalink.calls).toEqual([link]);
      expect(tracks.docs).toEqual([]);
    });

    it('gives a file without tags no song key', async () => {
      lavalink.videos = [file('Unknown title', 'Unknown artist')];

      const outcome = await sut.resolve(link, 'u1');

      expect(outcome).toMatchObject({ ok: true, value: { track: { title: 'one-more-time.mp3' } } });
      expect(outcome.ok && outcome.value.kind === 'track' ? outcome.value.track.trackKey : 'refused').toBeUndefined();
    });

    it.each([
      ['a 404 (Lavalink finds nothing)', link, 'public', 'LINK_UNPLAYABLE', { url: link, why: 'not-found' }, [link]],
      ['a loopback host', 'http://127.0.0.1:8080/song.mp3', 'public', 'PRIVATE_LINK', { host: '127.0.0.1' }, []],
      [
        'a name that resolves to a private address',
        'https://nas.example.com/song.mp3',
        'public',
        'PRIVATE_LINK',
        { host: 'nas.example.com' },
        [],
      ],
      [
        'a host that does not resolve',
        'https://nowhere.invalid/song.mp3',
        'public',
        'UNKNOWN_HOST',
        { host: 'nowhere.invalid' },
        [],
      ],
      ['any link when direct links are off', link, 'off', 'UNSUPPORTED_LINK', { url: link }, []],
    ] as const)('refuses %s with a reason and its data', async (_label, url, mode, reason, data, calls) => {
      catalog.hosts.hosts.set('nas.example.com', ['192.168.1.10']);
      catalog.links.direct = mode;

      const outcome = await sut.resolve(url, 'u1');

      expect(outcome).toEqual({ ok: false, reason, data });
      expect(lavalink.calls).toEqual(calls);
    });

    it.each([
      [{ why: 'refused', status: 403 }],
      [{ why: 'unreachable' }],
      [{ why: 'not-audio' }],
      [{ why: 'unknown' }],
    ] as const)('refuses a link that fails to load with why it failed: %j', async (failure) => {
      lavalink.linkFailures.set(link, failure);

      expect(await sut.resolve(link, 'u1')).toEqual({
        ok: false,
        reason: 'LINK_UNPLAYABLE',
        data: { url: link, ...failure },
      });
    });

    it('plays a loopback link when every host is allowed (`any`)', async () => {
      const local = 'http://127.0.0.1:8080/song.mp3';
      lavalink.videos = [file('One More Time', 'Daft Punk', local)];
      catalog.links.direct = 'any';

      expect(await sut.resolve(local, 'u1')).toMatchObject({ ok: true, value: { source: 'link' } });
    });
  });

  describe('resolve while MongoDB is away', () => {
    beforeEach(() => {
      const away = new Error('connect ECONNREFUSED 127.0.0.1:27017');
      jest.spyOn(tracks, 'findByKeyOrAlias').mockRejectedValue(away);
      jest.spyOn(tracks, 'findByVideoId').mockRejectedValue(away);
      jest.spyOn(tracks, 'findBySpotifyId').mockRejectedValue(away);
    });
    afterEach(() => jest.restoreAllMocks());

    it('still plays free text, searched and not pinned', async () => {
      expect(await sut.resolve('Daft Punk - One More Time', 'u1')).toMatchObject({
        ok: true,
        value: { kind: 'track', fromPin: false, track: { identifier: 'dpTopic0001' } },
      });
    });

    it('refuses a dead video link with DEAD_LINK_CATALOG_AWAY', async () => {
      lavalink.failing.add('https://youtu.be/gone0000001');

      expect(await sut.resolve('https://youtu.be/gone0000001', 'u1')).toEqual({
        ok: false,
        reason: 'DEAD_LINK_CATALOG_AWAY',
        data: {},
      });
    });

    it('refuses a link that needs the catalog with CATALOG_AWAY', async () => {
      expect(await sut.resolve(`https://open.spotify.com/track/${SPOTIFY_ID}`, 'u1')).toEqual({
        ok: false,
        reason: 'CATALOG_AWAY',
        data: {},
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
        value: { source: 'spotify', fromPin: false, track: { identifier: 'dlTopic0001' } },
      });
      expect(again).toMatchObject({
        ok: true,
        value: { source: 'spotify', fromPin: true, track: { identifier: 'dlTopic0001' } },
      });
      expect(spotify.calls).toBe(1);
      expect(lavalink.calls).toEqual(['ytmsearch:Daft Punk - Digital Love']);
      expect(tracks.docs[0]).toMatchObject({ spotifyId: SPOTIFY_ID, isrc: 'GBDUW0000055', durationMs: 301_373 });
    });

    it('says the server owner must configure Spotify when it is not', async () => {
      spotify.configured = false;

      const outcome = await sut.resolve(`https://open.spotify.com/track/${SPOTIFY_ID}`, 'u1');

      expect(outcome).toEqual({ ok: false, reason: 'SPOTIFY_UNCONFIGURED', data: {} });
    });

    it.each([
      ['down', 'SOURCE_DOWN', { source: 'spotify' }],
      ['missing', 'SOURCE_NOT_FOUND', { source: 'spotify', type: 'track' }],
    ])('answers a Spotify that is %s with %s', async (state, reason, data) => {
      spotify.down = state === 'down';
      const id = state === 'down' ? SPOTIFY_ID : '0000000000000000000000';

      const outcome = await sut.resolve(`https://open.spotify.com/track/${id}`, 'u1');

      expect(outcome).toEqual({ ok: false, reason, data });
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

      if (!outcome.ok || outcome.value.kind !== 'playlist') throw new Error('expected a playlist');
      expect(outcome.value.truncated).toBe(1_250 - items.length);
      expect(outcome.value.tracks.map((track) => track.encoded ?? null)).toEqual([
        null, // searched, nothing matched: playback will try again and skip it
        'QAAAdlTopic0001',
        'QAAAdpTopic0001', // a radio edit is the same song: the pin, no search
        ...Array.from({ length: 5 }, () => null),
      ]);
      expect(outcome.value.tracks[3]).toMatchObject({
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

      expect(first).toMatchObject({ ok: true, value: { source: 'deezer', track: { identifier: 'dlTopic0001' } } });
      expect(again).toMatchObject({ ok: true, value: { fromPin: true } });
      expect(deezer.calls).toBe(1);
    });
  });

  describe(TrackResolverService.prototype.resolveForPlayback.name, () => {
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

  describe('titles read in context', () => {
    // A fan upload that puts the song first: without context it reads as the artist "Wild Ones".
    const fanUpload = video('wildFan0001', 'Wild Ones - Flo Rida (Lyrics)', 'xXLyricsWorldXx', 233_000);

    beforeEach(() => {
      lavalink.videos.push(fanUpload);
    });

    it('keys a title-first upload from a fan channel to its song once the artist is pinned in the catalog', async () => {
      tracks.docs.push(
        CatalogTrackFactory.create({ artist: 'Flo Rida', title: 'Whistle', key: 'florida|whistle|none' }),
      );

      const outcome = await sut.resolve('https://youtu.be/wildFan0001', 'u1');

      expect(outcome).toMatchObject({ ok: true, value: { track: { trackKey: 'florida|wildones|none' } } });
      expect(tracks.docs[1]).toMatchObject({ artist: 'Flo Rida', title: 'Wild Ones', youtubeId: 'wildFan0001' });
    });

    it('reads the same upload artist-first while the artist is unknown to the catalog', async () => {
      const outcome = await sut.resolve('https://youtu.be/wildFan0001', 'u1');

      expect(outcome).toMatchObject({ ok: true, value: { track: { trackKey: 'wildones|florida|none' } } });
    });

    it('learns the artist from a source answer, even one that found no video', async () => {
      deezer.tracks.set('15439981', {
        sourceId: '15439981',
        artist: 'Flo Rida',
        title: 'Whistle',
        durationMs: 224_000,
      });
      const fromDeezer = await sut.resolve('https://www.deezer.com/track/15439981', 'u1');

      const fromLink = await sut.resolve('https://youtu.be/wildFan0001', 'u1');

      expect(fromDeezer).toEqual({
        ok: false,
        reason: 'SONG_NOT_ON_YOUTUBE',
        data: { artist: 'Flo Rida', title: 'Whistle' },
      });
      expect(fromLink).toMatchObject({ ok: true, value: { track: { trackKey: 'florida|wildones|none' } } });
    });

    it('keys playlist items with the known artists', async () => {
      tracks.docs.push(
        CatalogTrackFactory.create({ artist: 'Flo Rida', title: 'Whistle', key: 'florida|whistle|none' }),
      );
      lavalink.playlists.set('PLfixture000000000000000000000001', { name: 'Party', tracks: [fanUpload] });

      const outcome = await sut.resolve(
        'https://www.youtube.com/playlist?list=PLfixture000000000000000000000001',
        'u1',
      );

      if (!outcome.ok || outcome.value.kind !== 'playlist') throw new Error('expected a playlist');
      expect(outcome.value.tracks.map((track) => track.trackKey)).toEqual(['florida|wildones|none']);
    });

    it('reads the artists of pinned songs once, not on every request', async () => {
      await sut.resolve('Daft Punk - One More Time', 'u1');
      await sut.resolve('Daft Punk - Digital Love', 'u1');
      await sut.resolve('https://youtu.be/wildFan0001', 'u1');

      expect(tracks.artistReads).toBe(1);
    });
  });
});
