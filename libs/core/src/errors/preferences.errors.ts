import { DomainError } from '../domain-error';

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

/** An expected refusal from preferences (linking, importing, privacy); `message` is for the user. */
export class PreferencesError extends DomainError<PreferencesErrorCode> {
  constructor(code: PreferencesErrorCode, message: string) {
    super(code, message);
  }
}
