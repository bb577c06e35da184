import { DomainError } from '../domain-error';
import type { NoData } from '../result';

export enum PreferencesErrorCode {
  SpotifyUnconfigured = 'SPOTIFY_UNCONFIGURED',
  SpotifyNotLinked = 'SPOTIFY_NOT_LINKED',
  SpotifyRelinkNeeded = 'SPOTIFY_RELINK_NEEDED',
  SpotifyUnavailable = 'SPOTIFY_UNAVAILABLE',
  LastfmUnconfigured = 'LASTFM_UNCONFIGURED',
  LastfmUserNotFound = 'LASTFM_USER_NOT_FOUND',
  LastfmUnavailable = 'LASTFM_UNAVAILABLE',
  LastfmNotLinked = 'LASTFM_NOT_LINKED',
  InvalidUsername = 'INVALID_USERNAME',
  UnsupportedLink = 'UNSUPPORTED_LINK',
  ImportFailed = 'IMPORT_FAILED',
  ImportRunning = 'IMPORT_RUNNING',
  NoPublicUrl = 'NO_PUBLIC_URL',
}

/** What each preferences refusal (linking, importing, privacy) carries for the transports to word it. */
export interface PreferencesErrorData {
  /** The owner has not set the Spotify app's keys (or the public URL and encryption key linking needs). */
  [PreferencesErrorCode.SpotifyUnconfigured]: NoData;
  [PreferencesErrorCode.SpotifyNotLinked]: NoData;
  /** Spotify refused the stored link (revoked or expired): the user must link again. */
  [PreferencesErrorCode.SpotifyRelinkNeeded]: NoData;
  [PreferencesErrorCode.SpotifyUnavailable]: NoData;
  /** The owner has not set a Last.fm API key. */
  [PreferencesErrorCode.LastfmUnconfigured]: NoData;
  /** `username`: the name Last.fm does not know. */
  [PreferencesErrorCode.LastfmUserNotFound]: { username: string };
  [PreferencesErrorCode.LastfmUnavailable]: NoData;
  [PreferencesErrorCode.LastfmNotLinked]: NoData;
  /** Not the shape of a Last.fm user name. */
  [PreferencesErrorCode.InvalidUsername]: NoData;
  /** An import link that is no playlist (`not-a-playlist`), or that names one video (`single-video`). */
  [PreferencesErrorCode.UnsupportedLink]: { link: 'not-a-playlist' | 'single-video' };
  /** Spotify does not show the playlist; `linked`: whether it was asked with the user's own account. */
  [PreferencesErrorCode.ImportFailed]: { linked: boolean };
  /** The user's last import has not finished. */
  [PreferencesErrorCode.ImportRunning]: NoData;
  /** Linking needs the bot's public address, and none is set. */
  [PreferencesErrorCode.NoPublicUrl]: NoData;
}

/** A preferences code with its data, as `PreferencesError` is made from. */
export type PreferencesErrorArgs = {
  [C in PreferencesErrorCode]: [code: C, data: PreferencesErrorData[C]];
}[PreferencesErrorCode];

/**
 * An expected refusal from preferences: a code and the data each transport words it from. The
 * message is for the logs, never shown to a user.
 */
export class PreferencesError extends DomainError<PreferencesErrorCode> {
  readonly data: PreferencesErrorData[PreferencesErrorCode];

  constructor(...[code, data]: PreferencesErrorArgs) {
    super(code, `Preferences refused: ${code}`);
    this.data = data;
  }
}
