import {
  CatalogError,
  CatalogErrorCode,
  HistoryError,
  HistoryErrorCode,
  isModuleError,
  PlaybackError,
  PlaybackErrorCode,
  PreferencesError,
  PreferencesErrorCode,
  RecommendationError,
  RecommendationErrorCode,
  ResolveError,
  type CatalogErrorData,
  type HistoryErrorData,
  type ModuleError,
  type PlaybackErrorData,
  type PreferencesErrorData,
  type RecommendationErrorData,
} from '@accord/core';
import { t, type Language } from '@accord/i18n';
import { formatDuration } from './duration.presenter';
import { audioUnavailable, describeResolveRefusal, queueFull } from './play-refusal.presenter';

/** One way to word each code of a module from its data: a code added without words fails the typecheck. */
export type Wording<M> = { [C in keyof M]: (language: Language, data: M[C]) => string };

/** Words a code with its data from a module's table. */
export function word<M, C extends keyof M>(language: Language, table: Wording<M>, code: C, data: M[C]): string {
  return table[code](language, data);
}

/** A message without data, from its key. */
const said = (key: string) => (language: Language) => t(language, `errors:${key}`);

const nothingPlaying = (language: Language, what: PlaybackErrorData[PlaybackErrorCode.NothingPlaying]['what']) =>
  t(language, `errors:playback.nothingPlaying.${what}`);

/** Playback's refusals as Discord says them, with what to do in Discord (which command, which permission). */
const PLAYBACK: Wording<PlaybackErrorData> = {
  [PlaybackErrorCode.NotInVoice]: said('playback.notInVoice'),
  [PlaybackErrorCode.NotInBotChannel]: (language, { channelId }) =>
    t(language, 'errors:playback.notInBotChannel', { channelId }),
  [PlaybackErrorCode.NotPermitted]: said('playback.notPermitted'),
  [PlaybackErrorCode.NothingPlaying]: (language, { what }) => nothingPlaying(language, what),
  [PlaybackErrorCode.QueueEmpty]: said('playback.queueEmpty'),
  [PlaybackErrorCode.QueueFull]: (language, { max }) => queueFull(language, max),
  [PlaybackErrorCode.PositionOutOfRange]: (language, { position, size }) =>
    size === 0
      ? t(language, 'errors:playback.queueIsEmpty')
      : t(language, 'errors:playback.positionOutOfRange', { position, count: size }),
  [PlaybackErrorCode.InvalidTime]: (language, data) =>
    data.field === 'volume'
      ? t(language, 'errors:playback.volumeRange', { max: data.max })
      : t(language, 'errors:playback.invalidTime'),
  [PlaybackErrorCode.SeekPastEnd]: (language, { durationMs }) =>
    t(language, 'errors:playback.seekPastEnd', { duration: formatDuration(durationMs) }),
  [PlaybackErrorCode.NotSeekable]: said('playback.notSeekable'),
  [PlaybackErrorCode.FilterNotAllowed]: (language, { preset, allowed }) =>
    t(language, 'errors:playback.filterNotAllowed', {
      preset,
      allowed: allowed.join(', ') || t(language, 'common:none'),
    }),
  [PlaybackErrorCode.AudioUnavailable]: (language) => audioUnavailable(language, 'no-node'),
  [PlaybackErrorCode.CannotJoin]: (language, { detail }) => t(language, 'errors:playback.cannotJoin', { detail }),
  [PlaybackErrorCode.AlreadyPaused]: said('playback.alreadyPaused'),
  [PlaybackErrorCode.NotPaused]: said('playback.notPaused'),
};

/** The catalog's refusals (/fix, re-pins and merges) as Discord says them. */
const CATALOG: Wording<CatalogErrorData> = {
  [CatalogErrorCode.TrackNotFound]: (language, { reason }) =>
    t(language, reason === 'gone' ? 'errors:catalog.trackGone' : 'errors:catalog.trackUnknown'),
  [CatalogErrorCode.VideoNotFound]: said('catalog.videoNotFound'),
  [CatalogErrorCode.NothingToFix]: (language, { reason }) =>
    t(
      language,
      reason === 'nothing-playing' ? 'errors:catalog.nothingToFixPlaying' : 'errors:catalog.nothingToFixUnidentified',
    ),
  [CatalogErrorCode.CannotMergeIntoItself]: said('catalog.cannotMergeIntoItself'),
  [CatalogErrorCode.AudioUnavailable]: (language, { cause }) => audioUnavailable(language, cause),
  [CatalogErrorCode.InvalidQuery]: (language, { reason }) =>
    t(language, reason === 'playlist' ? 'errors:catalog.fixPlaylist' : 'errors:catalog.fixNotOffered'),
};

/** Playback's refusals as Discord words them. */
export function describePlaybackError(language: Language, error: PlaybackError): string {
  return word(language, PLAYBACK, error.code, error.data);
}

/** History's refusals (likes, the liked list) as Discord says them. */
const HISTORY: Wording<HistoryErrorData> = {
  [HistoryErrorCode.NothingPlaying]: (language) => nothingPlaying(language, 'track'),
  [HistoryErrorCode.OptedOut]: said('history.optedOut'),
  [HistoryErrorCode.NoLikes]: said('history.noLikes'),
  [HistoryErrorCode.NotInBotChannel]: (language, { channelId }) =>
    t(language, 'errors:history.notInBotChannel', { channelId }),
};

/** Linking and importing refusals as Discord says them. */
const PREFERENCES: Wording<PreferencesErrorData> = {
  [PreferencesErrorCode.SpotifyUnconfigured]: said('preferences.spotifyUnconfigured'),
  [PreferencesErrorCode.SpotifyNotLinked]: said('preferences.spotifyNotLinked'),
  [PreferencesErrorCode.SpotifyRelinkNeeded]: said('preferences.spotifyRelinkNeeded'),
  [PreferencesErrorCode.SpotifyUnavailable]: said('preferences.spotifyUnavailable'),
  [PreferencesErrorCode.LastfmUnconfigured]: said('preferences.lastfmUnconfigured'),
  [PreferencesErrorCode.LastfmUserNotFound]: (language, { username }) =>
    t(language, 'errors:preferences.lastfmUserNotFound', { username }),
  [PreferencesErrorCode.LastfmUnavailable]: said('preferences.lastfmUnavailable'),
  [PreferencesErrorCode.LastfmNotLinked]: said('preferences.lastfmNotLinked'),
  [PreferencesErrorCode.InvalidUsername]: said('preferences.invalidUsername'),
  [PreferencesErrorCode.UnsupportedLink]: (language, { link }) =>
    t(language, link === 'single-video' ? 'errors:preferences.singleVideo' : 'errors:preferences.unsupportedLink'),
  [PreferencesErrorCode.ImportFailed]: (language, { linked }) =>
    t(language, linked ? 'errors:preferences.importFailedLinked' : 'errors:preferences.importFailedUnlinked'),
  [PreferencesErrorCode.ImportRunning]: said('preferences.importRunning'),
  [PreferencesErrorCode.NoPublicUrl]: said('preferences.noPublicUrl'),
};

/** Autoplay's refusals as Discord says them. */
const RECOMMENDATION: Wording<RecommendationErrorData> = {
  [RecommendationErrorCode.NothingPlaying]: (language) => nothingPlaying(language, 'track'),
  [RecommendationErrorCode.AutoplayOff]: said('recommendation.autoplayOff'),
};

/**
 * Any module's refusal as Discord words it, from its code and data. The panel's own refusals (the
 * admin transport's, worded there) rarely reach Discord; when one does, its message stands alone.
 */
export function describeModuleError(language: Language, error: ModuleError): string {
  if (error instanceof PlaybackError) return describePlaybackError(language, error);
  if (error instanceof CatalogError) return word(language, CATALOG, error.code, error.data);
  if (error instanceof ResolveError) return describeResolveRefusal(language, error.refusal);
  if (error instanceof HistoryError) return word(language, HISTORY, error.code, error.data);
  if (error instanceof PreferencesError) return word(language, PREFERENCES, error.code, error.data);
  if (error instanceof RecommendationError) return word(language, RECOMMENDATION, error.code, error.data);
  return error.message;
}

/** A refusal that stopped some work (a playlist load, an import), as Discord words it. */
export function describeRefusal(language: Language, error: Error): string {
  return isModuleError(error) ? describeModuleError(language, error) : error.message;
}
