import { createConnection, type Connection } from 'mongoose';
import type { NewCatalogTrack } from './catalog.types';
import { TrackRepository } from './track.repository';
import { TRACK_MODEL, trackSchema, type TrackDocument } from './track.schema';

function newTrack(overrides: Partial<NewCatalogTrack> & { key: string; youtubeId: string }): NewCatalogTrack {
  const [artist = '', title = ''] = overrides.key.split('|');
  return {
    artist,
    title,
    variant: 'none',
    durationMs: 210_000,
    aliases: [`yt:${overrides.youtubeId}`],
    pin: { by: 'auto', at: new Date('2025-01-01T00:00:00Z'), score: 0.9 },
    lavalink: {
      encoded: `QAAA-${overrides.youtubeId}`,
      identifier: overrides.youtubeId,
      title: `${artist} - ${title}`,
      author: artist,
      uri: `https://www.youtube.com/watch?v=${overrides.youtubeId}`,
      length: 210_000,
      isStream: false,
      isSeekable: true,
      sourceName: 'youtube',
    },
    ...overrides,
  };
}

describe(TrackRepository.name, () => {
  let connection: Connection;
  let sut: TrackRepository;

  beforeAll(async () => {
    // The integration project's setup gives each spec file its own database in MONGODB_URI.
    const uri = process.env.MONGODB_URI;
    if (!uri) throw new Error('MONGODB_URI is not set: run this spec through the root jest config');
    connection = await createConnection(uri, { serverSelectionTimeoutMS: 10_000 }).asPromise();
    const model = connection.model<TrackDocument>(TRACK_MODEL, trackSchema);
    await model.init();
    sut = new TrackRepository(model);
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('creates a track and finds it by id, key, alias and video id as a plain object', async () => {
    const created = await sut.create(
      newTrack({ key: 'daftpunk|onemoretime|none', youtubeId: 'FGBhQbmPwH8', aliases: ['q:daft punk one more time'] }),
    );

    expect(created.id).toMatch(/^[a-f0-9]{24}$/);
    expect(created).not.toHaveProperty('_id');
    expect(await sut.findById(created.id)).toMatchObject({ key: 'daftpunk|onemoretime|none' });
    expect(await sut.findByKey('daftpunk|onemoretime|none')).toMatchObject({ id: created.id });
    expect(await sut.findByKeyOrAlias('nope|nope|none', ['q:daft punk one more time'])).toMatchObject({
      id: created.id,
    });
    expect(await sut.findByVideoId('FGBhQbmPwH8')).toMatchObject({ id: created.id });
    expect(await sut.findById('not-an-id')).toBeNull();
  });

  it('prefers the key over an alias of another track', async () => {
    const a = await sut.create(newTrack({ key: 'air|sexyboy|none', youtubeId: 'aaaaaaaaaaa', aliases: ['q:shared'] }));
    const b = await sut.create(newTrack({ key: 'air|kellywatchthestars|none', youtubeId: 'bbbbbbbbbbb' }));

    expect(await sut.findByKeyOrAlias(b.key, ['q:shared'])).toMatchObject({ id: b.id });
    expect(await sut.findByKeyOrAlias(undefined, ['q:shared'])).toMatchObject({ id: a.id });
  });

  it('prefers the key even when many other tracks share the alias', async () => {
    for (let n = 0; n < 12; n++) {
      await sut.create(
        newTrack({
          key: `cover${n}|sexyboy|none`,
          youtubeId: `cover${String(n).padStart(6, '0')}`,
          aliases: ['q:sexy boy'],
        }),
      );
    }
    const original = await sut.create(newTrack({ key: 'air|sexyboy|none', youtubeId: 'ddddddddddd' }));

    expect(await sut.findByKeyOrAlias(original.key, ['q:sexy boy'])).toMatchObject({ id: original.id });
  });

  it('returns the first pin and adds the aliases when the same key is created twice', async () => {
    const first = await sut.create(newTrack({ key: 'justice|genesis|none', youtubeId: 'ccccccccccc' }));
    const second = await sut.create(
      newTrack({ key: 'justice|genesis|none', youtubeId: 'ddddddddddd', aliases: ['q:justice genesis'] }),
    );

    expect(second.id).toBe(first.id);
    expect(second.youtubeId).toBe('ccccccccccc');
    expect(second.aliases).toEqual(expect.arrayContaining(['yt:ccccccccccc', 'q:justice genesis']));
  });

  it('inserts only the missing keys of a batch', async () => {
    const inserted = await sut.createMissing([
      newTrack({ key: 'justice|genesis|none', youtubeId: 'eeeeeeeeeee' }),
      newTrack({ key: 'justice|dance|none', youtubeId: 'fffffffffff' }),
      newTrack({ key: 'justice|dvno|none', youtubeId: 'ggggggggggg' }),
    ]);

    expect(inserted).toBe(2);
    expect((await sut.findByKey('justice|genesis|none'))?.youtubeId).toBe('ccccccccccc');
    expect((await sut.findManyByKeys(['justice|dance|none', 'justice|dvno|none', 'x|y|none'])).length).toBe(2);
  });

  it('records one alternate per source beside the pin, the newest replacing the older', async () => {
    const track = await sut.create(newTrack({ key: 'cassius|feelinlove|none', youtubeId: 'jjjjjjjjjjj' }));
    const upload = (identifier: string, sourceName: string) => ({
      ...track.lavalink,
      encoded: `QAAA-${identifier}`,
      identifier,
      uri: `https://${sourceName}.com/air/${identifier}`,
      sourceName,
    });
    const at = new Date('2026-12-01T00:00:00Z');

    await sut.setAlternate(track.id, { source: 'soundcloud', lavalink: upload('sc-1', 'soundcloud'), at }, []);
    const first = await sut.findById(track.id);
    await sut.setAlternate(
      track.id,
      { source: 'bandcamp', lavalink: upload('bc-1', 'bandcamp'), at },
      first!.alternates!,
    );
    const second = await sut.findById(track.id);
    await sut.setAlternate(
      track.id,
      { source: 'soundcloud', lavalink: upload('sc-2', 'soundcloud'), at },
      second!.alternates!,
    );

    const stored = await sut.findById(track.id);
    expect(stored).toMatchObject({ youtubeId: 'jjjjjjjjjjj', lavalink: { identifier: 'jjjjjjjjjjj' } });
    expect(stored!.alternates!.map((alternate) => [alternate.source, alternate.lavalink.identifier])).toEqual([
      ['bandcamp', 'bc-1'],
      ['soundcloud', 'sc-2'],
    ]);
    expect(stored!.alternates![1]).toEqual({ source: 'soundcloud', lavalink: upload('sc-2', 'soundcloud'), at });

    await sut.removeAlternate(track.id, 'sc-2');
    const forgotten = await sut.findById(track.id);
    expect(forgotten!.alternates!.map((alternate) => alternate.lavalink.identifier)).toEqual(['bc-1']);
  });

  it('re-pins, adding aliases without duplicates, keeping the history given, and clears unavailable', async () => {
    const track = await sut.create(newTrack({ key: 'moby|porcelain|none', youtubeId: 'hhhhhhhhhhh' }));
    await sut.recordFailure(track.id, 'hhhhhhhhhhh', true);
    const failed = await sut.findById(track.id);
    expect(failed).toMatchObject({ failures: 1, unavailable: true, failedVideoIds: ['hhhhhhhhhhh'] });

    const repin = {
      at: new Date('2025-02-01T00:00:00Z'),
      fromYoutubeId: 'hhhhhhhhhhh',
      youtubeId: 'iiiiiiiiiii',
      by: 'user' as const,
      score: 0.8,
      actor: { userId: '4242', guildId: '777', via: 'discord' as const },
    };
    const repinned = await sut.setPin(track.id, {
      youtubeId: 'iiiiiiiiiii',
      lavalink: { ...track.lavalink, identifier: 'iiiiiiiiiii', encoded: 'QAAA-i' },
      by: 'user',
      score: 0.8,
      at: new Date('2025-02-01T00:00:00Z'),
      aliases: ['yt:hhhhhhhhhhh', 'yt:iiiiiiiiiii'],
      pinHistory: [repin],
    });

    expect(repinned).toMatchObject({
      youtubeId: 'iiiiiiiiiii',
      unavailable: false,
      pin: { by: 'user', score: 0.8 },
      lavalink: { identifier: 'iiiiiiiiiii', encoded: 'QAAA-i' },
    });
    expect(repinned?.aliases).toEqual(['yt:hhhhhhhhhhh', 'yt:iiiiiiiiiii']);
    expect(await sut.findByVideoId('hhhhhhhhhhh')).toMatchObject({ id: track.id });
    expect((await sut.findById(track.id))?.pinHistory).toEqual([repin]);
  });

  it('finds tracks by Spotify id, one or many', async () => {
    const track = await sut.create(newTrack({ key: 'queen|bohemianrhapsody|none', youtubeId: 'jjjjjjjjjjj' }));
    await sut.setSourceIds(track.id, { spotifyId: '4u7EnebtmKWzUH433cf5Qv', isrc: 'GBUM71029604' });

    expect(await sut.findBySpotifyId('4u7EnebtmKWzUH433cf5Qv')).toMatchObject({ id: track.id, isrc: 'GBUM71029604' });
    expect(await sut.findManyBySpotifyIds(['4u7EnebtmKWzUH433cf5Qv', 'unknown'])).toHaveLength(1);
  });

  it('finds playable tracks by a folded prefix of "artist title" or the title', async () => {
    await sut.create(newTrack({ key: 'motleycrue|kickstartmyheart|none', youtubeId: 'kkkkkkkkkkk' }));
    const track = await sut.findByKey('motleycrue|kickstartmyheart|none');
    await connection
      .collection('tracks')
      .updateOne(
        { key: track?.key },
        { $set: { searchText: ['motley crue kickstart my heart', 'kickstart my heart'] } },
      );

    expect(await sut.searchByPrefix('Mötley  Crüe', 5)).toEqual([expect.objectContaining({ id: track?.id })]);
    expect(await sut.searchByPrefix('kickst', 5)).toHaveLength(1);
    expect(await sut.searchByPrefix('(.*', 5)).toEqual([]);
    expect(await sut.searchByPrefix('', 5)).toEqual([]);
  });

  it('deletes a track', async () => {
    const track = await sut.create(newTrack({ key: 'a|b|none', youtubeId: 'lllllllllll' }));
    expect(await sut.delete(track.id)).toBe(true);
    expect(await sut.findById(track.id)).toBeNull();
  });

  it('lists the artists of the songs pinned last, newest first, at most the limit', async () => {
    await sut.create(
      newTrack({ key: 'gotye|somebodythatiusedtoknow|none', youtubeId: 'mmmmmmmmmmm', artist: 'Gotye' }),
    );
    await sut.create(newTrack({ key: 'florida|wildones|none', youtubeId: 'nnnnnnnnnnn', artist: 'Flo Rida' }));

    expect(await sut.recentArtists(2)).toEqual(['Flo Rida', 'Gotye']);
    expect(await sut.recentArtists(0)).toEqual([]);
  });
});
