import {
  artistKey,
  cleanTitle,
  foldForKey,
  parseTitle,
  pickBest,
  titleKey,
  trackKey,
  type ArtistLookup,
  type Candidate,
  type MatchQuery,
  type ParsedTitle,
  type ScoredCandidate,
} from '@accord/track-identity';
import type { PlayableTrack } from '@accord/core';
import { toCandidate } from './catalog-mapping';
import type { CatalogTrack, SourceTrack } from './catalog.types';

/** A song as we want it, and the text to search for it. */
export interface Wanted {
  query: MatchQuery;
  searchText: string;
  /** Aliases that should lead to the song once it is pinned. */
  aliases: string[];
  source?: { kind: 'spotify' | 'deezer'; track: SourceTrack };
}

export interface SearchMatch {
  best: ScoredCandidate;
  video: PlayableTrack;
  /** The reading of the query that matched (for free text without an artist, the candidate's own). */
  query: MatchQuery;
}

/** What the user typed, read with the artists the catalog knows ("Song - Artist" is turned round). */
export function wantedFromText(text: string, knownArtists: ArtistLookup): Wanted {
  const parsed = parseTitle({ title: text }, { knownArtists });
  return {
    query: { artist: parsed.artist, title: parsed.title, variant: parsed.variant },
    searchText: text,
    aliases: [queryAlias(text)],
  };
}

export function wantedFromSource(source: SourceTrack, kind: 'spotify' | 'deezer' | undefined): Wanted {
  // Catalogue titles carry no artist: "One More Time - Radio Edit", "Song (feat. X) - Live".
  const cleaned = cleanTitle(source.title, source.artist);
  const aliases = [queryAlias(`${source.artist} - ${source.title}`)];
  if (kind === 'deezer' && source.sourceId) aliases.push(`dz:${source.sourceId}`);
  return {
    query: {
      artist: source.artist,
      title: cleaned.title,
      variant: cleaned.variant,
      durationMs: source.durationMs || undefined,
      isrc: source.isrc,
    },
    searchText: `${source.artist} - ${source.title}`,
    aliases,
    source: kind && source.sourceId ? { kind, track: source } : undefined,
  };
}

export function wantedFromTrack(track: CatalogTrack): Wanted {
  const artist = track.artist || track.lavalink.author;
  const title = track.title || track.lavalink.title;
  const variant = track.variant && track.variant !== 'none' ? ` ${track.variant.replace(/:.*/, '')}` : '';
  return {
    query: { artist, title, variant: track.variant, durationMs: track.durationMs || undefined, isrc: track.isrc },
    searchText: `${artist} - ${title}${variant}`,
    aliases: [],
  };
}

/** Folded like a key, so that case, spacing and punctuation make no difference. */
export function queryAlias(text: string): string {
  return `q:${foldForKey(text).slice(0, 200)}`;
}

/** The canonical key when both artist and title are known; an incomplete key would join unrelated songs. */
export function completeKey(song: { artist: string; title: string; variant?: string }): string | undefined {
  if (!artistKey(song.artist) || !titleKey(song.title)) return undefined;
  return trackKey(song);
}

/** A song we cannot name fully stays tied to its video. */
export function incompleteKey(song: { artist: string; title: string; variant?: string }, videoId: string): string {
  return `${trackKey(song)}|${videoId}`;
}

/** A video's title read with all the catalog knows of it: the uploader, the duration, the known artists. */
export function parseVideo(
  video: Pick<PlayableTrack, 'title' | 'author' | 'durationMs'>,
  knownArtists: ArtistLookup,
): ParsedTitle {
  return parseTitle(
    { title: video.title, author: video.author, durationMs: video.durationMs },
    { channel: video.author, durationMs: video.durationMs || undefined, knownArtists },
  );
}

/** The video with its song's key (complete, or tied to the video when the song cannot be named). */
export function withKey(track: PlayableTrack, knownArtists: ArtistLookup): PlayableTrack {
  const parsed = parseVideo(track, knownArtists);
  return { ...track, trackKey: completeKey(parsed) ?? incompleteKey(parsed, track.identifier ?? '') };
}

/**
 * The best video for the wanted song. Free text without an artist ("daft punk one more time") is
 * also read as each candidate's own "artist - title" when the text contains both.
 */
export function bestMatch(wanted: Wanted, videos: PlayableTrack[], knownArtists: ArtistLookup): SearchMatch | null {
  if (videos.length === 0) return null;
  const candidates = videos.map(toCandidate);
  const readings: MatchQuery[] = [wanted.query];
  if (!artistKey(wanted.query.artist)) {
    const folded = foldForKey(wanted.searchText);
    const seen = new Set<string>();
    for (const candidate of candidates) {
      const parsed = parseCandidate(candidate, knownArtists);
      const key = completeKey(parsed);
      if (!key || seen.has(key)) continue;
      if (folded.includes(artistKey(parsed.artist)) && folded.includes(titleKey(parsed.title))) {
        seen.add(key);
        readings.push({ artist: parsed.artist, title: parsed.title, variant: wanted.query.variant });
      }
    }
  }
  let found: SearchMatch | null = null;
  for (const query of readings) {
    const result = pickBest(query, candidates, { knownArtists });
    if (result.ok && (!found || result.best.score > found.best.score)) {
      const video = videos.find((item) => item.identifier === result.best.candidate.id)!;
      found = { best: result.best, video, query };
    }
  }
  return found;
}

function parseCandidate(candidate: Candidate, knownArtists: ArtistLookup): ParsedTitle {
  return parseVideo(
    { title: candidate.title, author: candidate.author ?? '', durationMs: candidate.durationMs ?? 0 },
    knownArtists,
  );
}
