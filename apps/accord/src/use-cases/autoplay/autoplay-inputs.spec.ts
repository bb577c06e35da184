import type { ListenerProfile } from '@accord/recommender';
import type { QueueEntry } from '../../domain/playback/playback.types';
import { buildSeedArtists, buildSeeds, queuedAsPlays, requesterSeed, roomProfiles } from './autoplay-inputs';
import type { GuildHistoryEntry } from '../../domain/history/guild-history.port';

const ana: ListenerProfile = {
  userId: 'ana',
  displayName: 'Ana',
  topArtists: [
    { id: 'daftpunk', name: 'Daft Punk', weight: 10 },
    { id: 'justice', name: 'Justice', weight: 5 },
  ],
  topTags: [],
  tracks: [{ id: 'daftpunk|onemoretime|none', name: 'Daft Punk - One More Time', weight: 4 }],
  likedTrackKeys: ['kavinsky|nightcall|none'],
  dislikedTrackKeys: [],
  playCount: 30,
};

const playing: QueueEntry = {
  id: 'e1',
  track: {
    encoded: 'QAAA',
    identifier: 'dQw4w9WgXcQ',
    sourceName: 'youtube',
    title: 'Daft Punk - Around the World (Official Video)',
    author: 'Daft Punk',
    durationMs: 240_000,
    isStream: false,
    isSeekable: true,
  },
  source: 'request',
  requestedBy: 'ana',
  addedAt: new Date(),
};

function play(trackKey: string, startedAt: number, extra: Partial<GuildHistoryEntry> = {}): GuildHistoryEntry {
  return { trackKey, artistKey: trackKey.split('|')[0], startedAt, listeners: ['ana'], source: 'request', ...extra };
}

describe('autoplay inputs', () => {
  it("seeds from the song playing now (with its video), recent plays and the listeners' liked and top songs", () => {
    const seeds = buildSeeds({
      listenerIds: ['ana'],
      profiles: [ana],
      history: [play('air|sexyboy|none', 1_000, { artistName: 'Air', title: 'Sexy Boy' })],
      playing: [playing],
    });

    expect(seeds[0]).toEqual({
      trackKey: 'daftpunk|aroundtheworld|none',
      artistKey: 'daftpunk',
      artistName: 'Daft Punk',
      title: 'Around the World',
      youtubeId: 'dQw4w9WgXcQ',
      userIds: ['ana'],
      weight: 1,
    });
    expect(seeds.map((seed) => seed.trackKey)).toEqual([
      'daftpunk|aroundtheworld|none',
      'air|sexyboy|none',
      'kavinsky|nightcall|none',
      'daftpunk|onemoretime|none',
    ]);
    expect(seeds.find((seed) => seed.trackKey === 'daftpunk|onemoretime|none')).toMatchObject({
      artistName: 'Daft Punk',
      title: 'One More Time',
    });
  });

  it('ignores plays none of the present listeners heard', () => {
    const seeds = buildSeeds({
      listenerIds: ['ana'],
      profiles: [],
      history: [play('air|sexyboy|none', 1_000, { listeners: ['someone-else'] })],
      playing: [],
    });
    expect(seeds).toEqual([]);
  });

  it("pools the listeners' top artists with the seed songs' artists", () => {
    const artists = buildSeedArtists(
      [ana],
      [{ trackKey: 'air|sexyboy|none', artistKey: 'air', artistName: 'Air', userIds: [], weight: 1 }],
    );
    expect(artists.map((artist) => [artist.artistKey, artist.weight])).toEqual([
      ['daftpunk', 1],
      ['justice', 0.5],
      ['air', 0.8],
    ]);
  });

  it('counts queued songs as just played, the last queued as the most recent', () => {
    const plays = queuedAsPlays(
      [playing, { ...playing, id: 'e2', track: { ...playing.track, title: 'Justice - Genesis', author: 'Justice' } }],
      ['ana'],
      1_000,
    );
    expect(plays.map((entry) => [entry.trackKey, entry.startedAt])).toEqual([
      ['daftpunk|aroundtheworld|none', 1_001],
      ['justice|genesis|none', 1_002],
    ]);
  });

  it('fills listeners without a profile with newcomers, and takes the latest request of someone present as the seed', () => {
    const room = roomProfiles(['ana', 'ben'], [ana], (id) => id.toUpperCase());
    expect(room.map((profile) => [profile.userId, profile.displayName, profile.playCount])).toEqual([
      ['ana', 'Ana', 30],
      ['ben', 'BEN', 0],
    ]);
    // A stored profile without a name of its own comes with the user id as its name.
    const unnamed = roomProfiles(['ana'], [{ ...ana, displayName: 'ana' }], (id) => `member ${id}`);
    expect(unnamed[0].displayName).toBe('member ana');
    const seed = requesterSeed(
      [
        play('air|sexyboy|none', 2, { requestedBy: 'zed' }),
        play('justice|genesis|none', 1, { requestedBy: 'ben', artistName: 'Justice' }),
      ],
      ['ana', 'ben'],
    );
    expect(seed).toEqual({ userId: 'ben', ref: { kind: 'artist', id: 'justice', name: 'Justice' } });
  });
});
