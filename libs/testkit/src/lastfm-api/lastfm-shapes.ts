/**
 * Last.fm API 2.0 answers (`format=json`) in the shapes the real API gives: `track.getSimilar`
 * (`similartracks.track[]`, `match` a number), `artist.getSimilar` (`similarartists.artist[]`,
 * `match` a string), `artist.getTopTracks` (`toptracks.track[]`, counts as strings) and the
 * `{ error, message, links }` body.
 */

const images = (): Array<Record<string, string>> =>
  ['small', 'medium', 'large', 'extralarge'].map((size) => ({
    '#text': `https://lastfm.freetls.fastly.net/i/u/${size}/2a96cbd8b46e442fc41c2b86b821562f.png`,
    size,
  }));

const artistUrl = (name: string): string =>
  `https://www.last.fm/music/${encodeURIComponent(name).replace(/%20/g, '+')}`;

export interface LastfmSongSpec {
  artist: string;
  title: string;
  match?: number;
  playcount?: number;
}

export function similarTracksJson(seedArtist: string, tracks: LastfmSongSpec[]): Record<string, unknown> {
  return {
    similartracks: {
      track: tracks.map((track) => ({
        name: track.title,
        playcount: track.playcount ?? 250_000,
        match: track.match ?? 0.5,
        url: `${artistUrl(track.artist)}/_/${encodeURIComponent(track.title).replace(/%20/g, '+')}`,
        streamable: { '#text': '0', fulltrack: '0' },
        duration: 215,
        artist: { name: track.artist, mbid: '', url: artistUrl(track.artist) },
        image: images(),
      })),
      '@attr': { artist: seedArtist },
    },
  };
}

export function similarArtistsJson(
  seedArtist: string,
  artists: Array<{ name: string; match: number }>,
): Record<string, unknown> {
  return {
    similarartists: {
      artist: artists.map((artist) => ({
        name: artist.name,
        mbid: '',
        match: artist.match.toFixed(6),
        url: artistUrl(artist.name),
        image: images(),
        streamable: '0',
      })),
      '@attr': { artist: seedArtist },
    },
  };
}

export function topTracksJson(artist: string, tracks: LastfmSongSpec[]): Record<string, unknown> {
  return {
    toptracks: {
      track: tracks.map((track, index) => ({
        name: track.title,
        playcount: String(track.playcount ?? 1_000_000 - index * 1_000),
        listeners: String(Math.round((track.playcount ?? 1_000_000) / 10)),
        mbid: '',
        url: `${artistUrl(artist)}/_/${encodeURIComponent(track.title).replace(/%20/g, '+')}`,
        streamable: '0',
        artist: { name: artist, mbid: '', url: artistUrl(artist) },
        image: images(),
        '@attr': { rank: String(index + 1) },
      })),
      '@attr': { artist, page: '1', perPage: '50', totalPages: '1', total: String(tracks.length) },
    },
  };
}

export function lastfmError(code: number, message: string): Record<string, unknown> {
  return { error: code, message, links: [] };
}
