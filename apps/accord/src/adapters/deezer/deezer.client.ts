import { Injectable, Logger } from '@nestjs/common';
import type { SourceAnswer, SourceCollection, SourceTrack } from '@accord/core';

export const DEEZER_API_URL = 'https://api.deezer.com';
const TIMEOUT_MS = 6_000;
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

/**
 * Deezer's public API (no key): song metadata for track, album and playlist links. The one place
 * that talks to Deezer.
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

  private async get<T>(path: string): Promise<SourceAnswer<T>> {
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (response.status === 404) return { ok: false, reason: 'not-found', detail: 'HTTP 404' };
      if (!response.ok) return this.unavailable(`HTTP ${response.status}`);
      const body = (await response.json()) as T & DeezerError;
      if (body.error) {
        if (body.error.code === NO_DATA) return { ok: false, reason: 'not-found', detail: body.error.message };
        return this.unavailable(`${body.error.type ?? 'error'} ${body.error.code ?? ''}: ${body.error.message ?? ''}`);
      }
      return { ok: true, value: body };
    } catch (error: unknown) {
      return this.unavailable(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
  }

  private unavailable(detail: string): SourceAnswer<never> {
    this.logger.warn(`Deezer did not answer: ${detail}`);
    return { ok: false, reason: 'unavailable', detail };
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
