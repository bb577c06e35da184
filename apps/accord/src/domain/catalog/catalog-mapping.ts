import type { Candidate, ScoredCandidate } from '@accord/track-identity';
import { ResolveErrorCode, ok, refuse, type PlayableTrack } from '@accord/core';
import type { LoadResult } from '../../adapters/lavalink/lavalink.types';
import type {
  CatalogTrack,
  LavalinkTrackData,
  LinkSource,
  ResolveOutcome,
  SourceAnswer,
  TrackCandidate,
} from './catalog.types';
import type { CollectionType } from './link-parser';

/** Pure conversions between Lavalink tracks, catalog tracks and what the resolver answers. */

export function searchResults(result: LoadResult): PlayableTrack[] {
  const tracks =
    result.type === 'search' || result.type === 'playlist'
      ? result.tracks
      : result.type === 'track'
        ? [result.track]
        : [];
  return tracks.filter((track) => track.encoded && track.identifier);
}

export function firstTrack(result: LoadResult): PlayableTrack | undefined {
  return searchResults(result)[0];
}

export function toCandidate(video: PlayableTrack): Candidate {
  return {
    id: video.identifier ?? '',
    title: video.title,
    author: video.author,
    durationMs: video.durationMs || undefined,
  };
}

export function toTrackCandidate(
  scored: ScoredCandidate,
  videos: Map<string, PlayableTrack>,
  currentId: string,
): TrackCandidate {
  const video = videos.get(scored.candidate.id);
  return {
    youtubeId: scored.candidate.id,
    title: scored.candidate.title,
    author: scored.candidate.author ?? '',
    durationMs: scored.candidate.durationMs ?? 0,
    uri: video?.uri ?? youtubeUrl(scored.candidate.id),
    score: scored.score,
    reasons: scored.reasons,
    current: scored.candidate.id === currentId,
  };
}

export function toLavalinkData(video: PlayableTrack): LavalinkTrackData {
  return {
    encoded: video.encoded!,
    identifier: video.identifier!,
    title: video.title,
    author: video.author,
    uri: video.uri,
    artworkUrl: video.artworkUrl,
    length: video.durationMs,
    isStream: video.isStream,
    isSeekable: video.isSeekable,
    sourceName: video.sourceName ?? 'youtube',
  };
}

export function playableFromData(data: LavalinkTrackData, trackKey?: string): PlayableTrack {
  return {
    encoded: data.encoded,
    identifier: data.identifier,
    title: data.title,
    author: data.author,
    uri: data.uri,
    artworkUrl: data.artworkUrl,
    durationMs: data.isStream ? 0 : data.length,
    isStream: data.isStream,
    isSeekable: data.isSeekable,
    sourceName: data.sourceName,
    trackKey,
  };
}

/** A catalog track as playback plays it: the pinned video, no Lavalink call needed. */
export function toPlayable(track: CatalogTrack): PlayableTrack {
  const playable = playableFromData(track.lavalink, track.key);
  return { ...playable, artworkUrl: playable.artworkUrl ?? track.artworkUrl };
}

export function pinnedOutcome(track: CatalogTrack, source: LinkSource, fromPin = true): ResolveOutcome {
  return ok({ kind: 'track', track: toPlayable(track), source, fromPin });
}

export function songFields(
  parsed: { artist: string; title: string; variant: string },
  video: PlayableTrack,
): { artist: string; title: string; variant: string; youtubeId: string; durationMs: number; artworkUrl?: string } {
  return {
    artist: parsed.artist,
    title: parsed.title || video.title,
    variant: parsed.variant,
    youtubeId: video.identifier!,
    durationMs: video.durationMs,
    artworkUrl: video.artworkUrl,
  };
}

export function sourceFailure(
  answer: Extract<SourceAnswer<unknown>, { ok: false }>,
  source: LinkSource,
  type: CollectionType,
): ResolveOutcome {
  switch (answer.reason) {
    case 'not-found':
      return refuse(ResolveErrorCode.SourceNotFound, { source, type });
    case 'unconfigured':
      return refuse(ResolveErrorCode.SpotifyUnconfigured, {});
    case 'unavailable':
      return refuse(ResolveErrorCode.SourceDown, { source });
  }
}

export function youtubeUrl(videoId: string): string {
  return `https://www.youtube.com/watch?v=${videoId}`;
}
