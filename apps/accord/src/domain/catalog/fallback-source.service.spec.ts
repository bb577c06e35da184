import { Logger } from '@nestjs/common';
import {
  createCatalog,
  soundcloudUpload,
  video,
  type CatalogFakes,
  type FakeLavalink,
  type InMemoryTrackRepository,
} from './testing/catalog.fakes';
import { FallbackSourceService } from './fallback-source.service';
import type { TrackPinningService } from './track-pinning.service';
import type { TrackResolverService } from './track-resolver.service';

describe(FallbackSourceService.name, () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  afterAll(() => {
    Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']);
  });

  let catalog: CatalogFakes;
  let tracks: InMemoryTrackRepository;
  let lavalink: FakeLavalink;
  let resolver: TrackResolverService;
  let sut: TrackPinningService;

  const pinned = async (query: string): Promise<NonNullable<Awaited<ReturnType<typeof sut.reportLoadFailure>>>> => {
    const found = await resolver.resolve(query, 'u1');
    if (!found.ok || found.value.kind !== 'track') throw new Error('expected a track');
    return found.value.track;
  };

  beforeEach(() => {
    catalog = createCatalog();
    ({ tracks, lavalink, resolver, pinning: sut } = catalog);
    lavalink.videos = [
      video('dpTopic0001', 'One More Time', 'Daft Punk - Topic', 320_357),
      soundcloudUpload('sc-preview', 'One More Time', 'Daft Punk', 30_000),
      soundcloudUpload('sc-live', 'One More Time (Live)', 'Daft Punk', 321_000),
      soundcloudUpload('sc-full', 'One More Time', 'Daft Punk', 320_100),
    ];
  });

  it('plays the song from SoundCloud when no other video fits, keeps the pin and records the alternate', async () => {
    const track = await pinned('Daft Punk - One More Time');

    const fallback = await sut.reportLoadFailure(track, 'This video is unavailable');

    expect(fallback).toMatchObject({
      identifier: 'sc-full',
      sourceName: 'soundcloud',
      trackKey: 'daftpunk|onemoretime|none',
    });
    expect(lavalink.calls).toContain('scsearch:Daft Punk - One More Time');
    expect(tracks.docs[0]).toMatchObject({
      youtubeId: 'dpTopic0001',
      unavailable: false,
      alternates: [{ source: 'soundcloud', lavalink: { identifier: 'sc-full', sourceName: 'soundcloud' } }],
    });
  });

  it('leaves the pin alone and asks YouTube nothing while YouTube is degraded', async () => {
    const track = await pinned('Daft Punk - One More Time');
    lavalink.calls.length = 0;
    catalog.youtube.state = 'degraded';

    const fallback = await sut.reportLoadFailure(track, 'Must find sig function');

    expect(fallback).toMatchObject({ identifier: 'sc-full' });
    expect(lavalink.calls).toEqual(['scsearch:Daft Punk - One More Time']);
    expect(tracks.docs[0]).toMatchObject({ youtubeId: 'dpTopic0001', failures: 0, failedVideoIds: [] });
  });

  it('gives null and marks the song unavailable when only a preview and another version are there', async () => {
    lavalink.videos = lavalink.videos.filter((upload) => upload.identifier !== 'sc-full');
    const track = await pinned('Daft Punk - One More Time');

    expect(await sut.reportLoadFailure(track, 'gone')).toBeNull();
    expect(tracks.docs[0]).toMatchObject({ unavailable: true });
    expect(tracks.docs[0].alternates).toBeUndefined();
  });

  it('gives null when the fallback upload fails too, rather than going round again', async () => {
    const track = await pinned('Daft Punk - One More Time');
    const fallback = await sut.reportLoadFailure(track, 'This video is unavailable');

    expect(await sut.reportLoadFailure(fallback!, 'SoundCloud said no')).toBeNull();
  });

  it('plays the alternate it found again without searching while YouTube stays degraded', async () => {
    const track = await pinned('Daft Punk - One More Time');
    catalog.youtube.state = 'degraded';
    await sut.reportLoadFailure(track, 'Must find sig function');
    lavalink.calls.length = 0;

    const again = await sut.reportLoadFailure(track, 'Must find sig function');

    expect(again).toMatchObject({ identifier: 'sc-full', sourceName: 'soundcloud' });
    expect(lavalink.calls).toEqual([]);
  });

  it('forgets an alternate that failed, so the next fallback searches again', async () => {
    const track = await pinned('Daft Punk - One More Time');
    catalog.youtube.state = 'degraded';
    const fallback = await sut.reportLoadFailure(track, 'Must find sig function');

    expect(await sut.reportLoadFailure(fallback!, 'SoundCloud said no')).toBeNull();
    expect(tracks.docs[0].alternates).toEqual([]);
    lavalink.calls.length = 0;
    await sut.reportLoadFailure(track, 'Must find sig function');
    expect(lavalink.calls).toEqual(['scsearch:Daft Punk - One More Time']);
  });

  it('looks nowhere else when FALLBACK_SOURCES is empty', async () => {
    catalog.fallback.sources = [];
    const track = await pinned('Daft Punk - One More Time');

    expect(await sut.reportLoadFailure(track, 'gone')).toBeNull();
    expect(lavalink.calls.some((call) => call.startsWith('scsearch:'))).toBe(false);
  });

  it('skips a source that does not answer within the budget and tries the next', async () => {
    catalog.fallback.sources = ['soundcloud', 'bandcamp'];
    lavalink.hanging.add('scsearch');
    lavalink.videos.push({
      ...soundcloudUpload('bc-full', 'One More Time', 'Daft Punk', 320_000),
      sourceName: 'bandcamp',
    });
    const track = await pinned('Daft Punk - One More Time');
    const fallbacks = new FallbackSourceService(lavalink as never, tracks as never, catalog.artists, catalog);
    const [known] = tracks.docs;

    const started = Date.now();
    const found = await fallbacks.find(known, { budgetMs: 300, sourceTimeoutMs: 100 });

    expect(Date.now() - started).toBeLessThan(1_000);
    expect(found).toMatchObject({ identifier: 'bc-full', sourceName: 'bandcamp' });
    expect(lavalink.calls.slice(-2)).toEqual([
      'scsearch:Daft Punk - One More Time',
      'bcsearch:Daft Punk - One More Time',
    ]);
    expect(track.identifier).toBe('dpTopic0001');
  });
});
