import type { Evidence } from '@accord/recommender';
import { artistKey, cleanTitle, titleKey, trackKey } from '@accord/track-identity';
import type { SourcedCandidate } from './candidate-source';

/** A song as an external source names it. */
export interface NamedSong {
  artist: string;
  title: string;
  youtubeId?: string;
  tags?: string[];
  popularity?: number;
}

/**
 * Turns an "artist - title" from a source into a candidate keyed like the catalog keys songs
 * (the title cleaned of upload fluff, variants kept apart), or null when either name is missing.
 */
export function songCandidate(song: NamedSong, evidence: Evidence[]): SourcedCandidate | null {
  const artist = song.artist.trim();
  const cleaned = cleanTitle(song.title.trim(), artist);
  const artistPart = artistKey(artist);
  if (!artistPart || !titleKey(cleaned.title)) return null;
  return {
    trackKey: trackKey({ artist, title: cleaned.title, variant: cleaned.variant }),
    artistKey: artistPart,
    artistName: artist,
    title: song.title.trim(),
    query: `${artist} - ${song.title.trim()}`,
    youtubeId: song.youtubeId,
    tags: song.tags ?? [],
    guildPopularity: clamp01(song.popularity ?? 0),
    evidence,
  };
}

/** Keeps the first candidate of each track key (sources list their best first), at most `limit`. */
export function distinctCandidates(candidates: Iterable<SourcedCandidate | null>, limit: number): SourcedCandidate[] {
  const seen = new Set<string>();
  const out: SourcedCandidate[] = [];
  for (const candidate of candidates) {
    if (!candidate || seen.has(candidate.trackKey)) continue;
    seen.add(candidate.trackKey);
    out.push(candidate);
    if (out.length >= limit) break;
  }
  return out;
}

/** A strength that falls with rank: 1 for the first, towards `floor` for the last of `count`. */
export function rankStrength(index: number, count: number, floor = 0.3): number {
  if (count <= 1) return 1;
  return 1 - ((1 - floor) * index) / (count - 1);
}

export function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
