import { Injectable, Logger } from '@nestjs/common';
import type { SourceAnswer, SourceCollection, SourceTrack } from '@accord/core';
import { getJson, type HttpAnswer } from '../../shared/http/http-json';

export const DEEZER_API_URL = 'https://api.deezer.com';
/** Song metadata for a link the user is waiting on. */
const METADATA_TIMEOUT_MS = 6_000;
/** Discovery answers inside a pick's deadline. */
const DISCOVERY_TIMEOUT_MS = 1_500;
const PAGE = 100;
/** Deezer answers 200 with `{ error: { code: 800 } }` for an id it does not know. */
const NO_DATA = 800;

interface DeezerTrack {
  id: number;
  title: string;
  title_short?: string;
  title_version?: string;
  duration: number;
  isrc?: string;
  artist?: { name: string };
  album?: { cover_xl?: string; cover_big?: string };
}

interface DeezerError {
  error?: { type?: string; message?: string; code?: number };
}

export interface DeezerArtistRef {
  id: number;
  name: string;
  fans: number;
}

export interface DeezerTopTrack {
  id: number;
  title: string;
  artist: string;
  /** Deezer's popularity rank (higher is more popular). */
  rank: number;
  durationS: number;
}

interface DeezerList<T> {
  data?: T[];
  error?: { type?: string; message?: string; code?: number };
}

interface DeezerArtistJson {
  id: number;
  name: string;
  nb_fan?: number;
}

interface DeezerTrackJson {
  id: number;
  title: string;
  title_short?: string;
  duration?: number;
  rank?: number;
  artist?: { id: number; name: string };
}

/**
 * Deezer's public API (no key), the one place that talks to Deezer: song metadata for track, album
 * and playlist links (the catalog), and artist search, related artists and top tracks (discovery).
 * The base URL is injectable so tests use a local stand-in.
 */
@Injectable()
export class DeezerClient {
  private readonly logger = new Logger(DeezerClient.name);

  constructor(private readonly baseUrl: string = DEEZER_API_URL) {}

  async track(id: string): Promise<SourceAnswer<SourceTrack>> {
    const answer = await this.get<DeezerTrack>(`/track/${id}`);
    if (!answer.ok) return answer;
    const track = fromDeezerTrack(answer.value);
    return track ? { ok: true, value: track } : { ok: false, reason: 'not-found' };
  }

  async album(id: string, limit: number): Promise<SourceAnswer<SourceCollection>> {
    const answer = await this.get<{
      title: string;
      nb_tracks?: number;
      cover_xl?: string;
      tracks?: { data: DeezerTrack[] };
    }>(`/album/${id}`);
    if (!answer.ok) return answer;
    const album = answer.value;
    const data = album.tracks?.data ?? [];
    const tracks = data.slice(0, limit).flatMap((item) => {
      const track = fromDeezerTrack(item, album.cover_xl);
      return track ? [track] : [];
    });
    return { ok: true, value: { name: album.title, tracks, total: album.nb_tracks ?? data.length } };
  }

  /** The playlist's name, then its tracks 100 at a time up to `limit`. */
  async playlist(id: string, limit: number): Promise<SourceAnswer<SourceCollection>> {
    const head = await this.get<{ title: string; nb_tracks?: number }>(`/playlist/${id}`);
    if (!head.ok) return head;
    const items: DeezerTrack[] = [];
    let total = head.value.nb_tracks ?? 0;
    while (items.length < limit) {
      const page = await this.get<{ data: DeezerTrack[]; total?: number; next?: string }>(
        `/playlist/${id}/tracks?index=${items.length}&limit=${PAGE}`,
      );
      if (!page.ok) return page;
      items.push(...page.value.data);
      total = page.value.total ?? total;
      if (!page.value.next || page.value.data.length === 0) break;
    }
    const tracks = items.slice(0, limit).flatMap((item) => {
      const track = fromDeezerTrack(item);
      return track ? [track] : [];
    });
    return { ok: true, value: { name: head.value.title, tracks, total: Math.max(total, items.length) } };
  }

  /** Artists matching a name, best first. */
  async searchArtist(name: string, signal?: AbortSignal): Promise<HttpAnswer<DeezerArtistRef[]>> {
    const answer = await this.list<DeezerArtistJson>(`/search/artist?q=${encodeURIComponent(name)}&limit=5`, signal);
    return answer.ok ? { ok: true, value: answer.value.map(toArtist) } : answer;
  }

  async relatedArtists(artistId: number, limit: number, signal?: AbortSignal): Promise<HttpAnswer<DeezerArtistRef[]>> {
    const answer = await this.list<DeezerArtistJson>(`/artist/${artistId}/related?limit=${limit}`, signal);
    return answer.ok ? { ok: true, value: answer.value.slice(0, limit).map(toArtist) } : answer;
  }

  async topTracks(artistId: number, limit: number, signal?: AbortSignal): Promise<HttpAnswer<DeezerTopTrack[]>> {
    const answer = await this.list<DeezerTrackJson>(`/artist/${artistId}/top?limit=${limit}`, signal);
    if (!answer.ok) return answer;
    const tracks = answer.value.slice(0, limit).flatMap((track): DeezerTopTrack[] =>
      track.artist?.name && (track.title_short ?? track.title)
        ? [
            {
              id: track.id,
              title: track.title_short ?? track.title,
              artist: track.artist.name,
              rank: track.rank ?? 0,
              durationS: track.duration ?? 0,
            },
          ]
        : [],
    );
    return { ok: true, value: tracks };
  }

  /** A metadata call: a 404 or Deezer's "no data" is `not-found`, anything else going wrong `unavailable`. */
  private async get<T>(path: string): Promise<SourceAnswer<T>> {
    const answer = await getJson<T & DeezerError>(`${this.baseUrl}${path}`, { timeoutMs: METADATA_TIMEOUT_MS });
    if (!answer.ok) {
      if (answer.status === 404) return { ok: false, reason: 'not-found', detail: answer.detail };
      return this.unavailable(answer.detail);
    }
    const { error } = answer.value;
    if (error) {
      if (error.code === NO_DATA) return { ok: false, reason: 'not-found', detail: error.message };
      return this.unavailable(`${error.type ?? 'error'} ${error.code ?? ''}: ${error.message ?? ''}`);
    }
    return { ok: true, value: answer.value };
  }

  private unavailable(detail: string): SourceAnswer<never> {
    this.logger.warn(`Deezer did not answer: ${detail}`);
    return { ok: false, reason: 'unavailable', detail };
  }

  /** A discovery call: Deezer's "no data" is an empty list; failures are values for the source to log. */
  private async list<T>(path: string, signal?: AbortSignal): Promise<HttpAnswer<T[]>> {
    const answer = await getJson<DeezerList<T>>(`${this.baseUrl}${path}`, { timeoutMs: DISCOVERY_TIMEOUT_MS, signal });
    if (!answer.ok) return answer;
    const { error, data } = answer.value;
    if (error) {
      if (error.code === NO_DATA) return { ok: true, value: [] };
      return { ok: false, reason: 'http', detail: `Deezer error ${error.code ?? '?'}: ${error.message ?? ''}` };
    }
    return { ok: true, value: Array.isArray(data) ? data : [] };
  }
}

function fromDeezerTrack(track: DeezerTrack, cover?: string): SourceTrack | undefined {
  const artist = track.artist?.name;
  const title = track.title || track.title_short;
  if (!artist || !title || track.id === undefined) return undefined;
  return {
    sourceId: String(track.id),
    artist,
    title,
    durationMs: (track.duration ?? 0) * 1000,
    isrc: track.isrc || undefined,
    artworkUrl: track.album?.cover_xl ?? track.album?.cover_big ?? cover,
  };
}

function toArtist(artist: DeezerArtistJson): DeezerArtistRef {
  return { id: artist.id, name: artist.name, fans: artist.nb_fan ?? 0 };
}
