import { createConnection, type Connection } from 'mongoose';
import { deezerApiStandIn, type DeezerApiStandIn } from '@accord/testkit/deezer-api';
import { lastfmApiStandIn, type LastfmApiStandIn } from '@accord/testkit/lastfm-api';
import type { DiscoveryContext } from '../src/domain/discovery/candidate-source';
import { DeezerClient } from '../src/adapters/deezer/deezer.client';
import { LastfmClient } from '../src/adapters/lastfm/lastfm.client';
import { SimilarCacheService } from '../src/domain/discovery/similar-cache.service';
import { SIMILAR_MODEL, similarSchema, type SimilarDocument } from '../src/domain/discovery/similar.schema';
import { SimilarRepository } from '../src/domain/discovery/similar.repository';
import { DeezerSource } from '../src/domain/discovery/sources/deezer.source';
import { LastfmSource } from '../src/domain/discovery/sources/lastfm.source';

const ana = 'user-ana';

function context(overrides: Partial<DiscoveryContext> = {}): DiscoveryContext {
  return {
    guildId: 'guild-1',
    listeners: [],
    seeds: [
      {
        trackKey: 'daftpunk|aroundtheworld|none',
        artistKey: 'daftpunk',
        artistName: 'Daft Punk',
        title: 'Around the World',
        userIds: [ana],
        weight: 1,
      },
    ],
    artists: [{ artistKey: 'daftpunk', artistName: 'Daft Punk', userIds: [ana], weight: 1 }],
    limit: 50,
    signal: new AbortController().signal,
    ...overrides,
  };
}

describe('Autoplay candidate sources against the Deezer and Last.fm stand-ins', () => {
  let connection: Connection;
  let cache: SimilarCacheService;
  let deezer: DeezerApiStandIn;
  let lastfm: LastfmApiStandIn;

  beforeAll(async () => {
    const uri = process.env.MONGODB_URI;
    if (!uri) throw new Error('MONGODB_URI is not set: run this spec through the root jest config');
    connection = await createConnection(uri, { serverSelectionTimeoutMS: 10_000 }).asPromise();
    const model = connection.model<SimilarDocument>(SIMILAR_MODEL, similarSchema);
    await model.init();
    cache = new SimilarCacheService(new SimilarRepository(model));
    deezer = deezerApiStandIn([
      { id: 27, name: 'Daft Punk', related: [6404, 1560], top: [{ id: 101, title: 'Around the World' }] },
      {
        id: 6404,
        name: 'Justice',
        top: [
          { id: 201, title: 'Genesis' },
          { id: 202, title: 'Phantom' },
        ],
      },
      { id: 1560, name: 'Kavinsky', top: [{ id: 301, title: 'Nightcall (Drive Original Movie Soundtrack)' }] },
    ]);
    lastfm = lastfmApiStandIn({
      similarTracks: {
        'Daft Punk - Around the World': [
          { artist: 'Cassius', title: 'Feeling for You', match: 0.9 },
          { artist: 'Stardust', title: 'Music Sounds Better with You', match: 0.6 },
        ],
      },
      similarArtists: { 'Daft Punk': [{ name: 'Justice', match: 0.8 }] },
      topTracks: { Justice: ['D.A.N.C.E.', 'Genesis'] },
    });
  });
  afterAll(async () => {
    // Cache writes are not awaited by the sources: let the last ones land.
    await new Promise((resolve) => setTimeout(resolve, 200));
    deezer?.stop();
    lastfm?.stop();
    await connection?.dropDatabase();
    await connection?.close();
  });
  beforeEach(() => {
    deezer.setDown(false);
    deezer.setLatency(0);
    deezer.requests.length = 0;
    lastfm.requests.length = 0;
  });

  describe(DeezerSource.name, () => {
    it('proposes the top tracks of related artists as "close to" the seed artist, keyed like the catalog', async () => {
      const sut = new DeezerSource(new DeezerClient(), cache);

      const found = await sut.candidates(context());

      const genesis = found.find((candidate) => candidate.trackKey === 'justice|genesis|none');
      expect(genesis).toMatchObject({
        artistKey: 'justice',
        artistName: 'Justice',
        title: 'Genesis',
        query: 'Justice - Genesis',
        evidence: [
          { source: 'deezer', similarTo: { kind: 'artist', id: 'daftpunk', name: 'Daft Punk' }, userIds: [ana] },
        ],
      });
      // The soundtrack note is upload fluff: the key is the song's.
      expect(found.map((candidate) => candidate.trackKey)).toContain('kavinsky|nightcall|none');
      // The seed artist's own top track comes too ("a new one from Daft Punk"), weaker than the neighbours.
      const own = found.find((candidate) => candidate.artistKey === 'daftpunk')!;
      expect(own.evidence[0].strength).toBeLessThan(genesis!.evidence[0].strength);
      expect(deezer.requests[0]).toMatch(/^\/search\/artist\?q=Daft%20Punk/);
    });

    it('answers the second time from the similar cache, without asking Deezer', async () => {
      const sut = new DeezerSource(new DeezerClient(), cache);
      await sut.candidates(context());
      deezer.requests.length = 0;

      const again = await sut.candidates(context());

      expect(again.length).toBeGreaterThan(0);
      expect(deezer.requests).toEqual([]);
    });

    it('gives nothing (and throws nothing) when Deezer is down, and caches no failure', async () => {
      const sut = new DeezerSource(new DeezerClient(), cache);
      deezer.setDown(true);

      const found = await sut.candidates(
        context({ artists: [{ artistKey: 'air', artistName: 'Air', userIds: [], weight: 1 }] }),
      );

      expect(found).toEqual([]);
      deezer.setDown(false);
      await sut.candidates(context({ artists: [{ artistKey: 'air', artistName: 'Air', userIds: [], weight: 1 }] }));
      expect(deezer.requests.filter((path) => path.startsWith('/search/artist?q=Air'))).toHaveLength(2);
    });

    it('stops waiting when the pick moves on (its signal aborts)', async () => {
      const sut = new DeezerSource(new DeezerClient(), cache);
      deezer.setLatency(5_000);
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 100);

      const found = await sut.candidates(
        context({
          artists: [{ artistKey: 'phoenix', artistName: 'Phoenix', userIds: [], weight: 1 }],
          signal: controller.signal,
        }),
      );

      expect(found).toEqual([]);
      expect(Date.now() - started).toBeLessThan(1_000);
    });
  });

  describe(LastfmSource.name, () => {
    it('proposes similar tracks of the seed songs and top tracks of similar artists, with the key sent', async () => {
      const sut = new LastfmSource(new LastfmClient('the-api-key'), cache);

      const found = await sut.candidates(context());

      expect(found.find((candidate) => candidate.trackKey === 'cassius|feelingforyou|none')).toMatchObject({
        evidence: [
          {
            source: 'lastfm',
            similarTo: { kind: 'track', id: 'daftpunk|aroundtheworld|none', name: 'Daft Punk - Around the World' },
            strength: 0.9,
            userIds: [ana],
          },
        ],
      });
      const dance = found.find((candidate) => candidate.trackKey === 'justice|dance|none');
      expect(dance?.evidence[0]).toMatchObject({ similarTo: { kind: 'artist', id: 'daftpunk' }, strength: 0.8 });
      expect(lastfm.requests).toEqual(
        expect.arrayContaining([
          'track.getSimilar Daft Punk - Around the World',
          'artist.getSimilar Daft Punk',
          'artist.getTopTracks Justice',
        ]),
      );
      expect(new Set(lastfm.apiKeys)).toEqual(new Set(['the-api-key']));
    });

    it('treats "not found" as no neighbours, not as a failure', async () => {
      const sut = new LastfmSource(new LastfmClient('the-api-key'), cache);

      const found = await sut.candidates(
        context({
          seeds: [
            {
              trackKey: 'nobody|nothing|none',
              artistKey: 'nobody',
              artistName: 'Nobody',
              title: 'Nothing',
              userIds: [],
              weight: 1,
            },
          ],
          artists: [],
        }),
      );

      expect(found).toEqual([]);
    });
  });
});
