import type { DeezerWorldArtist } from '@accord/testkit/deezer-api';
import type { LastfmWorld } from '@accord/testkit/lastfm-api';
import { youtubeTrack, type CatalogueTrack } from '@accord/testkit/lavalink';

/** One simulated listener: who they are and the songs they like (what they play and /like in the warm-up). */
export interface DemoListener {
  name: string;
  /** What the demo prints about them. */
  taste: string;
  favourites: Array<[artist: string, title: string]>;
}

/** Six people with tastes far enough apart that autoplay has to take turns. */
export const LISTENERS: DemoListener[] = [
  {
    name: 'Ana',
    taste: 'French house',
    favourites: [
      ['Daft Punk', 'One More Time'],
      ['Justice', 'Genesis'],
      ['Cassius', 'Feeling for You'],
    ],
  },
  {
    name: 'Ben',
    taste: 'synthwave',
    favourites: [
      ['Kavinsky', 'Nightcall'],
      ['The Midnight', 'Sunset'],
      ['FM-84', 'Running in the Night'],
    ],
  },
  {
    name: 'Cy',
    taste: 'jazz',
    favourites: [
      ['Miles Davis', 'So What'],
      ['John Coltrane', 'Naima'],
      ['Bill Evans', 'Peace Piece'],
    ],
  },
  {
    name: 'Dee',
    taste: 'indie rock',
    favourites: [
      ['Phoenix', 'Lisztomania'],
      ['The Strokes', 'Last Nite'],
      ['Franz Ferdinand', 'Take Me Out'],
    ],
  },
  {
    name: 'Eli',
    taste: 'hip hop',
    favourites: [
      ['A Tribe Called Quest', 'Electric Relaxation'],
      ['De La Soul', 'Eye Know'],
      ['Nujabes', 'Aruarian Dance'],
    ],
  },
  {
    name: 'Fay',
    taste: 'ambient and modern classical',
    favourites: [
      ['Max Richter', 'On the Nature of Daylight'],
      ['Nils Frahm', 'Says'],
      ['Brian Eno', 'An Ending (Ascent)'],
    ],
  },
];

/** Deezer's view of these artists: related artists and top tracks (what discovery and autoplay ask). */
export const DEEZER_WORLD: DeezerWorldArtist[] = [
  artist(27, 'Daft Punk', [6404, 1560, 2111, 6159], ['One More Time', 'Around the World', 'Digital Love']),
  artist(6404, 'Justice', [27, 1560, 6159], ['Genesis', 'D.A.N.C.E.', 'Phantom']),
  artist(6159, 'Cassius', [27, 6404], ['Feeling for You', 'The Sound of Violence']),
  artist(2111, 'Air', [27, 4510], ['Sexy Boy', 'La Femme d Argent']),
  artist(1560, 'Kavinsky', [27, 7001, 7002], ['Nightcall', 'Odd Look', 'Roadgame']),
  artist(7001, 'The Midnight', [7002, 1560], ['Sunset', 'Days of Thunder', 'Los Angeles']),
  artist(7002, 'FM-84', [7001, 1560], ['Running in the Night', 'Everything']),
  artist(1179, 'Miles Davis', [1174, 2980, 1197, 1200], ['So What', 'Blue in Green', 'Freddie Freeloader']),
  artist(1174, 'John Coltrane', [1179, 2980], ['Naima', 'Giant Steps', 'In a Sentimental Mood']),
  artist(2980, 'Herbie Hancock', [1179, 1174], ['Cantaloupe Island', 'Maiden Voyage']),
  artist(1197, 'Chet Baker', [1179, 1200], ['Almost Blue', 'My Funny Valentine']),
  artist(1200, 'Bill Evans', [1179, 1197], ['Peace Piece', 'Waltz for Debby']),
  artist(4510, 'Phoenix', [4511, 4512, 2111], ['Lisztomania', '1901', 'If I Ever Feel Better']),
  artist(4511, 'The Strokes', [4510, 4512], ['Last Nite', 'Someday', 'Reptilia']),
  artist(4512, 'Franz Ferdinand', [4511, 4510], ['Take Me Out', 'Do You Want To']),
  artist(5001, 'A Tribe Called Quest', [5002, 5003], ['Electric Relaxation', 'Can I Kick It?', 'Award Tour']),
  artist(5002, 'De La Soul', [5001], ['Eye Know', 'Me Myself and I']),
  artist(5003, 'Nujabes', [5001, 3003], ['Aruarian Dance', 'Feather', 'Luv(sic) Part 3']),
  artist(3001, 'Max Richter', [3002, 3003, 3004], ['On the Nature of Daylight', 'Spring 1']),
  artist(3002, 'Nils Frahm', [3001, 3003], ['Says', 'Familiar']),
  artist(3003, 'Ólafur Arnalds', [3001, 3002], ['Saman', 'Near Light']),
  artist(3004, 'Brian Eno', [3001], ['An Ending (Ascent)', 'Music for Airports 1/1']),
];

/** Last.fm's similar tracks and artists for a few of them (the rest answer "not found", as Last.fm does). */
export const LASTFM_WORLD: LastfmWorld = {
  similarTracks: {
    'Daft Punk - One More Time': [
      { artist: 'Cassius', title: 'The Sound of Violence', match: 0.8 },
      { artist: 'Justice', title: 'D.A.N.C.E.', match: 0.7 },
    ],
    'Kavinsky - Nightcall': [
      { artist: 'The Midnight', title: 'Los Angeles', match: 0.9 },
      { artist: 'FM-84', title: 'Everything', match: 0.6 },
    ],
    'Phoenix - Lisztomania': [{ artist: 'The Strokes', title: 'Someday', match: 0.8 }],
  },
  similarArtists: {
    'Miles Davis': [{ name: 'Bill Evans', match: 0.85 }],
    'Max Richter': [{ name: 'Ólafur Arnalds', match: 0.9 }],
    Nujabes: [{ name: 'A Tribe Called Quest', match: 0.6 }],
  },
  topTracks: {
    'Bill Evans': ['Peace Piece', 'Waltz for Debby'],
    'Ólafur Arnalds': ['Saman', 'Near Light'],
    'A Tribe Called Quest': ['Electric Relaxation', 'Award Tour'],
  },
};

/** Every song any source can name, as YouTube videos on the fake Lavalink (2:30 to 5:00 long). */
export function demoCatalogue(): CatalogueTrack[] {
  const songs = new Map<string, [string, string]>();
  const add = (artistName: string, title: string): void => {
    songs.set(`${artistName} - ${title}`.toLowerCase(), [artistName, title]);
  };
  for (const entry of DEEZER_WORLD) for (const track of entry.top ?? []) add(entry.name, track.title);
  for (const listener of LISTENERS) for (const [artistName, title] of listener.favourites) add(artistName, title);
  for (const similar of Object.values(LASTFM_WORLD.similarTracks ?? {})) {
    for (const song of similar) add(song.artist, song.title);
  }
  for (const [artistName, titles] of Object.entries(LASTFM_WORLD.topTracks ?? {})) {
    for (const title of titles) add(artistName, title);
  }
  return [...songs.values()].map(([author, title]) =>
    youtubeTrack({ author, title, length: 150_000 + (hash(`${author}${title}`) % 150) * 1_000 }),
  );
}

function artist(id: number, name: string, related: number[], titles: string[]): DeezerWorldArtist {
  return { id, name, related, top: titles.map((title, index) => ({ id: id * 100 + index, title })) };
}

function hash(text: string): number {
  let value = 0;
  for (const char of text) value = (value * 31 + char.charCodeAt(0)) >>> 0;
  return value;
}
