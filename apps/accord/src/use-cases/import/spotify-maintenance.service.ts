import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { DomainError } from '@accord/core';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import { ProfileRepository } from '../../domain/preferences/profiles/profile.repository';
import { OAuthStateRepository } from '../../domain/preferences/spotify/oauth-state.repository';
import { SPOTIFY_SLEEP, type Sleep } from '../../adapters/spotify/spotify.types';
import { SpotifyImportService } from './spotify-import.service';

/** A pause between users of the daily refresh, so it never bursts against Spotify's rate limit. */
const PAUSE_BETWEEN_USERS_MS = 2_000;

/** Scheduled Spotify work: the daily library refresh and the cleaning of expired link states. */
@Injectable()
export class SpotifyMaintenanceService {
  private readonly logger = new Logger(SpotifyMaintenanceService.name);
  private refreshing = false;

  constructor(
    private readonly profiles: ProfileRepository,
    private readonly imports: SpotifyImportService,
    private readonly states: OAuthStateRepository,
    @Inject(SPOTIFY_SLEEP) private readonly sleep: Sleep,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Re-imports every linked library once a day, one user at a time (429s are waited out by the client). */
  @Cron(CronExpression.EVERY_DAY_AT_4AM)
  async refreshLinkedLibraries(): Promise<{ refreshed: number; failed: number }> {
    if (this.refreshing) return { refreshed: 0, failed: 0 };
    this.refreshing = true;
    let refreshed = 0;
    let failed = 0;
    try {
      for (const userId of await this.profiles.spotifyLinkedUsers()) {
        try {
          await this.imports.importLibrary(userId);
          refreshed += 1;
        } catch (error: unknown) {
          failed += 1;
          // A revoked link has been removed by now; the user is told when they next use it.
          const detail =
            error instanceof DomainError
              ? (error as DomainError).code
              : error instanceof Error
                ? error.message
                : String(error);
          this.logger.warn(`Daily Spotify refresh of user ${userId} failed: ${detail}`);
        }
        await this.sleep(PAUSE_BETWEEN_USERS_MS);
      }
      if (refreshed + failed > 0) this.logger.log(`Daily Spotify refresh: ${refreshed} refreshed, ${failed} failed`);
      return { refreshed, failed };
    } finally {
      this.refreshing = false;
    }
  }

  @Cron(CronExpression.EVERY_10_MINUTES)
  async removeExpiredStates(): Promise<number> {
    return this.states.deleteExpired(this.clock.now()).catch((error: unknown) => {
      this.logger.warn(`Could not remove expired link states: ${String(error)}`);
      return 0;
    });
  }
}
