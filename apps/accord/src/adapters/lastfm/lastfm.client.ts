import { Injectable } from '@nestjs/common';
import { getJson, type HttpAnswer } from '../../shared/http/http-json';

export const LASTFM_API_URL = 'https://ws.audioscrobbler.com/2.0/';
/** Discovery answers inside a pick's deadline. */
const DISCOVERY_TIMEOUT_MS = 1_500;
/** A user's library, read while the user waits on an import. */
const LIBRARY_TIMEOUT_MS = 8_000;
/** Last.fm's error code for "not found" (a track, an artist or a user). */
const NOT_FOUND = 6;
export const LASTFM_PAGE = 200;

export type LastfmFailure = 'not-found' | 'unavailable';

/** A library read that failed: the user is unknown, or Last.fm (or its key) is unavailable. */
export class LastfmCallError extends Error {
  constructor(
    readonly failure: LastfmFailure,
    message: string,
  ) {
    super(message);
    this.name = LastfmCallError.name;
  }
}

export interface LastfmArtistPlays {
  name: string;
  playcount: number;
}

export interface LastfmTrackPlays {
  artist: string;
  title: string;
  playcount: number;
}

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
  toptracks?: { track?: Array<{ name?: string; playcount?: number | string; artist?: { name?: string } }> };
}

interface TopArtistsJson extends LastfmError {
  topartists?: { artist?: Array<{ name?: string; playcount?: string | number }> };
}

interface LovedTracksJson extends LastfmError {
  lovedtracks?: { track?: Array<{ name?: string; artist?: { name?: string } }> };
}

/**
 * Last.fm's API (needs `LASTFM_API_KEY`), the one place that talks to Last.fm: similar tracks,
 * similar artists and artist top tracks for discovery (failures are values), and a user's top
 * artists, top tracks and loved tracks for `/link lastfm` (failures are a `LastfmCallError`). The
 * base URL is injectable for tests.
 */
@Injectable()
export class LastfmClient {
  constructor(
    private readonly apiKey: string,
    private readonly baseUrl: string = LASTFM_API_URL,
  ) {}

  isConfigured(): boolean {
    return this.apiKey !== '';
  }

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

  async userTopArtists(username: string): Promise<LastfmArtistPlays[]> {
    const json = await this.library<TopArtistsJson>('user.getTopArtists', username, { period: 'overall' });
    return (json.topartists?.artist ?? []).flatMap((artist) =>
      artist.name ? [{ name: artist.name, playcount: toNumber(artist.playcount) }] : [],
    );
  }

  async userTopTracks(username: string): Promise<LastfmTrackPlays[]> {
    const json = await this.library<TopTracksJson>('user.getTopTracks', username, { period: 'overall' });
    return (json.toptracks?.track ?? []).flatMap((track) =>
      track.name && track.artist?.name
        ? [{ artist: track.artist.name, title: track.name, playcount: toNumber(track.playcount) }]
        : [],
    );
  }

  async userLovedTracks(username: string): Promise<Array<{ artist: string; title: string }>> {
    const json = await this.library<LovedTracksJson>('user.getLovedTracks', username, {});
    return (json.lovedtracks?.track ?? []).flatMap((track) =>
      track.name && track.artist?.name ? [{ artist: track.artist.name, title: track.name }] : [],
    );
  }

  /** A library read: an unknown user is `not-found`; Last.fm failing (or no key) is `unavailable`. */
  private async library<T extends LastfmError>(
    method: string,
    user: string,
    params: Record<string, string>,
  ): Promise<T> {
    if (!this.isConfigured()) throw new LastfmCallError('unavailable', 'LASTFM_API_KEY is not set');
    const query = new URLSearchParams({
      method,
      user,
      api_key: this.apiKey,
      format: 'json',
      limit: String(LASTFM_PAGE),
      ...params,
    });
    const answer = await getJson<T>(`${this.baseUrl}?${query.toString()}`, { timeoutMs: LIBRARY_TIMEOUT_MS });
    // Last.fm reports errors in the body, with a 4xx or (for some methods) a 200.
    const body = (answer.ok ? answer.value : answer.body) as T | undefined;
    if (body?.error === NOT_FOUND) throw new LastfmCallError('not-found', body.message ?? 'not found');
    if (!answer.ok) throw new LastfmCallError('unavailable', answer.detail);
    if (answer.value.error !== undefined) {
      throw new LastfmCallError('unavailable', `error ${answer.value.error}: ${answer.value.message ?? ''}`);
    }
    return answer.value;
  }

  private async call<T extends LastfmError>(
    method: string,
    params: Record<string, string | number>,
    signal?: AbortSignal,
  ): Promise<HttpAnswer<T>> {
    const query = new URLSearchParams({ method, api_key: this.apiKey, format: 'json', autocorrect: '1' });
    for (const [name, value] of Object.entries(params)) query.set(name, String(value));
    const answer = await getJson<T>(`${this.baseUrl}?${query.toString()}`, { timeoutMs: DISCOVERY_TIMEOUT_MS, signal });
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
  return Number.isFinite(parsed) && parsed > 0 ? parsed : 0;
}
