import type { DiscoveryContext, SeedArtist, SeedTrack } from '../candidate-source';

/** The room's strongest seed artists (by weight, then name for a stable order). */
export function seedArtists(context: DiscoveryContext, count: number): SeedArtist[] {
  return [...context.artists]
    .filter((artist) => artist.artistName.trim().length > 0)
    .sort((a, b) => b.weight - a.weight || a.artistKey.localeCompare(b.artistKey))
    .slice(0, count);
}

/** The strongest seed tracks that pass `usable` (e.g. "has names", "has a video"). */
export function seedTracks(
  context: DiscoveryContext,
  count: number,
  usable: (seed: SeedTrack) => boolean,
): SeedTrack[] {
  return [...context.seeds]
    .filter(usable)
    .sort((a, b) => b.weight - a.weight || a.trackKey.localeCompare(b.trackKey))
    .slice(0, count);
}

/** "Daft Punk - One More Time", or the key when the names are unknown. */
export function seedName(seed: SeedTrack): string {
  return seed.artistName && seed.title ? `${seed.artistName} - ${seed.title}` : (seed.title ?? seed.trackKey);
}
