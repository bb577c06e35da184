import { Inject, Injectable, Logger } from '@nestjs/common';
import { CatalogArtists } from '../../domain/catalog/catalog-artists';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import { ProfileRepository } from '../../domain/preferences/profiles/profile.repository';
import { DEFAULT_TASTE_SETTINGS, type TasteProfile } from '../../domain/preferences/profiles/taste-profile';
import { TasteProfileService } from '../../domain/preferences/profiles/taste-profile.service';
import { PreferencesError, PreferencesErrorCode } from '@accord/core';
import type { ImportPhase, ProgressListener } from './import-progress';
import { LibraryAccumulator } from './library-accumulator';
import { SpotifyClient } from '../../adapters/spotify/spotify.client';
import {
  PLAYLIST_PAGE,
  SAVED_PAGE,
  SpotifyCallError,
  type SpotifyPage,
  type SpotifyTrackRef,
} from '../../adapters/spotify/spotify.types';
import { SpotifyLinkService } from '../../domain/preferences/spotify/spotify-link.service';

/** The most songs read from one source (saved tracks, one playlist). */
export const MAX_SOURCE_TRACKS = 10_000;
/** Top tracks of the last month weigh most, of all time least. */
const TOP_RANGES = [
  { range: 'short_term', weight: 3 },
  { range: 'medium_term', weight: 2 },
  { range: 'long_term', weight: 1.5 },
] as const;
const SAVED_WEIGHT = 1;
const PLAYLIST_WEIGHT = 0.5;

export interface ImportResult {
  label: string;
  tracks: number;
  artists: number;
}

/**
 * Imports a linked Spotify library into the profile: top tracks, saved tracks and the playlists
 * the user chose, identified through the catalog's keys (no video is looked up). One import at a
 * time a user; it runs in the background with progress reported as it goes.
 */
@Injectable()
export class SpotifyImportService {
  private readonly logger = new Logger(SpotifyImportService.name);
  private readonly running = new Set<string>();

  constructor(
    private readonly client: SpotifyClient,
    private readonly link: SpotifyLinkService,
    private readonly profiles: ProfileRepository,
    private readonly taste: TasteProfileService,
    private readonly knownArtists: CatalogArtists,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  isRunning(userId: string): boolean {
    return this.running.has(userId);
  }

  async importLibrary(userId: string, progress: ProgressListener = () => undefined): Promise<ImportResult> {
    return this.exclusive(userId, async () => {
      const account = await this.link.account(userId);
      if (!account) {
        throw new PreferencesError(PreferencesErrorCode.SpotifyNotLinked, {});
      }
      const library = new LibraryAccumulator();
      for (const { range, weight } of TOP_RANGES) {
        progress({ phase: { step: 'top-tracks' }, done: 0, total: 0 });
        const page = await this.withToken(userId, (token) => this.client.topTracks(token, range));
        page.items.forEach((track, rank) =>
          library.addSong(track, weight * (1 - rank / (2 * Math.max(1, page.items.length)))),
        );
      }
      const saved = await this.readAll(
        userId,
        { step: 'saved-tracks' },
        SAVED_PAGE,
        (token, offset) => this.client.savedTracks(token, offset),
        progress,
      );
      for (const track of saved) library.addSong(track, SAVED_WEIGHT);
      for (const [index, playlistId] of account.playlists.entries()) {
        const tracks = await this.readAll(
          userId,
          { step: 'playlist', index: index + 1, of: account.playlists.length },
          PLAYLIST_PAGE,
          (token, offset) => this.client.playlistTracks(token, playlistId, offset),
          progress,
        ).catch((error: unknown) => {
          // A playlist deleted since it was chosen does not stop the rest.
          if (error instanceof SpotifyCallError && error.failure === 'not-found') return [];
          throw error;
        });
        for (const track of tracks) library.addSong(track, PLAYLIST_WEIGHT);
      }
      const playlists = account.playlists.length;
      const label = `top tracks, ${saved.length.toLocaleString('en-US')} saved tracks${playlists > 0 ? `, ${playlists} playlist${playlists === 1 ? '' : 's'}` : ''}`;
      const profile = await this.save(userId, 'spotify', label, library);
      const refreshed = await this.link.account(userId);
      if (refreshed) await this.profiles.setSpotify(userId, { ...refreshed, lastImportAt: this.clock.now().getTime() });
      return summaryOf(profile, label, library);
    });
  }

  /** One Spotify playlist: the user's own token when linked (private playlists too), else the app's. */
  async importPlaylist(
    userId: string,
    playlistId: string,
    progress: ProgressListener = () => undefined,
  ): Promise<ImportResult> {
    return this.exclusive(userId, async () => {
      const account = await this.link.account(userId);
      const read = (token: string | null, offset: number): Promise<SpotifyPage<SpotifyTrackRef>> =>
        this.client.playlistTracks(token, playlistId, offset);
      let name: string;
      let tracks: SpotifyTrackRef[];
      try {
        if (account) {
          name = await this.withToken(userId, (token) => this.client.playlistName(token, playlistId));
          tracks = await this.readAll(userId, { step: 'playlist' }, PLAYLIST_PAGE, read, progress);
        } else {
          name = await this.client.playlistName(null, playlistId);
          tracks = await this.readPages(PLAYLIST_PAGE, (offset) => read(null, offset), { step: 'playlist' }, progress);
        }
      } catch (error: unknown) {
        if (error instanceof SpotifyCallError && error.failure === 'not-found') {
          throw new PreferencesError(PreferencesErrorCode.ImportFailed, { linked: Boolean(account) });
        }
        throw error;
      }
      const library = new LibraryAccumulator();
      for (const track of tracks) library.addSong(track, SAVED_WEIGHT);
      const profile = await this.save(userId, 'playlist', `Spotify: ${name}`, library);
      if (account && !account.playlists.includes(playlistId)) {
        // Remembered, so the daily refresh keeps it up to date.
        await this.profiles.setSpotify(userId, {
          ...account,
          playlists: [...account.playlists, playlistId].slice(-20),
        });
      }
      return summaryOf(profile, `Spotify: ${name}`, library);
    });
  }

  private async save(
    userId: string,
    kind: 'spotify' | 'playlist',
    label: string,
    library: LibraryAccumulator,
  ): Promise<TasteProfile> {
    const { artists, tracks } = library.result({
      artists: DEFAULT_TASTE_SETTINGS.maxArtists,
      tracks: DEFAULT_TASTE_SETTINGS.maxTracks * 2,
    });
    // The catalog reads titles with the artists people listen to.
    this.knownArtists.remember(artists.map((artist) => artist.name));
    return this.taste.applyImport(userId, {
      summary: { kind, label, tracks: library.songCount, artists: artists.length, at: this.clock.now().getTime() },
      artists,
      tags: [],
      tracks,
    });
  }

  private async readAll(
    userId: string,
    phase: ImportPhase,
    pageSize: number,
    read: (token: string, offset: number) => Promise<SpotifyPage<SpotifyTrackRef>>,
    progress: ProgressListener,
  ): Promise<SpotifyTrackRef[]> {
    return this.readPages(
      pageSize,
      (offset) => this.withToken(userId, (token) => read(token, offset)),
      phase,
      progress,
    );
  }

  private async readPages(
    pageSize: number,
    read: (offset: number) => Promise<SpotifyPage<SpotifyTrackRef>>,
    phase: ImportPhase,
    progress: ProgressListener,
  ): Promise<SpotifyTrackRef[]> {
    const items: SpotifyTrackRef[] = [];
    let total = Infinity;
    for (let offset = 0; offset < Math.min(total, MAX_SOURCE_TRACKS); offset += pageSize) {
      const page = await read(offset);
      total = page.total;
      items.push(...page.items);
      progress({ phase, done: Math.min(offset + pageSize, total), total: Math.min(total, MAX_SOURCE_TRACKS) });
      if (page.items.length === 0) break;
    }
    return items;
  }

  /** Runs a call with the user's token, refreshing once when Spotify says it is stale. */
  private async withToken<T>(userId: string, call: (token: string) => Promise<T>): Promise<T> {
    try {
      return await call(await this.link.accessToken(userId));
    } catch (error: unknown) {
      if (!(error instanceof SpotifyCallError) || error.failure !== 'unauthorized') throw error;
      return call(await this.link.accessToken(userId, { forceRefresh: true }));
    }
  }

  private async exclusive<T>(userId: string, work: () => Promise<T>): Promise<T> {
    if (this.running.has(userId)) {
      throw new PreferencesError(PreferencesErrorCode.ImportRunning, {});
    }
    this.running.add(userId);
    try {
      return await work();
    } catch (error: unknown) {
      if (error instanceof SpotifyCallError && error.failure === 'unavailable') {
        this.logger.warn(`Spotify import of user ${userId} failed: ${error.message}`);
        throw new PreferencesError(PreferencesErrorCode.SpotifyUnavailable, {});
      }
      throw error;
    } finally {
      this.running.delete(userId);
    }
  }
}

function summaryOf(profile: TasteProfile, label: string, library: LibraryAccumulator): ImportResult {
  return {
    label,
    tracks: library.songCount,
    artists: Math.min(profile.imported.artists.length, library.result({ artists: 1e6, tracks: 0 }).artists.length),
  };
}
