import { HttpStatus } from '@nestjs/common';
import {
  AdminError,
  AdminErrorCode,
  CatalogError,
  CatalogErrorCode,
  HistoryError,
  HistoryErrorCode,
  PlaybackError,
  PlaybackErrorCode,
  PreferencesError,
  PreferencesErrorCode,
  RecommendationError,
  RecommendationErrorCode,
  ResolveError,
} from '@accord/core';
import { isTransientMongoError } from '../../../adapters/database/mongo-errors';
import {
  CATALOG_MESSAGES,
  HISTORY_MESSAGES,
  messageOf,
  PLAYBACK_MESSAGES,
  PREFERENCES_MESSAGES,
  RECOMMENDATION_MESSAGES,
} from './module-error.messages';
import { playRefusalError } from './play-refusal.mapper';

/** The HTTP status of each admin refusal. */
export function adminErrorStatus(code: AdminErrorCode): HttpStatus {
  switch (code) {
    case AdminErrorCode.NotSignedIn:
    case AdminErrorCode.WrongPassword:
    case AdminErrorCode.SignInLinkInvalid:
      return HttpStatus.UNAUTHORIZED;
    case AdminErrorCode.CsrfTokenInvalid:
    case AdminErrorCode.GuildNotManaged:
    case AdminErrorCode.ManageRequired:
    case AdminErrorCode.OwnerOnly:
      return HttpStatus.FORBIDDEN;
    case AdminErrorCode.GuildNotFound:
    case AdminErrorCode.LoginNotConfigured:
      return HttpStatus.NOT_FOUND;
    case AdminErrorCode.TooManyAttempts:
      return HttpStatus.TOO_MANY_REQUESTS;
    case AdminErrorCode.OAuthStateMismatch:
    case AdminErrorCode.OAuthDenied:
    case AdminErrorCode.InvalidSetting:
    case AdminErrorCode.InvalidGuildId:
    case AdminErrorCode.InvalidUserId:
    case AdminErrorCode.InvalidQuery:
      return HttpStatus.BAD_REQUEST;
    case AdminErrorCode.NoPlayer:
      return HttpStatus.CONFLICT;
    // The request is well formed; what it names cannot be played.
    case AdminErrorCode.NothingFound:
    case AdminErrorCode.UnsupportedLink:
    case AdminErrorCode.PlaylistEmpty:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case AdminErrorCode.OAuthExchangeFailed:
    case AdminErrorCode.SourceUnavailable:
      return HttpStatus.BAD_GATEWAY;
  }
}

/**
 * Playback's refusals over HTTP. Bad values are 400; a state that does not allow the action (no
 * player, already paused, queue full) is 409; a filter the guild switched off is 403 (the request
 * is well formed, the guild's policy forbids it); no Lavalink node is 503.
 */
export function playbackErrorStatus(code: PlaybackErrorCode): HttpStatus {
  switch (code) {
    case PlaybackErrorCode.PositionOutOfRange:
    case PlaybackErrorCode.InvalidTime:
    case PlaybackErrorCode.SeekPastEnd:
      return HttpStatus.BAD_REQUEST;
    case PlaybackErrorCode.NotPermitted:
    case PlaybackErrorCode.FilterNotAllowed:
      return HttpStatus.FORBIDDEN;
    case PlaybackErrorCode.NothingPlaying:
    case PlaybackErrorCode.NotInVoice:
    case PlaybackErrorCode.NotInBotChannel:
    case PlaybackErrorCode.QueueEmpty:
    case PlaybackErrorCode.QueueFull:
    case PlaybackErrorCode.NotSeekable:
    case PlaybackErrorCode.AlreadyPaused:
    case PlaybackErrorCode.NotPaused:
    case PlaybackErrorCode.CannotJoin:
      return HttpStatus.CONFLICT;
    case PlaybackErrorCode.AudioUnavailable:
      return HttpStatus.SERVICE_UNAVAILABLE;
  }
}

/** The catalog's refusals over HTTP: an unknown song 404, a bad pick 400, no Lavalink node 503. */
export function catalogErrorStatus(code: CatalogErrorCode): HttpStatus {
  switch (code) {
    case CatalogErrorCode.TrackNotFound:
      return HttpStatus.NOT_FOUND;
    case CatalogErrorCode.VideoNotFound:
    case CatalogErrorCode.NothingToFix:
    case CatalogErrorCode.CannotMergeIntoItself:
    case CatalogErrorCode.InvalidQuery:
      return HttpStatus.BAD_REQUEST;
    case CatalogErrorCode.AudioUnavailable:
      return HttpStatus.SERVICE_UNAVAILABLE;
  }
}

/** History's refusals over HTTP: no likes yet 404, a state that forbids the action 409. */
export function historyErrorStatus(code: HistoryErrorCode): HttpStatus {
  switch (code) {
    case HistoryErrorCode.NoLikes:
      return HttpStatus.NOT_FOUND;
    case HistoryErrorCode.NothingPlaying:
    case HistoryErrorCode.OptedOut:
    case HistoryErrorCode.NotInBotChannel:
      return HttpStatus.CONFLICT;
  }
}

/**
 * Linking and importing over HTTP: bad input 400, an unknown Last.fm user 404, an account not (or no
 * longer) linked or an import already running 409, a service the owner has not configured 501, and
 * Spotify or Last.fm failing 502.
 */
export function preferencesErrorStatus(code: PreferencesErrorCode): HttpStatus {
  switch (code) {
    case PreferencesErrorCode.InvalidUsername:
    case PreferencesErrorCode.UnsupportedLink:
      return HttpStatus.BAD_REQUEST;
    case PreferencesErrorCode.LastfmUserNotFound:
      return HttpStatus.NOT_FOUND;
    case PreferencesErrorCode.SpotifyNotLinked:
    case PreferencesErrorCode.SpotifyRelinkNeeded:
    case PreferencesErrorCode.LastfmNotLinked:
    case PreferencesErrorCode.ImportRunning:
      return HttpStatus.CONFLICT;
    case PreferencesErrorCode.SpotifyUnconfigured:
    case PreferencesErrorCode.LastfmUnconfigured:
    case PreferencesErrorCode.NoPublicUrl:
      return HttpStatus.NOT_IMPLEMENTED;
    case PreferencesErrorCode.SpotifyUnavailable:
    case PreferencesErrorCode.LastfmUnavailable:
    case PreferencesErrorCode.ImportFailed:
      return HttpStatus.BAD_GATEWAY;
  }
}

/** Autoplay's refusals over HTTP: both are states of the guild (409). */
export function recommendationErrorStatus(code: RecommendationErrorCode): HttpStatus {
  switch (code) {
    case RecommendationErrorCode.NothingPlaying:
    case RecommendationErrorCode.AutoplayOff:
      return HttpStatus.CONFLICT;
  }
}

export interface MappedError {
  status: HttpStatus;
  code: string;
  message: string;
  field?: string;
}

/** MongoDB's answer when a query ran past its `maxTimeMS`. */
const MAX_TIME_EXPIRED = 50;

/**
 * A known domain refusal as HTTP, or null for anything else (a 500). A database that is away or
 * too slow to answer in time is 503, so the panel says "try again" rather than "bug".
 */
export function mapDomainError(error: unknown): MappedError | null {
  if (isTransientMongoError(error) || (error as { code?: unknown } | null)?.code === MAX_TIME_EXPIRED) {
    return {
      status: HttpStatus.SERVICE_UNAVAILABLE,
      code: 'DATABASE_UNAVAILABLE',
      message: 'The database did not answer in time. Try again in a moment.',
    };
  }
  if (error instanceof AdminError) {
    return { status: adminErrorStatus(error.code), code: error.code, message: error.message, field: error.field };
  }
  if (error instanceof PlaybackError) {
    return {
      status: playbackErrorStatus(error.code),
      code: error.code,
      message: messageOf(PLAYBACK_MESSAGES, error.code, error.data),
    };
  }
  if (error instanceof CatalogError) {
    return {
      status: catalogErrorStatus(error.code),
      code: error.code,
      message: messageOf(CATALOG_MESSAGES, error.code, error.data),
    };
  }
  if (error instanceof HistoryError) {
    return {
      status: historyErrorStatus(error.code),
      code: error.code,
      message: messageOf(HISTORY_MESSAGES, error.code, error.data),
    };
  }
  if (error instanceof PreferencesError) {
    return {
      status: preferencesErrorStatus(error.code),
      code: error.code,
      message: messageOf(PREFERENCES_MESSAGES, error.code, error.data),
    };
  }
  if (error instanceof RecommendationError) {
    return {
      status: recommendationErrorStatus(error.code),
      code: error.code,
      message: messageOf(RECOMMENDATION_MESSAGES, error.code, error.data),
    };
  }
  if (error instanceof ResolveError) return mapDomainError(playRefusalError(error.refusal));
  return null;
}
