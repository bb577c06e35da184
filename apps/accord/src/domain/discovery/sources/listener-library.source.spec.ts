import type { DiscoveryContext, ListenerSeed } from '../candidate-source';
import { ListenerLibrarySource } from './listener-library.source';

const listener = (userId: string, overrides: Partial<ListenerSeed>): ListenerSeed => ({
  userId,
  displayName: userId,
  topArtists: [],
  topTags: [],
  tracks: [],
  likedTrackKeys: [],
  ...overrides,
});

describe(ListenerLibrarySource.name, () => {
  it("offers each listener's liked and most played songs, alternating between listeners, with names for the search", async () => {
    const context: DiscoveryContext = {
      guildId: 'g1',
      listeners: [
        listener('ana', {
          topArtists: [{ id: 'daftpunk', name: 'Daft Punk', weight: 9 }],
          tracks: [
            { id: 'daftpunk|onemoretime|none', name: 'Daft Punk - One More Time', weight: 3 },
            { id: 'daftpunk|digitallove|none', name: 'Digital Love', weight: 5 },
          ],
          likedTrackKeys: ['justice|genesis|none'],
        }),
        listener('cy', { tracks: [{ id: 'milesdavis|sowhat|none', name: 'Miles Davis - So What', weight: 1 }] }),
      ],
      seeds: [],
      artists: [],
      limit: 10,
      signal: new AbortController().signal,
    };

    const found = await new ListenerLibrarySource().candidates(context);

    expect(found.map((candidate) => candidate.trackKey)).toEqual([
      'justice|genesis|none',
      'milesdavis|sowhat|none',
      'daftpunk|digitallove|none',
      'daftpunk|onemoretime|none',
    ]);
    expect(found.find((candidate) => candidate.trackKey === 'daftpunk|digitallove|none')).toMatchObject({
      artistName: 'Daft Punk',
      title: 'Digital Love',
      query: 'Daft Punk - Digital Love',
    });
  });
});
