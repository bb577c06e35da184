import type { LinkSource } from './catalog.types';

/** Longest query accepted; longer input is refused before anything else looks at it. */
export const MAX_QUERY_LENGTH = 500;

export type CollectionType = 'track' | 'album' | 'playlist';

/** What a /play query is, before anything is fetched. */
export type ParsedQuery =
  | { kind: 'invalid'; reason: 'EMPTY_QUERY' | 'QUERY_TOO_LONG' }
  | { kind: 'text'; text: string }
  /** `track:<id>`, the value /play autocomplete gives for a song the catalog knows. */
  | { kind: 'catalog'; trackId: string }
  | { kind: 'youtube-video'; source: 'youtube' | 'youtube-music'; videoId: string; url: string }
  | {
      kind: 'youtube-playlist';
      source: 'youtube' | 'youtube-music';
      playlistId: string;
      videoId?: string;
      /** A generated mix (`list=RD…`): Lavalink loads it as a playlist. */
      mix: boolean;
      url: string;
    }
  | { kind: 'spotify'; type: CollectionType; id: string; url: string }
  | { kind: 'deezer'; type: CollectionType; id: string; url: string }
  | { kind: 'soundcloud'; set: boolean; url: string; hint: string }
  /** A site we read, but a link we cannot use: a short link, or one without a usable id. */
  | { kind: 'unusable'; source: LinkSource; why: 'short-link' | 'malformed'; url: string }
  /** A link to an audio file on any other host, played by Lavalink's http source (when allowed). */
  | { kind: 'direct'; url: string }
  | { kind: 'unsupported'; url: string };

const VIDEO_ID = /^[A-Za-z0-9_-]{11}$/;
const PLAYLIST_ID = /^[A-Za-z0-9_-]{10,64}$/;
const SPOTIFY_ID = /^[A-Za-z0-9]{22}$/;
const DEEZER_ID = /^\d{1,15}$/;
const CATALOG_ID = /^track:([a-f0-9]{24})$/;
/** The file types a direct link may name (what Lavalink's http source probes and plays). */
const AUDIO_FILE = /\.(?:mp3|ogg|oga|opus|webm|weba|m4a|mp4|aac|flac|wav|mka)$/i;
const COLLECTIONS: ReadonlySet<string> = new Set(['track', 'album', 'playlist']);
const YOUTUBE_HOSTS = new Set(['youtube.com', 'm.youtube.com', 'youtube-nocookie.com']);
// Links people paste without a scheme ("youtu.be/…", "open.spotify.com/…").
const BARE_LINK =
  /^(?:www\.|m\.|music\.|open\.|on\.)?(?:youtube\.com|youtu\.be|spotify\.com|spotify\.link|deezer\.com|deezer\.page\.link|soundcloud\.com)\//i;

/**
 * Reads a /play query: a link of a site we know (YouTube, YouTube Music, Spotify, Deezer,
 * SoundCloud), an autocomplete token, or free text. Never throws.
 */
export function parseQuery(raw: unknown): ParsedQuery {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text.length === 0) return { kind: 'invalid', reason: 'EMPTY_QUERY' };
  if (text.length > MAX_QUERY_LENGTH) return { kind: 'invalid', reason: 'QUERY_TOO_LONG' };

  const catalog = CATALOG_ID.exec(text);
  if (catalog) return { kind: 'catalog', trackId: catalog[1] };

  const spotifyUri = /^spotify:(track|album|playlist):([A-Za-z0-9]+)$/i.exec(text);
  if (spotifyUri) return spotifyLink(spotifyUri[1].toLowerCase(), spotifyUri[2], text);

  // Discord users wrap links in <…> to hide the preview.
  const unwrapped = text.replace(/^<(.+)>$/, '$1');
  if (/\s/.test(unwrapped)) return { kind: 'text', text };
  const withScheme = BARE_LINK.test(unwrapped) ? `https://${unwrapped}` : unwrapped;
  if (!/^https?:\/\//i.test(withScheme)) return { kind: 'text', text };

  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { kind: 'unsupported', url: unwrapped };
  }
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const href = url.toString();
  if (host === 'youtu.be') return youtubeLink(url, 'youtube', url.pathname.split('/')[1] ?? '', href);
  if (host === 'music.youtube.com') return youtubePage(url, 'youtube-music', href);
  if (YOUTUBE_HOSTS.has(host)) return youtubePage(url, 'youtube', href);
  if (host === 'open.spotify.com' || host === 'play.spotify.com') return spotifyPage(url, href);
  if (host === 'spotify.link') return { kind: 'unusable', source: 'spotify', why: 'short-link', url: href };
  if (host === 'deezer.com') return deezerPage(url, href);
  if (host === 'deezer.page.link' || host === 'link.deezer.com') {
    return { kind: 'unusable', source: 'deezer', why: 'short-link', url: href };
  }
  if (host === 'soundcloud.com' || host === 'm.soundcloud.com' || host === 'on.soundcloud.com') {
    return soundcloudLink(url);
  }
  if (AUDIO_FILE.test(url.pathname)) return { kind: 'direct', url: href };
  return { kind: 'unsupported', url: href };
}

function youtubePage(url: URL, source: 'youtube' | 'youtube-music', href: string): ParsedQuery {
  const path = url.pathname.replace(/\/+$/, '');
  if (path === '/watch' || path === '/playlist') return youtubeLink(url, source, url.searchParams.get('v') ?? '', href);
  const embedded = /^\/(?:shorts|live|embed|v)\/([^/]+)$/.exec(path);
  if (embedded) return youtubeLink(url, source, embedded[1], href);
  return { kind: 'unusable', source, why: 'malformed', url: href };
}

function youtubeLink(url: URL, source: 'youtube' | 'youtube-music', videoId: string, href: string): ParsedQuery {
  const list = url.searchParams.get('list') ?? '';
  const video = VIDEO_ID.test(videoId) ? videoId : undefined;
  if (PLAYLIST_ID.test(list)) {
    return {
      kind: 'youtube-playlist',
      source,
      playlistId: list,
      videoId: video,
      mix: list.startsWith('RD'),
      url: href,
    };
  }
  if (video) return { kind: 'youtube-video', source, videoId: video, url: href };
  return { kind: 'unusable', source, why: 'malformed', url: href };
}

function spotifyPage(url: URL, href: string): ParsedQuery {
  // `/intl-fr/track/ID`, `/embed/track/ID`, `/track/ID`.
  const parts = url.pathname.split('/').filter((part) => part && !/^intl-[a-z-]+$/i.test(part) && part !== 'embed');
  return spotifyLink(parts[0] ?? '', parts[1] ?? '', href);
}

function spotifyLink(type: string, id: string, href: string): ParsedQuery {
  if (!COLLECTIONS.has(type) || !SPOTIFY_ID.test(id)) {
    return { kind: 'unusable', source: 'spotify', why: 'malformed', url: href };
  }
  return { kind: 'spotify', type: type as CollectionType, id, url: href };
}

function deezerPage(url: URL, href: string): ParsedQuery {
  // `/track/ID` or with a language: `/fr/track/ID`.
  const parts = url.pathname.split('/').filter(Boolean);
  const start = parts.length >= 3 && /^[a-z]{2}$/i.test(parts[0]) ? 1 : 0;
  const [type = '', id = ''] = parts.slice(start);
  if (!COLLECTIONS.has(type) || !DEEZER_ID.test(id)) {
    return { kind: 'unusable', source: 'deezer', why: 'malformed', url: href };
  }
  return { kind: 'deezer', type: type as CollectionType, id, url: href };
}

function soundcloudLink(url: URL): ParsedQuery {
  const clean = new URL(url.pathname, 'https://soundcloud.com');
  const parts = url.pathname.split('/').filter(Boolean);
  const set = parts[1] === 'sets';
  const words = (set ? [parts[0], ...parts.slice(2)] : parts.slice(0, 2)).map(slugWords);
  return {
    kind: 'soundcloud',
    set,
    url: url.hostname === 'on.soundcloud.com' ? url.toString() : clean.toString(),
    hint: words.filter(Boolean).join(' - '),
  };
}

/** `daft-punk` -> `daft punk`; a trailing id-like number is dropped. */
function slugWords(slug: string | undefined): string {
  let text = slug ?? '';
  try {
    text = decodeURIComponent(text);
  } catch {
    // a stray % stays as it is
  }
  return text
    .replace(/[-_]+/g, ' ')
    .replace(/\s\d{5,}$/, '')
    .trim();
}
