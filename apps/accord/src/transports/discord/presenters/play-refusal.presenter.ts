import {
  PlayRequestErrorCode,
  ResolveErrorCode,
  type AudioUnavailableCause,
  type LinkSource,
  type PlayRefusal,
  type PlayRefusalCode,
  type PlayRequestErrorData,
  type ResolveErrorData,
  type ResolveRefusal,
} from '@accord/core';

/** What /play can play, as the refusal of an unsupported link lists it. */
const SUPPORTED_LINKS =
  'YouTube and YouTube Music videos, playlists and mixes; Spotify and Deezer tracks, albums and playlists; SoundCloud tracks and sets';

/** Shortens what a user typed before it is quoted back to them. */

/** The one wording of a full queue (a /play refused, a playback command refused). */
export function queueFull(max: number): string {
  return `The queue is full (${max.toLocaleString('en-US')} tracks). Remove some, or \`/stop\` to start over.`;
}

export function quote(text: string, max = 80): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return `“${clean.length > max ? `${clean.slice(0, max - 1)}…` : clean}”`;
}

/** Each source as the replies name it. */
const SOURCE_NAMES: Record<LinkSource, string> = {
  youtube: 'YouTube',
  'youtube-music': 'YouTube Music',
  spotify: 'Spotify',
  deezer: 'Deezer',
  soundcloud: 'SoundCloud',
  link: 'link',
  search: 'search',
};

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/** Lavalink away, as every reply words it. */
export const AUDIO_UNAVAILABLE: Record<AudioUnavailableCause, string> = {
  'no-node':
    'Audio is unavailable right now: no Lavalink node is connected. Your queue is kept; try again in a moment.',
  'no-answer': 'Audio search is unavailable right now (Lavalink did not answer). Try again in a moment.',
};

const CATALOG_AWAY =
  "My song catalog is unreachable for a moment, so I can't open that. A song name or a YouTube link still plays; try the link again in a minute.";

type Wording<M> = { [C in keyof M]: (data: M[C]) => string };

/** Every refusal of /play in Discord's words, one per code: a code added without words fails the typecheck. */
const PLAY_REFUSALS: Wording<ResolveErrorData & PlayRequestErrorData> = {
  [ResolveErrorCode.EmptyQuery]: () =>
    'Tell me what to play: a song name, or a YouTube, Spotify, Deezer or SoundCloud link.',
  [ResolveErrorCode.QueryTooLong]: ({ length, max }) =>
    `That query is ${length.toLocaleString('en-US')} characters long; keep it under ${max} (a song name or one link).`,
  [ResolveErrorCode.UnsupportedLink]: ({ url }) =>
    `I can't play links from ${quote(hostOf(url), 60)}. I can play ${SUPPORTED_LINKS}, or a song name.`,
  [ResolveErrorCode.PrivateLink]: ({ host }) =>
    `I don't play links to ${quote(host, 60)}: it is a private, local or reserved address. A direct link must point to a public server.`,
  [ResolveErrorCode.UnknownHost]: ({ host }) =>
    `I could not find the server ${quote(host, 60)}. Check the link, or type the song's name.`,
  [ResolveErrorCode.LinkUnplayable]: ({ url }) =>
    `I could not play ${quote(url, 100)}: there is no audio file there I can read (it may be gone, or not audio).`,
  [ResolveErrorCode.ShortLink]: ({ source }) =>
    `Short ${SOURCE_NAMES[source]} links only open in a browser. Open it, then paste the address it leads to (or type the song's name).`,
  [ResolveErrorCode.MalformedLink]: ({ source }) =>
    `That ${SOURCE_NAMES[source]} link does not point to a song, album or playlist I can read. Paste the share link of a song, album or playlist, or type the song's name.`,
  [ResolveErrorCode.NothingFound]: ({ text }) =>
    `I found nothing on YouTube for ${quote(text)}. Try the artist and the title, like “Daft Punk - One More Time”.`,
  [ResolveErrorCode.SongNotOnYoutube]: ({ artist, title }) =>
    `I could not find ${quote(`${artist} - ${title}`)} on YouTube.`,
  [ResolveErrorCode.VideoUnavailable]: () =>
    "That YouTube video can't be played (deleted, private or blocked), and I know nothing else about it to search for. Try /play with the song's name.",
  [ResolveErrorCode.PlaylistUnavailable]: () => "That playlist can't be opened: it may be private, deleted or empty.",
  [ResolveErrorCode.PlaylistEmpty]: ({ name }) => `The playlist ${quote(name)} has no song I can play.`,
  [ResolveErrorCode.SuggestionGone]: () => 'That suggestion is no longer in my catalog; type the song name again.',
  [ResolveErrorCode.SoundcloudUnavailable]: () =>
    "That SoundCloud link can't be played, and it doesn't say enough to search for the song elsewhere.",
  [ResolveErrorCode.SpotifyUnconfigured]: () =>
    "Spotify links are not set up on this bot: the server owner must set SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET (with TOKEN_ENCRYPTION_KEY). Meanwhile, type the song's name.",
  [ResolveErrorCode.SourceDown]: ({ source }) =>
    `${SOURCE_NAMES[source]} is not answering right now, so I can't read that link. Try again in a minute, or type the song's name.`,
  [ResolveErrorCode.SourceNotFound]: ({ source, type }) =>
    type === 'playlist' && source === 'spotify'
      ? "That Spotify playlist can't be read: it is private, deleted, or one of Spotify's own mixes, which Spotify keeps from other apps."
      : `That ${SOURCE_NAMES[source]} ${type} does not exist or is not available.`,
  [ResolveErrorCode.CatalogAway]: () => CATALOG_AWAY,
  [ResolveErrorCode.DeadLinkCatalogAway]: () => CATALOG_AWAY,
  [ResolveErrorCode.AudioUnavailable]: ({ cause }) => AUDIO_UNAVAILABLE[cause],
  [PlayRequestErrorCode.QueueFull]: ({ max }) => queueFull(max),
  [PlayRequestErrorCode.PlaylistLoadedEmpty]: ({ name }) =>
    `The playlist "${name}" has nothing I can play (empty, or only private or deleted videos). Nothing was queued.`,
};

function word<C extends PlayRefusalCode>(reason: C, data: (ResolveErrorData & PlayRequestErrorData)[C]): string {
  return PLAY_REFUSALS[reason](data);
}

/** Why /play queued nothing, as the user reads it. */
export function describePlayRefusal(refusal: PlayRefusal): string {
  return word(refusal.reason, refusal.data);
}

/** A catalog refusal (of /play, /fix or an import), as the user reads it. */
export function describeResolveRefusal(refusal: ResolveRefusal): string {
  return word(refusal.reason, refusal.data);
}
