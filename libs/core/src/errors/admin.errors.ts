import { DomainError } from '../domain-error';

export enum AdminErrorCode {
  NotSignedIn = 'NOT_SIGNED_IN',
  CsrfTokenInvalid = 'CSRF_TOKEN_INVALID',
  GuildNotManaged = 'GUILD_NOT_MANAGED',
  ManageRequired = 'MANAGE_REQUIRED',
  OwnerOnly = 'OWNER_ONLY',
  GuildNotFound = 'GUILD_NOT_FOUND',
  LoginNotConfigured = 'LOGIN_NOT_CONFIGURED',
  WrongPassword = 'WRONG_PASSWORD',
  TooManyAttempts = 'TOO_MANY_ATTEMPTS',
  OAuthStateMismatch = 'OAUTH_STATE_MISMATCH',
  OAuthDenied = 'OAUTH_DENIED',
  OAuthExchangeFailed = 'OAUTH_EXCHANGE_FAILED',
  SignInLinkInvalid = 'SIGN_IN_LINK_INVALID',
  InvalidSetting = 'INVALID_SETTING',
  InvalidGuildId = 'INVALID_GUILD_ID',
  InvalidUserId = 'INVALID_USER_ID',
  NoPlayer = 'NO_PLAYER',
  InvalidQuery = 'INVALID_QUERY',
  NothingFound = 'NOTHING_FOUND',
  UnsupportedLink = 'UNSUPPORTED_LINK',
  PlaylistEmpty = 'PLAYLIST_EMPTY',
  SourceUnavailable = 'SOURCE_UNAVAILABLE',
}

/**
 * A refusal of the admin API (auth, access, settings, enqueue). `field` names the input at fault, so the
 * HTTP mapper can answer a 400 with a message for that field.
 */
export class AdminError extends DomainError<AdminErrorCode> {
  constructor(
    code: AdminErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(code, message);
  }
}
