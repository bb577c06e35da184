/** A Spotify account linked with the Authorization Code flow; both tokens encrypted at rest. */
export interface SpotifyAccount {
  spotifyUserId: string;
  displayName?: string;
  /** AES-256-GCM, see token-cipher.ts. */
  accessToken: string;
  refreshToken: string;
  /** Epoch ms at which the access token expires. */
  expiresAt: number;
  scopes: string[];
  /** Playlists the user chose to import (ids); their own top and saved tracks are always imported. */
  playlists: string[];
  linkedAt: number;
  lastImportAt?: number;
}

export interface LastfmAccount {
  username: string;
  linkedAt: number;
  lastImportAt?: number;
}

export interface LinkedAccounts {
  spotify?: SpotifyAccount;
  lastfm?: LastfmAccount;
}
