import { Logger } from '@nestjs/common';
import { artistLookupKey } from '@accord/track-identity';
import { CatalogArtists, KNOWN_ARTISTS_REFRESH_MS, MAX_KNOWN_ARTISTS } from './catalog-artists';
import { CatalogTrackFactory, InMemoryTrackRepository } from './testing/catalog.fakes';
import type { TrackRepository } from './track.repository';

describe(CatalogArtists.name, () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  afterAll(() => {
    Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']);
    jest.useRealTimers();
  });

  let tracks: InMemoryTrackRepository;
  let sut: CatalogArtists;

  beforeEach(() => {
    tracks = new InMemoryTrackRepository();
    sut = new CatalogArtists(tracks as unknown as TrackRepository);
  });

  it('knows the artists of pinned songs, with their spelling', async () => {
    tracks.docs.push(CatalogTrackFactory.create({ artist: 'The Weeknd' }));

    const lookup = await sut.lookup();

    expect(lookup.has(artistLookupKey('weeknd'))).toBe(true);
    expect(lookup.spelling?.(artistLookupKey('THE WEEKND'))).toBe('The Weeknd');
  });

  it('reads pinned songs again only after the refresh period', async () => {
    jest.useFakeTimers({ now: new Date('2025-01-01T00:00:00Z') });
    await sut.lookup();
    tracks.docs.push(CatalogTrackFactory.create({ artist: 'Gotye' }));

    await sut.lookup();
    const before = sut.has(artistLookupKey('Gotye'));
    jest.setSystemTime(Date.now() + KNOWN_ARTISTS_REFRESH_MS);
    await sut.lookup();

    expect(before).toBe(false);
    expect(sut.has(artistLookupKey('Gotye'))).toBe(true);
    expect(tracks.artistReads).toBe(2);
    jest.useRealTimers();
  });

  it('keeps the names it was given while the database is away', async () => {
    sut.remember(['Adele']);
    jest.spyOn(tracks, 'recentArtists').mockRejectedValue(new Error('connection refused'));

    const lookup = await sut.lookup();

    expect(lookup.has(artistLookupKey('Adele'))).toBe(true);
  });

  it('skips blank, overlong and non-text names, and drops the least recently seen past its bound', () => {
    sut.remember(['', '   ', 'x'.repeat(201), 42, null, 'First Artist']);
    sut.remember(Array.from({ length: MAX_KNOWN_ARTISTS }, (_, n) => `Artist ${n}`));

    expect(sut.size).toBe(MAX_KNOWN_ARTISTS);
    expect(sut.has(artistLookupKey('First Artist'))).toBe(false);
    expect(sut.has(artistLookupKey(`Artist ${MAX_KNOWN_ARTISTS - 1}`))).toBe(true);
  });
});
