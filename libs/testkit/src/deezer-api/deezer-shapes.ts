/**
 * Deezer API answers in the shapes the real API gives (https://developers.deezer.com/api):
 * artist objects as `/search/artist` and `/artist/{id}/related` list them, track objects as
 * `/artist/{id}/top` lists them, lists as `{ data, total, next? }`, and the 200-with-`error` body.
 */

export interface DeezerArtistSpec {
  id: number;
  name: string;
  fans?: number;
}

export interface DeezerTrackSpec {
  id: number;
  title: string;
  durationS?: number;
  rank?: number;
}

const picture = (kind: string, size: string): string =>
  `https://e-cdns-images.dzcdn.net/images/${kind}/0f1e2d3c4b5a69788796a5b4c3d2e1f0/${size}-000000-80-0-0.jpg`;

export function deezerArtistJson(artist: DeezerArtistSpec): Record<string, unknown> {
  return {
    id: artist.id,
    name: artist.name,
    link: `https://www.deezer.com/artist/${artist.id}`,
    picture: `https://api.deezer.com/artist/${artist.id}/image`,
    picture_small: picture('artist', '56x56'),
    picture_medium: picture('artist', '250x250'),
    picture_big: picture('artist', '500x500'),
    picture_xl: picture('artist', '1000x1000'),
    nb_album: 12,
    nb_fan: artist.fans ?? 100_000,
    radio: true,
    tracklist: `https://api.deezer.com/artist/${artist.id}/top?limit=50`,
    type: 'artist',
  };
}

export function deezerTopTrackJson(track: DeezerTrackSpec, artist: DeezerArtistSpec): Record<string, unknown> {
  return {
    id: track.id,
    readable: true,
    title: track.title,
    title_short: track.title,
    title_version: '',
    link: `https://www.deezer.com/track/${track.id}`,
    duration: track.durationS ?? 215,
    rank: track.rank ?? 700_000,
    explicit_lyrics: false,
    explicit_content_lyrics: 0,
    explicit_content_cover: 0,
    preview: `https://cdnt-preview.dzcdn.net/api/1/1/fixture/${track.id}.mp3`,
    contributors: [{ ...deezerArtistJson(artist), role: 'Main' }],
    md5_image: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    artist: {
      id: artist.id,
      name: artist.name,
      tracklist: `https://api.deezer.com/artist/${artist.id}/top?limit=50`,
      type: 'artist',
    },
    album: {
      id: track.id * 10,
      title: `${track.title} (Single)`,
      cover: `https://api.deezer.com/album/${track.id * 10}/image`,
      cover_small: picture('cover', '56x56'),
      cover_medium: picture('cover', '250x250'),
      cover_big: picture('cover', '500x500'),
      cover_xl: picture('cover', '1000x1000'),
      md5_image: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
      tracklist: `https://api.deezer.com/album/${track.id * 10}/tracks`,
      type: 'album',
    },
    type: 'track',
  };
}

export function deezerList(data: unknown[], total = data.length): Record<string, unknown> {
  return { data, total };
}

export const DEEZER_NO_DATA = { error: { type: 'DataException', message: 'no data', code: 800 } };
