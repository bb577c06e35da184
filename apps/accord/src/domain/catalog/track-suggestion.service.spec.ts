import { Logger } from '@nestjs/common';
import {
  CatalogTrackFactory,
  createCatalog,
  video,
  type FakeLavalink,
  type InMemoryTrackRepository,
} from './testing/catalog.fakes';
import { TrackSuggestionService } from './track-suggestion.service';

describe(TrackSuggestionService.name, () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  afterAll(() => {
    Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']);
  });

  const pinnedVideo = video('dpTopic0001', 'One More Time', 'Daft Punk - Topic', 320_357);
  let tracks: InMemoryTrackRepository;
  let lavalink: FakeLavalink;
  let sut: TrackSuggestionService;

  beforeEach(() => {
    ({ tracks, lavalink, suggestions: sut } = createCatalog());
    tracks.docs.push(CatalogTrackFactory.create({ artist: 'Daft Punk', title: 'One More Time', video: pinnedVideo }));
    lavalink.videos = [
      pinnedVideo,
      video('dpLive00001', 'Daft Punk - One More Time (Live)', 'Daft Punk', 400_000),
      video('dpStream001', 'Daft Punk radio 24/7', 'Lofi Radio', 0),
    ];
    lavalink.videos[2].isStream = true;
  });

  it('offers known songs first, then YouTube Music videos that are not pinned already and not streams', async () => {
    const suggestions = await sut.suggest('daft punk one more', 5);

    expect(suggestions).toEqual([
      { name: 'Daft Punk - One More Time', value: `track:${tracks.docs[0].id}` },
      { name: 'Daft Punk - Daft Punk - One More Time (Live)', value: 'https://www.youtube.com/watch?v=dpLive00001' },
    ]);
    expect(lavalink.calls).toEqual(['ytmsearch:daft punk one more']);
  });

  it('searches a prefix once and answers it again from the cache', async () => {
    const [first, second] = await Promise.all([sut.suggest('Daft Punk', 5), sut.suggest('daft  punk', 5)]);
    const third = await sut.suggest('DAFT PUNK', 5);

    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(lavalink.calls).toHaveLength(1);
  });

  it('searches nothing for a blank or short prefix, or when known songs fill the list', async () => {
    expect(await sut.suggest('   ', 5)).toEqual([]);
    expect(await sut.suggest('da', 5)).toHaveLength(1);
    expect(await sut.suggest('daft punk', 1)).toHaveLength(1);
    expect(lavalink.calls).toEqual([]);
  });

  it('answers known songs only when Lavalink is away', async () => {
    lavalink.down = true;

    expect(await sut.suggest('daft punk one more', 5)).toEqual([
      { name: 'Daft Punk - One More Time', value: `track:${tracks.docs[0].id}` },
    ]);
  });
});
