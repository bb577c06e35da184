import { Inject, Injectable, Logger } from '@nestjs/common';
import SpotifyWebApi from 'spotify-web-api-node';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { SourceAnswer, SourceCollection, SourceTrack } from '@accord/core';

const TIMEOUT_MS = 8_000;
/** Renew the app token this long before Spotify says it expires. */
const TOKEN_MARGIN_MS = 60_000;
const PLAYLIST_PAGE = 100;
const ALBUM_PAGE = 50;

class SpotifyTimeout extends Error {}

/**
 * Spotify's Web API with the app's own client-credentials token (no user account): song metadata
 * for track, album and playlist links. The one place that talks to Spotify for the catalog.
 */
@Injectable()
export class SpotifyCatalogClient {
  private readonly logger = new Logger(SpotifyCatalogClient.name);
  private readonly api?: SpotifyWebApi;
  private tokenExpiresAt = 0;
  private tokenRequest?: Promise<void>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (config.spotify) {
      this.api = new SpotifyWebApi({ clientId: config.spotify.clientId, clientSecret: config.spotify.clientSecret });
    }
  }

  isConfigured(): boolean {
    return this.api !== undefined;
  }

  async track(id: string): Promise<SourceAnswer<SourceTrack>> {
    const answer = await this.call(async (api) => fromFullTrack((await api.getTrack(id)).body));
    if (!answer.ok) return answer;
    return answer.value ? { ok: true, value: answer.value } : { ok: false, reason: 'not-found' };
  }

  /** The album's tracks, up to `limit`. Album tracks carry no ISRC: matching then leans on duration. */
  async album(id: string, limit: number): Promise<SourceAnswer<SourceCollection>> {
    return this.call(async (api) => {
      const { body } = await api.getAlbum(id);
      const artworkUrl = body.images[0]?.url;
      const items = [...body.tracks.items];
      while (items.length < Math.min(limit, body.tracks.total) && items.length > 0) {
        const page = await api.getAlbumTracks(id, { offset: items.length, limit: ALBUM_PAGE });
        if (page.body.items.length === 0) break;
        items.push(...page.body.items);
      }
      const tracks = items.slice(0, limit).flatMap((item) => {
        const track = fromSimplifiedTrack(item, artworkUrl);
        return track ? [track] : [];
      });
      return { name: body.name, tracks, total: body.tracks.total };
    });
  }

  /** The playlist's tracks, up to `limit`, read 100 at a time; local files and episodes are skipped. */
  async playlist(id: string, limit: number): Promise<SourceAnswer<SourceCollection>> {
    return this.call(async (api) => {
      const { body } = await api.getPlaylist(id);
      const items = [...body.tracks.items];
      while (items.length < Math.min(limit, body.tracks.total) && body.tracks.items.length > 0) {
        const page = await api.getPlaylistTracks(id, { offset: items.length, limit: PLAYLIST_PAGE });
        if (page.body.items.length === 0) break;
        items.push(...page.body.items);
      }
      const tracks = items.slice(0, limit).flatMap((item) => {
        const track = item.is_local || item.track?.type !== 'track' ? undefined : fromFullTrack(item.track);
        return track ? [track] : [];
      });
      return { name: body.name, tracks, total: body.tracks.total };
    });
  }

  private async call<T>(request: (api: SpotifyWebApi) => Promise<T>): Promise<SourceAnswer<T>> {
    const api = this.api;
    if (!api) return { ok: false, reason: 'unconfigured' };
    for (let attempt = 0; ; attempt++) {
      try {
        await withTimeout(this.ensureToken(api));
        return { ok: true, value: await withTimeout(request(api)) };
      } catch (error: unknown) {
        const status = statusOf(error);
        if (status === 401 && attempt === 0) {
          // The token was revoked or expired early: fetch a new one, once.
          this.tokenExpiresAt = 0;
          continue;
        }
        if (status === 404 || status === 400) return { ok: false, reason: 'not-found', detail: `HTTP ${status}` };
        const detail = error instanceof SpotifyTimeout ? 'timed out' : status ? `HTTP ${status}` : describe(error);
        this.logger.warn(`Spotify did not answer: ${detail}`);
        return { ok: false, reason: 'unavailable', detail };
      }
    }
  }

  private ensureToken(api: SpotifyWebApi): Promise<void> {
    if (Date.now() < this.tokenExpiresAt) return Promise.resolve();
    // One token request at a time, shared by everyone waiting for it.
    this.tokenRequest ??= api
      .clientCredentialsGrant()
      .then(({ body }) => {
        api.setAccessToken(body.access_token);
        this.tokenExpiresAt = Date.now() + body.expires_in * 1000 - TOKEN_MARGIN_MS;
      })
      .finally(() => {
        this.tokenRequest = undefined;
      });
    return this.tokenRequest;
  }
}

function fromFullTrack(track: SpotifyApi.TrackObjectFull): SourceTrack | undefined {
  const artist = track.artists[0]?.name;
  if (!track.id || !artist || !track.name) return undefined;
  return {
    sourceId: track.id,
    artist,
    title: track.name,
    durationMs: track.duration_ms,
    isrc: track.external_ids?.isrc,
    artworkUrl: track.album?.images?.[0]?.url,
  };
}

function fromSimplifiedTrack(track: SpotifyApi.TrackObjectSimplified, artworkUrl?: string): SourceTrack | undefined {
  const artist = track.artists[0]?.name;
  if (!track.id || !artist || !track.name) return undefined;
  return { sourceId: track.id, artist, title: track.name, durationMs: track.duration_ms, artworkUrl };
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SpotifyTimeout()), TIMEOUT_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
