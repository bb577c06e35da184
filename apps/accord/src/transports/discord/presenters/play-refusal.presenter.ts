import {
  PlayRequestErrorCode,
  ResolveErrorCode,
  type AudioUnavailableCause,
  type LinkFailure,
  type LinkSource,
  type PlayRefusal,
  type PlayRefusalCode,
  type PlayRequestErrorData,
  type ResolveErrorData,
  type ResolveRefusal,
} from '@accord/core';
import { t, type Language } from '@accord/i18n';

/** The one wording of a full queue (a /play refused, a playback command refused). */
export function queueFull(language: Language, max: number): string {
  return t(language, 'errors:playback.queueFull', { max });
}

/** Shortens what a user typed before it is quoted back to them. */
export function quote(language: Language, text: string, max = 80): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return t(language, 'common:quote', { text: clean.length > max ? `${clean.slice(0, max - 1)}…` : clean });
}

/** Each source as the replies name it. */
const sourceName = (language: Language, source: LinkSource): string => t(language, `errors:sources.${source}`);

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

const AUDIO_UNAVAILABLE_KEYS: Record<AudioUnavailableCause, string> = {
  'no-node': 'errors:audioUnavailable.noNode',
  'no-answer': 'errors:audioUnavailable.noAnswer',
};

/** Lavalink away, as every reply words it. */
export function audioUnavailable(language: Language, cause: AudioUnavailableCause): string {
  return t(language, AUDIO_UNAVAILABLE_KEYS[cause]);
}

type Wording<M> = { [C in keyof M]: (language: Language, data: M[C]) => string };

/** A direct link that plays nothing, worded by why. */
const LINK_FAILURE_KEYS: Record<LinkFailure['why'], string> = {
  'not-found': 'linkNotFound',
  refused: 'linkRefused',
  unreachable: 'linkUnreachable',
  'not-audio': 'linkNotAudio',
  unknown: 'linkUnplayable',
};

const play = (key: string) => (language: Language) => t(language, `errors:play.${key}`);

/** Every refusal of /play in Discord's words, one per code: a code added without words fails the typecheck. */
const PLAY_REFUSALS: Wording<ResolveErrorData & PlayRequestErrorData> = {
  [ResolveErrorCode.EmptyQuery]: play('emptyQuery'),
  [ResolveErrorCode.QueryTooLong]: (language, { length, max }) =>
    t(language, 'errors:play.queryTooLong', { length, max }),
  [ResolveErrorCode.UnsupportedLink]: (language, { url }) =>
    t(language, 'errors:play.unsupportedLink', { host: quote(language, hostOf(url), 60) }),
  [ResolveErrorCode.PrivateLink]: (language, { host }) =>
    t(language, 'errors:play.privateLink', { host: quote(language, host, 60) }),
  [ResolveErrorCode.UnknownHost]: (language, { host }) =>
    t(language, 'errors:play.unknownHost', { host: quote(language, host, 60) }),
  [ResolveErrorCode.LinkUnplayable]: (language, failure) =>
    t(language, `errors:play.${LINK_FAILURE_KEYS[failure.why]}`, {
      url: quote(language, failure.url, 100),
      status: failure.why === 'refused' ? failure.status : undefined,
    }),
  [ResolveErrorCode.ShortLink]: (language, { source }) =>
    t(language, 'errors:play.shortLink', { source: sourceName(language, source) }),
  [ResolveErrorCode.MalformedLink]: (language, { source }) =>
    t(language, 'errors:play.malformedLink', { source: sourceName(language, source) }),
  [ResolveErrorCode.NothingFound]: (language, { text }) =>
    t(language, 'errors:play.nothingFound', { text: quote(language, text) }),
  [ResolveErrorCode.SongNotOnYoutube]: (language, { artist, title }) =>
    t(language, 'errors:play.songNotOnYoutube', { song: quote(language, `${artist} - ${title}`) }),
  [ResolveErrorCode.VideoUnavailable]: play('videoUnavailable'),
  [ResolveErrorCode.PlaylistUnavailable]: play('playlistUnavailable'),
  [ResolveErrorCode.PlaylistEmpty]: (language, { name }) =>
    t(language, 'errors:play.playlistEmpty', { name: quote(language, name) }),
  [ResolveErrorCode.SuggestionGone]: play('suggestionGone'),
  [ResolveErrorCode.SoundcloudUnavailable]: play('soundcloudUnavailable'),
  [ResolveErrorCode.SpotifyUnconfigured]: play('spotifyUnconfigured'),
  [ResolveErrorCode.SourceDown]: (language, { source }) =>
    t(language, 'errors:play.sourceDown', { source: sourceName(language, source) }),
  [ResolveErrorCode.SourceNotFound]: (language, { source, type }) =>
    type === 'playlist' && source === 'spotify'
      ? t(language, 'errors:play.spotifyPlaylistNotFound')
      : t(language, `errors:play.sourceNotFound.${type}`, { source: sourceName(language, source) }),
  [ResolveErrorCode.CatalogAway]: play('catalogAway'),
  [ResolveErrorCode.DeadLinkCatalogAway]: play('catalogAway'),
  [ResolveErrorCode.AudioUnavailable]: (language, { cause }) => audioUnavailable(language, cause),
  [PlayRequestErrorCode.QueueFull]: (language, { max }) => queueFull(language, max),
  [PlayRequestErrorCode.PlaylistLoadedEmpty]: (language, { name }) =>
    t(language, 'errors:play.playlistLoadedEmpty', { name }),
};

function word<C extends PlayRefusalCode>(
  language: Language,
  reason: C,
  data: (ResolveErrorData & PlayRequestErrorData)[C],
): string {
  return PLAY_REFUSALS[reason](language, data);
}

/** Why /play queued nothing, as the user reads it. */
export function describePlayRefusal(language: Language, refusal: PlayRefusal): string {
  return word(language, refusal.reason, refusal.data);
}

/** A catalog refusal (of /play, /fix or an import), as the user reads it. */
export function describeResolveRefusal(language: Language, refusal: ResolveRefusal): string {
  return word(language, refusal.reason, refusal.data);
}
