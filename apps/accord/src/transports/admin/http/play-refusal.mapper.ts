import {
  AdminError,
  AdminErrorCode,
  CatalogError,
  CatalogErrorCode,
  PlaybackError,
  PlaybackErrorCode,
  PlayRequestErrorCode,
  ResolveErrorCode,
  type LinkFailure,
  type LinkSource,
  type PlayRefusal,
  type PlayRefusalCode,
  type PlayRequestErrorData,
  type ResolveErrorData,
} from '@accord/core';

type RefusalData = ResolveErrorData & PlayRequestErrorData;

/**
 * A refusal's admin code (its HTTP status follows from it, `http-error.mapper.ts`) and the message the
 * panel shows; or the module error it is, which the mapper words like any other.
 */
type Answer<D> =
  { code: AdminErrorCode; message: (data: D) => string } | { as: (data: D) => CatalogError | PlaybackError };

const SUPPORTED_LINKS =
  'YouTube and YouTube Music videos, playlists and mixes; Spotify and Deezer tracks, albums and playlists; SoundCloud tracks and sets';

const CATALOG_AWAY =
  "My song catalog is unreachable for a moment, so I can't open that. A song name or a YouTube link still plays; try the link again in a minute.";

function quote(text: string, max = 80): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return `“${clean.length > max ? `${clean.slice(0, max - 1)}…` : clean}”`;
}

/** Why a direct link plays nothing, after "I could not play <url>: ". */
function whyLinkFailed(failure: LinkFailure): string {
  switch (failure.why) {
    case 'not-found':
      return 'there is nothing at that address (HTTP 404).';
    case 'refused':
      return `its server refused to send it (HTTP ${failure.status}).`;
    case 'unreachable':
      return 'its server did not answer. Check the link, or try again later.';
    case 'not-audio':
      return 'what is there is not audio I can read.';
    case 'unknown':
      return 'there is no audio file there I can read (it may be gone, or not audio).';
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

const SOURCE_NAMES: Record<LinkSource, string> = {
  youtube: 'YouTube',
  'youtube-music': 'YouTube Music',
  spotify: 'Spotify',
  deezer: 'Deezer',
  soundcloud: 'SoundCloud',
  link: 'link',
  search: 'search',
};

/**
 * Every refusal of a play request (the panel's "add to queue") as the admin API answers it: a query
 * it cannot take is 400, nothing playable behind it 422, a source or the catalog away 502, Lavalink
 * away 503, a full queue 409. A code added without an answer here fails the typecheck.
 */
const ANSWERS: { [C in PlayRefusalCode]: Answer<RefusalData[C]> } = {
  [ResolveErrorCode.EmptyQuery]: {
    code: AdminErrorCode.InvalidQuery,
    message: () => 'Tell me what to play: a song name, or a YouTube, Spotify, Deezer or SoundCloud link.',
  },
  [ResolveErrorCode.QueryTooLong]: {
    code: AdminErrorCode.InvalidQuery,
    message: ({ length, max }) =>
      `That query is ${length.toLocaleString('en-US')} characters long; keep it under ${max} (a song name or one link).`,
  },
  [ResolveErrorCode.UnsupportedLink]: {
    code: AdminErrorCode.UnsupportedLink,
    message: ({ url }) =>
      `I can't play links from ${quote(hostOf(url), 60)}. I can play ${SUPPORTED_LINKS}, or a song name.`,
  },
  [ResolveErrorCode.PrivateLink]: {
    code: AdminErrorCode.UnsupportedLink,
    message: ({ host }) =>
      `I don't play links to ${quote(host, 60)}: it is a private, local or reserved address. A direct link must point to a public server.`,
  },
  [ResolveErrorCode.UnknownHost]: {
    code: AdminErrorCode.NothingFound,
    message: ({ host }) => `I could not find the server ${quote(host, 60)}. Check the link, or type the song's name.`,
  },
  [ResolveErrorCode.LinkUnplayable]: {
    code: AdminErrorCode.NothingFound,
    message: (failure) => `I could not play ${quote(failure.url, 100)}: ${whyLinkFailed(failure)}`,
  },
  [ResolveErrorCode.ShortLink]: {
    code: AdminErrorCode.UnsupportedLink,
    message: ({ source }) =>
      `Short ${SOURCE_NAMES[source]} links only open in a browser. Open it, then paste the address it leads to (or type the song's name).`,
  },
  [ResolveErrorCode.MalformedLink]: {
    code: AdminErrorCode.UnsupportedLink,
    message: ({ source }) =>
      `That ${SOURCE_NAMES[source]} link does not point to a song, album or playlist I can read. Paste the share link of a song, album or playlist, or type the song's name.`,
  },
  [ResolveErrorCode.NothingFound]: {
    code: AdminErrorCode.NothingFound,
    message: ({ text }) =>
      `I found nothing on YouTube for ${quote(text)}. Try the artist and the title, like “Daft Punk - One More Time”.`,
  },
  [ResolveErrorCode.SongNotOnYoutube]: {
    code: AdminErrorCode.NothingFound,
    message: ({ artist, title }) => `I could not find ${quote(`${artist} - ${title}`)} on YouTube.`,
  },
  [ResolveErrorCode.VideoUnavailable]: {
    code: AdminErrorCode.NothingFound,
    message: () =>
      "That YouTube video can't be played (deleted, private or blocked), and I know nothing else about it to search for. Try /play with the song's name.",
  },
  [ResolveErrorCode.PlaylistUnavailable]: {
    code: AdminErrorCode.NothingFound,
    message: () => "That playlist can't be opened: it may be private, deleted or empty.",
  },
  [ResolveErrorCode.PlaylistEmpty]: {
    code: AdminErrorCode.PlaylistEmpty,
    message: ({ name }) => `The playlist ${quote(name)} has no song I can play.`,
  },
  [ResolveErrorCode.SuggestionGone]: {
    code: AdminErrorCode.NothingFound,
    message: () => 'That suggestion is no longer in my catalog; type the song name again.',
  },
  [ResolveErrorCode.SoundcloudUnavailable]: {
    code: AdminErrorCode.NothingFound,
    message: () => "That SoundCloud link can't be played, and it doesn't say enough to search for the song elsewhere.",
  },
  [ResolveErrorCode.SpotifyUnconfigured]: {
    code: AdminErrorCode.SourceUnavailable,
    message: () =>
      "Spotify links are not set up on this bot: the server owner must set SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET (with TOKEN_ENCRYPTION_KEY). Meanwhile, type the song's name.",
  },
  [ResolveErrorCode.SourceDown]: {
    code: AdminErrorCode.SourceUnavailable,
    message: ({ source }) =>
      `${SOURCE_NAMES[source]} is not answering right now, so I can't read that link. Try again in a minute, or type the song's name.`,
  },
  [ResolveErrorCode.SourceNotFound]: {
    code: AdminErrorCode.NothingFound,
    message: ({ source, type }) =>
      type === 'playlist' && source === 'spotify'
        ? "That Spotify playlist can't be read: it is private, deleted, or one of Spotify's own mixes, which Spotify keeps from other apps."
        : `That ${SOURCE_NAMES[source]} ${type} does not exist or is not available.`,
  },
  [ResolveErrorCode.CatalogAway]: { code: AdminErrorCode.SourceUnavailable, message: () => CATALOG_AWAY },
  [ResolveErrorCode.DeadLinkCatalogAway]: { code: AdminErrorCode.NothingFound, message: () => CATALOG_AWAY },
  [ResolveErrorCode.AudioUnavailable]: { as: (data) => new CatalogError(CatalogErrorCode.AudioUnavailable, data) },
  [PlayRequestErrorCode.QueueFull]: { as: (data) => new PlaybackError(PlaybackErrorCode.QueueFull, data) },
  [PlayRequestErrorCode.PlaylistLoadedEmpty]: {
    code: AdminErrorCode.PlaylistEmpty,
    message: ({ name }) =>
      `The playlist "${name}" has nothing I can play (empty, or only private or deleted videos). Nothing was queued.`,
  },
};

function errorOf<C extends PlayRefusalCode>(
  reason: C,
  data: RefusalData[C],
): AdminError | CatalogError | PlaybackError {
  const entry: Answer<RefusalData[C]> = ANSWERS[reason];
  if ('as' in entry) return entry.as(data);
  const field = entry.code === AdminErrorCode.InvalidQuery ? 'query' : undefined;
  return new AdminError(entry.code, entry.message(data), field);
}

/** A refusal of a play request (or of the catalog) as the admin API's error, which `mapDomainError` turns into HTTP. */
export function playRefusalError(refusal: PlayRefusal): AdminError | CatalogError | PlaybackError {
  return errorOf(refusal.reason, refusal.data);
}
