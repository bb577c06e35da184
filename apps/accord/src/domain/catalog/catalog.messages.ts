import type { ResolveFailure, ResolveOutcome } from './catalog.types';
import { MAX_QUERY_LENGTH, SUPPORTED_LINKS } from './link-parser';

/** Shortens what a user typed before it is quoted back to them. */
export function quote(text: string, max = 80): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return `“${clean.length > max ? `${clean.slice(0, max - 1)}…` : clean}”`;
}

export function failure(reason: ResolveFailure, message: string): Extract<ResolveOutcome, { ok: false }> {
  return { ok: false, reason, message };
}

export const CatalogMessages = {
  emptyQuery: 'Tell me what to play: a song name, or a YouTube, Spotify, Deezer or SoundCloud link.',
  queryTooLong: `That is too long to search for (${MAX_QUERY_LENGTH} characters at most). Try the artist and the song title.`,
  unsupportedLink: (url: string): string => {
    let host = url;
    try {
      host = new URL(url).hostname;
    } catch {
      // keep the text as it is
    }
    return `I can't play links from ${quote(host, 60)}. I can play ${SUPPORTED_LINKS}, or a song name.`;
  },
  privateLink: (host: string): string =>
    `I don't play links to ${quote(host, 60)}: it is a private, local or reserved address. A direct link must point to a public server.`,
  unknownHost: (host: string): string =>
    `I could not find the server ${quote(host, 60)}. Check the link, or type the song's name.`,
  linkUnplayable: (url: string): string =>
    `I could not play ${quote(url, 100)}: there is no audio file there I can read (it may be gone, or not audio).`,
  shortLink: (source: string): string =>
    `Short ${source} links only open in a browser. Open it, then paste the address it leads to (or type the song's name).`,
  malformedLink: (source: string): string =>
    `That ${source} link does not point to a song, album or playlist I can read. Paste the share link of a song, album or playlist, or type the song's name.`,
  nothingFound: (text: string): string =>
    `I found nothing on YouTube for ${quote(text)}. Try the artist and the title, like “Daft Punk - One More Time”.`,
  noVideoFor: (artist: string, title: string): string =>
    `I could not find ${quote(`${artist} - ${title}`)} on YouTube.`,
  videoUnavailable:
    "That YouTube video can't be played (deleted, private or blocked), and I know nothing else about it to search for. Try /play with the song's name.",
  playlistUnavailable: "That playlist can't be opened: it may be private, deleted or empty.",
  playlistEmpty: (name: string): string => `The playlist ${quote(name)} has no song I can play.`,
  spotifyUnconfigured:
    "Spotify links are not set up on this bot: the server owner must set SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET (with TOKEN_ENCRYPTION_KEY). Meanwhile, type the song's name.",
  sourceDown: (source: string): string =>
    `${source} is not answering right now, so I can't read that link. Try again in a minute, or type the song's name.`,
  sourceNotFound: (source: string, type: string): string =>
    type === 'playlist' && source === 'Spotify'
      ? "That Spotify playlist can't be read: it is private, deleted, or one of Spotify's own mixes, which Spotify keeps from other apps."
      : `That ${source} ${type} does not exist or is not available.`,
  catalogAway:
    "My song catalog is unreachable for a moment, so I can't open that. A song name or a YouTube link still plays; try the link again in a minute.",
  soundcloudUnavailable:
    "That SoundCloud link can't be played, and it doesn't say enough to search for the song elsewhere.",
} as const;
