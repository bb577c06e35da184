import { Injectable } from '@nestjs/common';
import { getJson, type HttpAnswer } from '../../shared/http/http-json';

export const DEEZER_API_URL = 'https://api.deezer.com';
const TIMEOUT_MS = 1_500;
/** Deezer answers 200 with `{ error: { code: 800 } }` for an id it does not know. */
const NO_DATA = 800;

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
 * Deezer's public API (no key) for discovery: artist search, related artists and top tracks. The
 * one place discovery talks to Deezer; the base URL is injectable so tests use a local stand-in.
 */
@Injectable()
export class DeezerDiscoveryClient {
  constructor(private readonly baseUrl: string = DEEZER_API_URL) {}

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

  private async list<T>(path: string, signal?: AbortSignal): Promise<HttpAnswer<T[]>> {
    const answer = await getJson<DeezerList<T>>(`${this.baseUrl}${path}`, { timeoutMs: TIMEOUT_MS, signal });
    if (!answer.ok) return answer;
    const { error, data } = answer.value;
    if (error) {
      if (error.code === NO_DATA) return { ok: true, value: [] };
      return { ok: false, reason: 'http', detail: `Deezer error ${error.code ?? '?'}: ${error.message ?? ''}` };
    }
    return { ok: true, value: Array.isArray(data) ? data : [] };
  }
}

function toArtist(artist: DeezerArtistJson): DeezerArtistRef {
  return { id: artist.id, name: artist.name, fans: artist.nb_fan ?? 0 };
}
