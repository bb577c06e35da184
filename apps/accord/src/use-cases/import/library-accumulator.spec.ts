import { LibraryAccumulator, songKey } from './library-accumulator';

describe(LibraryAccumulator.name, () => {
  it.each([
    { song: { artist: 'Daft Punk', title: 'One More Time - Radio Edit' }, key: 'daftpunk|onemoretime|none' },
    { song: { artist: 'The Beatles', title: 'Let It Be - Remastered 2009' }, key: 'beatles|letitbe|none' },
    { song: { artist: 'Daft Punk', title: 'One More Time (Live)' }, key: 'daftpunk|onemoretime|live' },
  ])('keys $song.artist - $song.title as the catalog would: $key', ({ song, key }) => {
    expect(songKey(song)).toBe(key);
  });

  it('adds up songs and artists with log weights, strongest first, and ignores songs without a name', () => {
    const sut = new LibraryAccumulator();
    sut.addSong({ artist: 'Daft Punk', title: 'One More Time' }, 2);
    sut.addSong({ artist: 'Daft Punk', title: 'One More Time - Radio Edit' }, 1);
    sut.addSong({ artist: 'Air', title: 'Sexy Boy' }, 1);
    sut.addSong({ artist: '', title: 'Nameless' }, 1);
    sut.addArtist('Air', 1);
    const { artists, tracks } = sut.result({ artists: 10, tracks: 1 });
    expect(sut.songCount).toBe(3);
    expect(tracks).toEqual([
      {
        id: 'daftpunk|onemoretime|none',
        name: 'Daft Punk - One More Time',
        weight: Math.round(Math.log1p(3) * 1e4) / 1e4,
      },
    ]);
    expect(artists.map((artist) => [artist.id, artist.weight])).toEqual([
      ['daftpunk', Math.round(Math.log1p(3) * 1e4) / 1e4],
      ['air', Math.round(Math.log1p(2) * 1e4) / 1e4],
    ]);
  });
});
