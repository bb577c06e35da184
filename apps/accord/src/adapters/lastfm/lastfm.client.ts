import { Injectable } from '@nestjs/common';
import { getJson, type HttpAnswer } from '../../shared/http/http-json';

export const LASTFM_API_URL = 'https://ws.audioscrobbler.com/2.0/';
const TIMEOUT_MS = 1_500;
/** Last.fm's error code for "the track or artist could not be found". */
const NOT_FOUND = 6;

export interface LastfmSimilarTrack {
  artist: string;
  title: string;
  /** Similarity in [0, 1]. */
  match: number;
}

export interface LastfmSimilarArtist {
  name: string;
  match: number;
}

export interface LastfmTopTrack {
  artist: string;
  title: string;
  playcount: number;
}

interface LastfmError {
  error?: number;
  message?: string;
}

interface SimilarTracksJson extends LastfmError {
  similartracks?: { track?: Array<{ name: string; match?: number | string; artist?: { name?: string } }> };
}

interface SimilarArtistsJson extends LastfmError {
  similarartists?: { artist?: Array<{ name: string; match?: number | string }> };
}

interface TopTracksJson extends LastfmError {
  toptracks?: { track?: Array<{ name: string; playcount?: number | string; artist?: { name?: string } }> };
}

/**
 * Last.fm's API (needs `LASTFM_API_KEY`): similar tracks, similar artists and artist top tracks.
 * The one place discovery talks to Last.fm; the base URL is injectable for tests.
 */
@Injectable()
export class LastfmClient {
  constructor(
    private readonly apiKey: string,
    private readonly baseUrl: string = LASTFM_API_URL,
  ) {}

  async similarTracks(
    artist: string,
    track: string,
    limit: number,
    signal?: AbortSignal,
  ): Promise<HttpAnswer<LastfmSimilarTrack[]>> {
    const answer = await this.call<SimilarTracksJson>('track.getSimilar', { artist, track, limit }, signal);
    if (!answer.ok) return answer;
    const items = answer.value.similartracks?.track ?? [];
    return {
      ok: true,
      value: items.flatMap((item) =>
        item.artist?.name && item.name
          ? [{ artist: item.artist.name, title: item.name, match: toNumber(item.match) }]
          : [],
      ),
    };
  }

  async similarArtists(
    artist: string,
    limit: number,
    signal?: AbortSignal,
  ): Promise<HttpAnswer<LastfmSimilarArtist[]>> {
    const answer = await this.call<SimilarArtistsJson>('artist.getSimilar', { artist, limit }, signal);
    if (!answer.ok) return answer;
    const items = answer.value.similarartists?.artist ?? [];
    return {
      ok: true,
      value: items.flatMap((item) => (item.name ? [{ name: item.name, match: toNumber(item.match) }] : [])),
    };
  }

  async topTracks(artist: string, limit: number, signal?: AbortSignal): Promise<HttpAnswer<LastfmTopTrack[]>> {
    const answer = await this.call<TopTracksJson>('artist.getTopTracks', { artist, limit }, signal);
    if (!answer.ok) return answer;
    const items = answer.value.toptracks?.track ?? [];
    return {
      ok: true,
      value: items.flatMap((item) =>
        item.name
          ? [{ artist: item.artist?.name ?? artist, title: item.name, playcount: toNumber(item.playcount) }]
          : [],
      ),
    };
  }

  private async call<T extends LastfmError>(
    method: string,
    params: Record<string, string | number>,
    signal?: AbortSignal,
  ): Promise<HttpAnswer<T>> {
    const query = new URLSearchParams({ method, api_key: this.apiKey, format: 'json', autocorrect: '1' });
    for (const [name, value] of Object.entries(params)) query.set(name, String(value));
    const answer = await getJson<T>(`${this.baseUrl}?${query.toString()}`, { timeoutMs: TIMEOUT_MS, signal });
    if (!answer.ok) return answer;
    const { error, message } = answer.value;
    if (error !== undefined) {
      // "Track not found" is an answer (nothing similar), not a failure.
      if (error === NOT_FOUND) return { ok: true, value: {} as T };
      return { ok: false, reason: 'http', detail: `Last.fm error ${error}: ${message ?? ''}` };
    }
    return answer;
  }
}

function toNumber(value: number | string | undefined): number {
  const parsed = typeof value === 'number' ? value : Number.parseFloat(value ?? '');
  return Number.isFinite(parsed) ? parsed : 0;
}
