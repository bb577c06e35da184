import type { LavalinkService } from '../../../adapters/lavalink/lavalink.service';
import type { LoadResult } from '../../../adapters/lavalink/lavalink.types';
import type { PlayableTrack } from '../../playback/playback.types';
import type { DiscoveryContext } from '../candidate-source';
import { SimilarCacheService } from '../similar-cache.service';
import type { SimilarRepository } from '../similar.repository';
import { mixUrl, YoutubeMixSource } from './youtube-mix.source';

function video(identifier: string, title: string, author: string): PlayableTrack {
  return {
    encoded: 'QAAA',
    identifier,
    title,
    author,
    durationMs: 200_000,
    isStream: false,
    isSeekable: true,
    sourceName: 'youtube',
  };
}

function memoryCache(): SimilarCacheService {
  const store = new Map<string, unknown>();
  const repository = {
    find: (source: string, key: string) => Promise.resolve(store.get(`${source}|${key}`)),
    save: (source: string, key: string, payload: unknown) =>
      Promise.resolve(void store.set(`${source}|${key}`, payload)),
    deleteExpired: () => Promise.resolve(0),
  } as unknown as SimilarRepository;
  return new SimilarCacheService(repository);
}

const context: DiscoveryContext = {
  guildId: 'g1',
  listeners: [],
  seeds: [
    {
      trackKey: 'daftpunk|aroundtheworld|none',
      artistKey: 'daftpunk',
      artistName: 'Daft Punk',
      title: 'Around the World',
      youtubeId: 'K0HSD_i2DvA',
      userIds: ['ana'],
      weight: 1,
    },
    // No video: no mix.
    { trackKey: 'air|sexyboy|none', artistKey: 'air', userIds: [], weight: 0.9 },
  ],
  artists: [],
  limit: 10,
  signal: new AbortController().signal,
};

/** Lavalink's answer to a mix link: these videos as a playlist. */
function mixLoad(tracks: PlayableTrack[]): jest.Mock<Promise<LoadResult>> {
  return jest.fn((): Promise<LoadResult> =>
    Promise.resolve({ type: 'playlist', name: 'Mix - Daft Punk', selectedIndex: 0, tracks }),
  );
}

describe(YoutubeMixSource.name, () => {
  it("proposes the original songs of the seed video's radio mix, without the seed itself or live cuts", async () => {
    const load = mixLoad([
      video('K0HSD_i2DvA', 'Daft Punk - Around The World (Official Music Video)', 'Daft Punk'),
      video('sy1dYFGkPUE', 'Genesis', 'Justice - Topic'),
      video('MV_3Dpw-BRY', 'Kavinsky - Nightcall (Drive Original Movie Soundtrack) (Official Audio)', 'Kavinsky'),
      video('BmFcxdfUD4k', 'Around the World (Live 2007)', 'Daft Punk - Topic'),
    ]);
    const sut = new YoutubeMixSource({ load } as unknown as LavalinkService, memoryCache());

    const found = await sut.candidates(context);
    await sut.candidates(context);

    expect(load).toHaveBeenCalledTimes(1);
    expect(load).toHaveBeenCalledWith(mixUrl('K0HSD_i2DvA'));
    expect(found.map((candidate) => candidate.trackKey)).toEqual(['justice|genesis|none', 'kavinsky|nightcall|none']);
    expect(found[0]).toMatchObject({
      youtubeId: 'sy1dYFGkPUE',
      query: 'Justice - Genesis',
      evidence: [
        { source: 'youtube-mix', similarTo: { kind: 'track', id: 'daftpunk|aroundtheworld|none' }, userIds: ['ana'] },
      ],
    });
    expect(found[0].evidence[0].strength).toBeGreaterThan(found[1].evidence[0].strength);
  });

  it('skips the tracks of a mix that are not YouTube videos (no watch URL is made of a link)', async () => {
    const load = mixLoad([
      { ...video('https://media.example/justice-genesis.mp3', 'Genesis', 'Justice'), sourceName: 'http' },
      { ...video('sy1dYFGkPUE', 'Nightcall', 'Kavinsky'), sourceName: 'soundcloud' },
      video('MV_3Dpw-BRY', 'Kavinsky - Nightcall (Official Audio)', 'Kavinsky'),
    ]);
    const sut = new YoutubeMixSource({ load } as unknown as LavalinkService, memoryCache());

    const found = await sut.candidates(context);

    expect(found.map((candidate) => candidate.youtubeId)).toEqual(['MV_3Dpw-BRY']);
  });

  it('loads no mix for a seed played from a direct link (its "video id" is the link)', async () => {
    const load = jest.fn((): Promise<LoadResult> => Promise.resolve({ type: 'empty' }));
    const sut = new YoutubeMixSource({ load } as unknown as LavalinkService, memoryCache());
    const linkSeed = { ...context.seeds[0], youtubeId: 'http://127.0.0.1:8080/media/song-0.ogg' };

    expect(await sut.candidates({ ...context, seeds: [linkSeed] })).toEqual([]);
    expect(load).not.toHaveBeenCalled();
  });

  it('gives nothing when the mix cannot be loaded, and does not remember the failure', async () => {
    const load = jest.fn((): Promise<LoadResult> =>
      Promise.resolve({
        type: 'error',
        message: 'This video is unavailable',
        severity: 'common',
        link: { why: 'unknown' },
      }),
    );
    const sut = new YoutubeMixSource({ load } as unknown as LavalinkService, memoryCache());

    expect(await sut.candidates(context)).toEqual([]);
    expect(await sut.candidates(context)).toEqual([]);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
