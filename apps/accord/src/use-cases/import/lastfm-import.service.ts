import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import { CatalogArtists } from '../../domain/catalog/catalog-artists';
import { ProfileRepository } from '../../domain/preferences/profiles/profile.repository';
import { DEFAULT_TASTE_SETTINGS } from '../../domain/preferences/profiles/taste-profile';
import { TasteProfileService } from '../../domain/preferences/profiles/taste-profile.service';
import { PreferencesError, PreferencesErrorCode } from '@accord/core';
import { LibraryAccumulator } from './library-accumulator';
import type { ImportResult } from './spotify-import.service';
import { LastfmCallError, LastfmClient } from '../../adapters/lastfm/lastfm.client';

/** Last.fm user names: 2-15 characters, a letter first, then letters, digits, `_` or `-`. */
const USERNAME = /^[A-Za-z][A-Za-z0-9_-]{1,14}$/;
const LOVED_WEIGHT = 20;

/** `/link lastfm <username>`: imports the user's top artists, top tracks and loved tracks. */
@Injectable()
export class LastfmImportService {
  private readonly logger = new Logger(LastfmImportService.name);

  constructor(
    private readonly client: LastfmClient,
    private readonly profiles: ProfileRepository,
    private readonly taste: TasteProfileService,
    private readonly knownArtists: CatalogArtists,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async link(userId: string, rawUsername: string): Promise<ImportResult & { username: string }> {
    if (!this.client.isConfigured()) {
      throw new PreferencesError(PreferencesErrorCode.LastfmUnconfigured, {});
    }
    const username = rawUsername.trim();
    if (!USERNAME.test(username)) {
      throw new PreferencesError(PreferencesErrorCode.InvalidUsername, {});
    }
    try {
      const [artists, tracks, loved] = await Promise.all([
        this.client.userTopArtists(username),
        this.client.userTopTracks(username),
        this.client.userLovedTracks(username),
      ]);
      const library = new LibraryAccumulator();
      for (const artist of artists) library.addArtist(artist.name, artist.playcount);
      for (const track of tracks) library.addSong(track, track.playcount);
      for (const track of loved) library.addSong(track, LOVED_WEIGHT);
      const result = library.result({
        artists: DEFAULT_TASTE_SETTINGS.maxArtists,
        tracks: DEFAULT_TASTE_SETTINGS.maxTracks * 2,
      });
      const now = this.clock.now().getTime();
      const label = `${username}: top artists, top tracks, ${loved.length} loved tracks`;
      await this.taste.applyImport(userId, {
        summary: { kind: 'lastfm', label, tracks: library.songCount, artists: result.artists.length, at: now },
        artists: result.artists,
        tags: [],
        tracks: result.tracks,
      });
      await this.profiles.setLastfm(userId, { username, linkedAt: now, lastImportAt: now });
      this.knownArtists.remember(result.artists.map((artist) => artist.name));
      return { username, label, tracks: library.songCount, artists: result.artists.length };
    } catch (error: unknown) {
      if (error instanceof LastfmCallError && error.failure === 'not-found') {
        throw new PreferencesError(PreferencesErrorCode.LastfmUserNotFound, { username });
      }
      if (error instanceof LastfmCallError) {
        this.logger.warn(`Last.fm import for ${userId} failed: ${error.message}`);
        throw new PreferencesError(PreferencesErrorCode.LastfmUnavailable, {});
      }
      throw error;
    }
  }

  async unlink(userId: string): Promise<boolean> {
    const linked = (await this.profiles.accounts(userId)).lastfm !== undefined;
    await this.profiles.setLastfm(userId, null);
    await this.profiles.removeImportSource(userId, 'lastfm', this.clock.now().getTime());
    return linked;
  }
}
