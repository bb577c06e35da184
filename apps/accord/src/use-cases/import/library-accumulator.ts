import type { WeightedRef } from '@accord/recommender';
import { cleanTitle, parseTrackKey, trackKey } from '@accord/track-identity';
import { artistKeyOf } from '../../domain/history/played-song';

/** A song from an outside library, by name: identified with the catalog's keys, not pinned to a video. */
export interface LibrarySong {
  artist: string;
  title: string;
}

/** The catalog's key for a song known by its catalogue names ("One More Time - Radio Edit" by "Daft Punk"). */
export function songKey(song: LibrarySong): string {
  const cleaned = cleanTitle(song.title, song.artist);
  return trackKey({ artist: song.artist, title: cleaned.title, variant: cleaned.variant });
}

/**
 * Adds up an imported library (top tracks, saved tracks, playlists, scrobbles) into weighted
 * artists and tracks. Weights are `log(1 + sum)`, so a thousand saved songs of one artist do not
 * drown everything else (the recommender expects weights roughly linear in preference).
 */
export class LibraryAccumulator {
  private readonly tracks = new Map<string, { name: string; weight: number }>();
  private readonly artists = new Map<string, { name: string; weight: number }>();
  private songs = 0;

  get songCount(): number {
    return this.songs;
  }

  addSong(song: LibrarySong, weight: number): void {
    const artist = song.artist.trim();
    const title = song.title.trim();
    if (!artist || !title || !(weight > 0)) return;
    const key = songKey({ artist, title });
    if (!parseTrackKey(key)) return;
    this.songs += 1;
    add(this.tracks, key, `${artist} - ${cleanTitle(title, artist).title || title}`, weight);
    add(this.artists, artistKeyOf(key), artist, weight);
  }

  /** A song whose key the catalog already gave (e.g. a YouTube playlist entry). */
  addKeyed(key: string, song: LibrarySong, weight: number): void {
    if (!parseTrackKey(key) || !(weight > 0)) return;
    this.songs += 1;
    add(this.tracks, key, song.artist ? `${song.artist} - ${song.title}` : song.title, weight);
    add(this.artists, artistKeyOf(key), song.artist || artistKeyOf(key), weight);
  }

  addArtist(name: string, weight: number): void {
    const key = artistKeyOf(songKey({ artist: name, title: 'x' }));
    if (key && weight > 0) add(this.artists, key, name.trim(), weight);
  }

  result(limits: { artists: number; tracks: number }): { artists: WeightedRef[]; tracks: WeightedRef[] } {
    return { artists: ranked(this.artists, limits.artists), tracks: ranked(this.tracks, limits.tracks) };
  }
}

function add(map: Map<string, { name: string; weight: number }>, id: string, name: string, weight: number): void {
  const entry = map.get(id);
  if (entry) entry.weight += weight;
  else map.set(id, { name, weight });
}

function ranked(map: Map<string, { name: string; weight: number }>, max: number): WeightedRef[] {
  return [...map.entries()]
    .map(([id, { name, weight }]) => ({ id, name, weight: Math.round(Math.log1p(weight) * 1e4) / 1e4 }))
    .sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id))
    .slice(0, max);
}
