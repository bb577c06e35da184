import { DomainError } from '../domain-error';
import type { NoData, RefusalOf } from '../result';

export enum CatalogErrorCode {
  TrackNotFound = 'TRACK_NOT_FOUND',
  VideoNotFound = 'VIDEO_NOT_FOUND',
  NothingToFix = 'NOTHING_TO_FIX',
  CannotMergeIntoItself = 'CANNOT_MERGE_INTO_ITSELF',
  AudioUnavailable = 'AUDIO_UNAVAILABLE',
  InvalidQuery = 'INVALID_QUERY',
}

/** What each catalog refusal carries for the transports to word it. */
export interface CatalogErrorData {
  /** The song left the catalog while it was changed (`gone`), or the catalog has no record of it (`unknown`). */
  [CatalogErrorCode.TrackNotFound]: { reason: 'gone' | 'unknown' };
  /** The video picked for a song does not load any more. */
  [CatalogErrorCode.VideoNotFound]: NoData;
  /** /fix with no song named and nothing playing (`nothing-playing`), or a song with no key (`unidentified`). */
  [CatalogErrorCode.NothingToFix]: { reason: 'nothing-playing' | 'unidentified' };
  [CatalogErrorCode.CannotMergeIntoItself]: NoData;
  /** Lavalink is away: no node is connected (`no-node`), or the one asked did not answer (`no-answer`). */
  [CatalogErrorCode.AudioUnavailable]: { cause: AudioUnavailableCause };
  /** /fix named a playlist (`playlist`), or a click picked a video /fix did not show that user (`not-offered`). */
  [CatalogErrorCode.InvalidQuery]: { reason: 'playlist' | 'not-offered' };
}

/** Why Lavalink could not be asked: no node connected, or the node did not answer. */
export type AudioUnavailableCause = 'no-node' | 'no-answer';

/** A catalog code with its data, as `CatalogError` is made from. */
export type CatalogErrorArgs = { [C in CatalogErrorCode]: [code: C, data: CatalogErrorData[C]] }[CatalogErrorCode];

/**
 * An expected refusal from the catalog: a code and the data each transport words it from. The
 * message is for the logs, never shown to a user.
 */
export class CatalogError extends DomainError<CatalogErrorCode> {
  readonly data: CatalogErrorData[CatalogErrorCode];

  constructor(...[code, data]: CatalogErrorArgs) {
    super(code, `Catalog refused: ${code}`);
    this.data = data;
  }

  /** Whether this is the refusal `code`: its data is then that code's. */
  is<C extends CatalogErrorCode>(code: C): this is CatalogError & { code: C; data: CatalogErrorData[C] } {
    return this.code === code;
  }
}

/** Where a song or a link comes from, as the catalog names it; `link` is a direct audio link. */
export type LinkSource = 'youtube' | 'youtube-music' | 'spotify' | 'deezer' | 'soundcloud' | 'link' | 'search';

/**
 * Why a direct link plays nothing: nothing is there (404), its server refused it (another HTTP
 * error, `status`), its server did not answer (refused connection, unknown name, timeout), what is
 * there is not audio, or Lavalink did not say.
 */
export type LinkFailure =
  | { why: 'not-found' }
  | { why: 'refused'; status: number }
  | { why: 'unreachable' }
  | { why: 'not-audio' }
  | { why: 'unknown' };

/** Why the catalog turned nothing playable out of a /play query. Each code has its data in `ResolveErrorData`. */
export enum ResolveErrorCode {
  EmptyQuery = 'EMPTY_QUERY',
  QueryTooLong = 'QUERY_TOO_LONG',
  UnsupportedLink = 'UNSUPPORTED_LINK',
  PrivateLink = 'PRIVATE_LINK',
  UnknownHost = 'UNKNOWN_HOST',
  LinkUnplayable = 'LINK_UNPLAYABLE',
  ShortLink = 'SHORT_LINK',
  MalformedLink = 'MALFORMED_LINK',
  NothingFound = 'NOTHING_FOUND',
  SongNotOnYoutube = 'SONG_NOT_ON_YOUTUBE',
  VideoUnavailable = 'VIDEO_UNAVAILABLE',
  PlaylistUnavailable = 'PLAYLIST_UNAVAILABLE',
  PlaylistEmpty = 'PLAYLIST_EMPTY',
  SuggestionGone = 'SUGGESTION_GONE',
  SoundcloudUnavailable = 'SOUNDCLOUD_UNAVAILABLE',
  SpotifyUnconfigured = 'SPOTIFY_UNCONFIGURED',
  SourceDown = 'SOURCE_DOWN',
  SourceNotFound = 'SOURCE_NOT_FOUND',
  CatalogAway = 'CATALOG_AWAY',
  DeadLinkCatalogAway = 'DEAD_LINK_CATALOG_AWAY',
  AudioUnavailable = 'AUDIO_UNAVAILABLE',
}

/** What each refusal carries for the transports to word it. */
export interface ResolveErrorData {
  [ResolveErrorCode.EmptyQuery]: NoData;
  /** `length`: the query's, in characters; `max`: the longest accepted. */
  [ResolveErrorCode.QueryTooLong]: { length: number; max: number };
  /** Links from a site the bot does not play (or direct links, when they are off). */
  [ResolveErrorCode.UnsupportedLink]: { url: string };
  /** A direct link to a private, loopback, link-local or reserved address. */
  [ResolveErrorCode.PrivateLink]: { host: string };
  /** A direct link whose host name does not resolve. */
  [ResolveErrorCode.UnknownHost]: { host: string };
  /** A direct link with no audio Lavalink can read behind it, and why. */
  [ResolveErrorCode.LinkUnplayable]: { url: string } & LinkFailure;
  /** `spotify.link`, `deezer.page.link`: they only redirect in a browser. */
  [ResolveErrorCode.ShortLink]: { source: LinkSource };
  /** A link of a known site that names no song, album or playlist. */
  [ResolveErrorCode.MalformedLink]: { source: LinkSource };
  /** Free text with no match on YouTube; `text` is what was searched. */
  [ResolveErrorCode.NothingFound]: { text: string };
  /** A song known by name (a Spotify or Deezer track, a dead video's song) with no video to play it. */
  [ResolveErrorCode.SongNotOnYoutube]: { artist: string; title: string };
  /** A deleted, private or blocked video the catalog never saw. */
  [ResolveErrorCode.VideoUnavailable]: NoData;
  [ResolveErrorCode.PlaylistUnavailable]: NoData;
  [ResolveErrorCode.PlaylistEmpty]: { name: string };
  /** An autocomplete value (`track:<id>`) for a song no longer in the catalog. */
  [ResolveErrorCode.SuggestionGone]: NoData;
  /** A dead SoundCloud link whose address names no song to search for. */
  [ResolveErrorCode.SoundcloudUnavailable]: NoData;
  [ResolveErrorCode.SpotifyUnconfigured]: NoData;
  /** Spotify or Deezer did not answer. */
  [ResolveErrorCode.SourceDown]: { source: LinkSource };
  /** Spotify or Deezer has no such track, album or playlist (or keeps it from other apps). */
  [ResolveErrorCode.SourceNotFound]: { source: LinkSource; type: 'track' | 'album' | 'playlist' };
  /** MongoDB is away and the link needs the catalog (a playlist, a Spotify or Deezer link). */
  [ResolveErrorCode.CatalogAway]: NoData;
  /** MongoDB is away and a video or SoundCloud link loads nothing: the song it was cannot be looked up. */
  [ResolveErrorCode.DeadLinkCatalogAway]: NoData;
  /** Lavalink is away (see `CatalogErrorData`). */
  [ResolveErrorCode.AudioUnavailable]: { cause: AudioUnavailableCause };
}

/** A catalog refusal of a /play query: a code and its data, worded by each transport. */
export type ResolveRefusal = RefusalOf<ResolveErrorData>;

/**
 * A catalog refusal thrown by a use case that cannot go on without the song (/fix, a playlist
 * import). The transports word it from `refusal`; the message is for the logs.
 */
export class ResolveError extends DomainError<ResolveErrorCode> {
  constructor(readonly refusal: ResolveRefusal) {
    super(refusal.reason, `The catalog refused the query: ${refusal.reason}`);
  }
}
