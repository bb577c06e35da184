import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { CLOCK, type Clock } from '../../../adapters/database/clock';
import type { SpotifyAccount } from '../profiles/linked-account.types';
import { ProfileRepository } from '../profiles/profile.repository';
import { DomainEvent, PreferencesError, PreferencesErrorCode, type AccountLinkedEvent } from '@accord/core';
import { OAuthStateRepository } from './oauth-state.repository';
import { SpotifyClient } from '../../../adapters/spotify/spotify.client';
import { SpotifyCallError } from '../../../adapters/spotify/spotify.types';
import { TokenCipher } from './token-cipher';

/** An authorisation link is good for this long. */
export const STATE_TTL_MS = 10 * 60_000;
/** Access tokens are renewed this long before Spotify says they expire. */
const REFRESH_MARGIN_MS = 60_000;

export type CallbackOutcome =
  | { ok: true; userId: string; state: string; displayName?: string }
  | { ok: false; reason: 'BAD_STATE' | 'DENIED' | 'SPOTIFY_FAILED' };

/**
 * Linking a Spotify account (Authorization Code flow): a single-use state bound to the Discord
 * user, the code exchanged on the bot's callback, tokens stored encrypted and refreshed before
 * they expire. A revoked refresh token unlinks the account and asks the user to link again.
 * A completed link emits `AccountLinked`, on which the library import starts.
 */
@Injectable()
export class SpotifyLinkService {
  private readonly logger = new Logger(SpotifyLinkService.name);
  private readonly cipher?: TokenCipher;
  private readonly refreshing = new Map<string, Promise<string>>();

  constructor(
    private readonly client: SpotifyClient,
    private readonly states: OAuthStateRepository,
    private readonly profiles: ProfileRepository,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly events: EventEmitter2,
  ) {
    if (config.spotify) this.cipher = new TokenCipher(config.spotify.tokenEncryptionKey);
  }

  /** The page the user opens to authorise Accord; the state in it is theirs alone, for ten minutes. */
  async startLink(userId: string): Promise<{ url: string; state: string; expiresAt: Date }> {
    if (!this.cipher || !this.client.canLink()) {
      throw new PreferencesError(PreferencesErrorCode.SpotifyUnconfigured, {});
    }
    const state = randomBytes(24).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + STATE_TTL_MS);
    await this.states.create(state, userId, 'spotify', now, expiresAt);
    return { url: this.client.authorizeUrl(state), state, expiresAt };
  }

  /** Spotify sent the browser back: check the state (once), exchange the code, store the tokens. */
  async completeLink(query: { code?: string; state?: string; error?: string }): Promise<CallbackOutcome> {
    if (!this.cipher || typeof query.state !== 'string' || query.state.length > 200)
      return { ok: false, reason: 'BAD_STATE' };
    const owner = await this.states.consume(query.state, this.clock.now());
    if (!owner || owner.provider !== 'spotify') return { ok: false, reason: 'BAD_STATE' };
    if (query.error || typeof query.code !== 'string' || query.code.length === 0)
      return { ok: false, reason: 'DENIED' };
    try {
      const tokens = await this.client.exchangeCode(query.code);
      if (!tokens.refreshToken) return { ok: false, reason: 'SPOTIFY_FAILED' };
      const me = await this.client.me(tokens.accessToken);
      const now = this.clock.now().getTime();
      const previous = (await this.profiles.accounts(owner.userId)).spotify;
      const account: SpotifyAccount = {
        spotifyUserId: me.id,
        displayName: me.displayName,
        accessToken: this.cipher.encrypt(tokens.accessToken),
        refreshToken: this.cipher.encrypt(tokens.refreshToken),
        expiresAt: now + tokens.expiresInS * 1000,
        scopes: tokens.scopes,
        playlists: previous?.spotifyUserId === me.id ? previous.playlists : [],
        linkedAt: now,
      };
      await this.profiles.setSpotify(owner.userId, account);
      this.logger.log(`User ${owner.userId} linked Spotify account ${me.id}`);
      const linked: AccountLinkedEvent = {
        service: 'spotify',
        userId: owner.userId,
        state: query.state,
        displayName: me.displayName,
      };
      this.events.emit(DomainEvent.AccountLinked, linked);
      return { ok: true, userId: owner.userId, state: query.state, displayName: me.displayName };
    } catch (error: unknown) {
      this.logger.warn(
        `Spotify link of user ${owner.userId} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return { ok: false, reason: 'SPOTIFY_FAILED' };
    }
  }

  async account(userId: string): Promise<SpotifyAccount | null> {
    return (await this.profiles.accounts(userId)).spotify ?? null;
  }

  async unlink(userId: string): Promise<boolean> {
    const linked = (await this.profiles.accounts(userId)).spotify !== undefined;
    await this.profiles.setSpotify(userId, null);
    await this.profiles.removeImportSource(userId, 'spotify', this.clock.now().getTime());
    return linked;
  }

  /** A valid access token, refreshed when it is about to expire (one refresh at a time a user). */
  async accessToken(userId: string, options: { forceRefresh?: boolean } = {}): Promise<string> {
    const account = await this.account(userId);
    if (!account || !this.cipher) {
      throw new PreferencesError(PreferencesErrorCode.SpotifyNotLinked, {});
    }
    const now = this.clock.now().getTime();
    if (!options.forceRefresh && account.expiresAt - REFRESH_MARGIN_MS > now)
      return this.decrypt(userId, account.accessToken);
    const running = this.refreshing.get(userId);
    if (running) return running;
    const refresh = this.refresh(userId, account).finally(() => this.refreshing.delete(userId));
    this.refreshing.set(userId, refresh);
    return refresh;
  }

  private async refresh(userId: string, account: SpotifyAccount): Promise<string> {
    const cipher = this.cipher!;
    try {
      const tokens = await this.client.refresh(this.decrypt(userId, account.refreshToken));
      const updated: SpotifyAccount = {
        ...account,
        accessToken: cipher.encrypt(tokens.accessToken),
        refreshToken: tokens.refreshToken ? cipher.encrypt(tokens.refreshToken) : account.refreshToken,
        expiresAt: this.clock.now().getTime() + tokens.expiresInS * 1000,
      };
      await this.profiles.setSpotify(userId, updated);
      return tokens.accessToken;
    } catch (error: unknown) {
      if (error instanceof SpotifyCallError && error.failure === 'revoked') {
        this.logger.warn(`Spotify refused the refresh token of user ${userId}: unlinking`);
        await this.profiles.setSpotify(userId, null);
        throw new PreferencesError(PreferencesErrorCode.SpotifyRelinkNeeded, {});
      }
      throw error;
    }
  }

  private decrypt(userId: string, stored: string): string {
    try {
      return this.cipher!.decrypt(stored);
    } catch {
      // The key changed since the tokens were stored: they are useless now.
      this.logger.warn(`Stored Spotify tokens of user ${userId} cannot be decrypted (TOKEN_ENCRYPTION_KEY changed?)`);
      throw new PreferencesError(PreferencesErrorCode.SpotifyRelinkNeeded, {});
    }
  }
}
