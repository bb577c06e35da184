import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

export const LASTFM_API_URL = 'https://ws.audioscrobbler.com/2.0/';
const TIMEOUT_MS = 8_000;
/** Last.fm's error code for "User not found" (and other unknown names). */
const NOT_FOUND = 6;
export const LASTFM_PAGE = 200;

export type LastfmFailure = 'not-found' | 'unavailable';

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

interface LastfmErrorJson {
  error?: number;
  message?: string;
}

interface TopArtistsJson extends LastfmErrorJson {
  topartists?: { artist?: Array<{ name?: string; playcount?: string | number }> };
}

interface TopTracksJson extends LastfmErrorJson {
  toptracks?: { track?: Array<{ name?: string; playcount?: string | number; artist?: { name?: string } }> };
}

interface LovedTracksJson extends LastfmErrorJson {
  lovedtracks?: { track?: Array<{ name?: string; artist?: { name?: string } }> };
}

/**
 * Last.fm's user methods (needs `LASTFM_API_KEY`): a user's top artists, top tracks and loved
 * tracks, read with `fetch` and a timeout. The one place the preferences module talks to Last.fm.
 */
@Injectable()
export class LastfmImportClient {
  private readonly apiKey?: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.apiKey = config.lastfm?.apiKey;
  }

  isConfigured(): boolean {
    return this.apiKey !== undefined;
  }

  async topArtists(username: string): Promise<LastfmArtistPlays[]> {
    const json = await this.call<TopArtistsJson>('user.getTopArtists', username);
    return (json.topartists?.artist ?? []).flatMap((artist) =>
      artist.name ? [{ name: artist.name, playcount: toNumber(artist.playcount) }] : [],
    );
  }

  async topTracks(username: string): Promise<LastfmTrackPlays[]> {
    const json = await this.call<TopTracksJson>('user.getTopTracks', username);
    return (json.toptracks?.track ?? []).flatMap((track) =>
      track.name && track.artist?.name
        ? [{ artist: track.artist.name, title: track.name, playcount: toNumber(track.playcount) }]
        : [],
    );
  }

  async lovedTracks(username: string): Promise<Array<{ artist: string; title: string }>> {
    const json = await this.call<LovedTracksJson>('user.getLovedTracks', username);
    return (json.lovedtracks?.track ?? []).flatMap((track) =>
      track.name && track.artist?.name ? [{ artist: track.artist.name, title: track.name }] : [],
    );
  }

  private async call<T extends LastfmErrorJson>(method: string, username: string): Promise<T> {
    if (!this.apiKey) throw new LastfmCallError('unavailable', 'LASTFM_API_KEY is not set');
    const url = new URL(LASTFM_API_URL);
    url.search = new URLSearchParams({
      method,
      user: username,
      api_key: this.apiKey,
      format: 'json',
      limit: String(LASTFM_PAGE),
      ...(method === 'user.getTopArtists' || method === 'user.getTopTracks' ? { period: 'overall' } : {}),
    }).toString();
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { Accept: 'application/json' } });
    } catch (error: unknown) {
      throw new LastfmCallError('unavailable', error instanceof Error ? error.message : String(error));
    }
    let json: T;
    try {
      json = (await response.json()) as T;
    } catch {
      throw new LastfmCallError('unavailable', `HTTP ${response.status} without JSON`);
    }
    // Last.fm reports errors in the body (with a 4xx or, for some methods, a 200).
    if (json.error === NOT_FOUND) throw new LastfmCallError('not-found', json.message ?? 'not found');
    if (json.error !== undefined || !response.ok) {
      throw new LastfmCallError('unavailable', `error ${json.error ?? response.status}: ${json.message ?? ''}`);
    }
    return json;
  }
}

function toNumber(value: string | number | undefined): number {
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) && number > 0 ? number : 0;
}
