import {
  exceptionPayload,
  linkExceptionPayload,
  type ExceptionSeverity,
  type LinkLoadFailure,
  type LoadResultPayload,
  type TrackPayload,
} from './payloads';
import { encodeTrack } from './track-codec';

/** A fake YouTube video (or SoundCloud upload) the node can find, load and "play". */
export interface CatalogueTrack {
  /** 11-character YouTube video id; any text for SoundCloud. */
  identifier: string;
  /** Where the track lives: `ytsearch:` and `ytmsearch:` find YouTube's, `scsearch:` SoundCloud's. YouTube by default. */
  source?: 'youtube' | 'soundcloud';
  title: string;
  author: string;
  /** Duration in ms; ignored for streams (Lavalink reports Long.MAX_VALUE). */
  length: number;
  isStream?: boolean;
  isrc?: string | null;
  artworkUrl?: string | null;
}

export interface CataloguePlaylist {
  /** YouTube playlist id (the `list=` value), e.g. `PLxxxxxxxx`. */
  id: string;
  name: string;
  /** Video ids, in playlist order; each must be in the catalogue. */
  trackIds: string[];
}

export interface TrackCatalogueOptions {
  /** How many results a `ytsearch:` returns at most (YouTube gives about 20). */
  searchLimit?: number;
}

/** lavaplayer reports a stream's length as Long.MAX_VALUE; this is what JSON.parse makes of it. */
export const STREAM_LENGTH = 2 ** 63;

const SEARCH_PREFIXES = ['ytsearch:', 'ytmsearch:', 'scsearch:'] as const;
const VIDEO_ID = /^[A-Za-z0-9_-]{11}$/;
const PLAYLIST_ID = /^(PL|OL|UU|FL|LL|RD)[A-Za-z0-9_-]{8,}$/;
const YOUTUBE_HOSTS = new Set(['youtube.com', 'www.youtube.com', 'm.youtube.com', 'music.youtube.com']);

type Outcome =
  | { kind: 'empty' }
  | { kind: 'error'; message: string; severity: ExceptionSeverity; cause?: string }
  | { kind: 'link'; failure: LinkLoadFailure };

function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The fake node's view of YouTube: tracks, playlists and scripted load outcomes.
 * Shared by reference, so it survives `restart()` and can back several nodes.
 */
export class TrackCatalogue {
  private readonly tracksById = new Map<string, CatalogueTrack>();
  private readonly playlistsById = new Map<string, CataloguePlaylist>();
  private readonly outcomes = new Map<string, Outcome>();
  /** Answers every load that has no outcome of its own, while set. */
  private everyLoad: Outcome | null = null;
  private readonly searchLimit: number;

  constructor(tracks: CatalogueTrack[] = [], options: TrackCatalogueOptions = {}) {
    this.searchLimit = options.searchLimit ?? 10;
    this.add(...tracks);
  }

  get size(): number {
    return this.tracksById.size;
  }

  get tracks(): CatalogueTrack[] {
    return [...this.tracksById.values()];
  }

  /** Adds (or replaces, by id) tracks. */
  add(...tracks: CatalogueTrack[]): this {
    for (const track of tracks) {
      if (track.source !== 'soundcloud' && !VIDEO_ID.test(track.identifier))
        throw new Error(`Not an 11-character video id: ${track.identifier}`);
      this.tracksById.set(track.identifier, track);
    }
    return this;
  }

  /** Adds a playlist; tracks given as objects are added to the catalogue too. */
  addPlaylist(playlist: { id: string; name: string; tracks: (CatalogueTrack | string)[] }): this {
    const trackIds = playlist.tracks.map((track) => {
      if (typeof track === 'string') return track;
      this.add(track);
      return track.identifier;
    });
    const missing = trackIds.filter((id) => !this.tracksById.has(id));
    if (missing.length > 0) throw new Error(`Playlist ${playlist.id} names unknown tracks: ${missing.join(', ')}`);
    this.playlistsById.set(playlist.id, { id: playlist.id, name: playlist.name, trackIds });
    return this;
  }

  get(identifier: string): CatalogueTrack | undefined {
    return this.tracksById.get(identifier);
  }

  playlist(id: string): CataloguePlaylist | undefined {
    return this.playlistsById.get(id);
  }

  /**
   * Makes `loadtracks` answer `error` for exactly this identifier (as sent, prefix or URL included).
   * `cause` is the root cause's Java `toString()` (a FriendlyException with `message` by default).
   */
  failLoad(identifier: string, message: string, severity: ExceptionSeverity = 'common', cause?: string): this {
    this.outcomes.set(identifier, { kind: 'error', message, severity, cause });
    return this;
  }

  /**
   * Makes every `loadtracks` (searches, links, ids) answer `error`, as when YouTube changed its
   * player and the plugin cannot follow, until `clearOutcomes()`.
   */
  failEveryLoad(message: string, severity: ExceptionSeverity = 'suspicious', cause?: string): this {
    this.everyLoad = { kind: 'error', message, severity, cause };
    return this;
  }

  /** Makes a direct link fail as the real node's HTTP source fails it (see `linkExceptionPayload`). */
  failLink(url: string, failure: LinkLoadFailure): this {
    this.outcomes.set(url, { kind: 'link', failure });
    return this;
  }

  /** Makes `loadtracks` answer `empty` for exactly this identifier. */
  emptyLoad(identifier: string): this {
    this.outcomes.set(identifier, { kind: 'empty' });
    return this;
  }

  clearOutcomes(): this {
    this.outcomes.clear();
    this.everyLoad = null;
    return this;
  }

  /** The Lavalink TRACK object for a catalogue entry. */
  toPayload(track: CatalogueTrack, position = 0): TrackPayload {
    const isStream = track.isStream ?? false;
    const soundcloud = track.source === 'soundcloud';
    const info = {
      identifier: track.identifier,
      isSeekable: !isStream,
      author: track.author,
      length: isStream ? STREAM_LENGTH : track.length,
      isStream,
      position,
      title: track.title,
      uri: soundcloud
        ? `https://soundcloud.com/${slug(track.author)}/${slug(track.title)}`
        : `https://www.youtube.com/watch?v=${track.identifier}`,
      artworkUrl:
        track.artworkUrl === undefined && !soundcloud
          ? `https://i.ytimg.com/vi/${track.identifier}/maxresdefault.jpg`
          : (track.artworkUrl ?? null),
      isrc: track.isrc ?? null,
      sourceName: soundcloud ? 'soundcloud' : 'youtube',
    };
    return { encoded: encodeTrack(info), info, pluginInfo: {}, userData: {} };
  }

  /** What `GET /v4/loadtracks?identifier=` answers. */
  load(identifier: string): LoadResultPayload {
    const outcome = this.outcomes.get(identifier) ?? this.everyLoad;
    if (outcome?.kind === 'empty') return { loadType: 'empty', data: null };
    if (outcome?.kind === 'error') {
      return { loadType: 'error', data: exceptionPayload(outcome.message, outcome.severity, outcome.cause) };
    }
    if (outcome?.kind === 'link') return { loadType: 'error', data: linkExceptionPayload(outcome.failure) };

    const prefix = SEARCH_PREFIXES.find((p) => identifier.startsWith(p));
    if (prefix) {
      const found = this.search(
        identifier.slice(prefix.length),
        this.searchLimit,
        prefix === 'scsearch:' ? 'soundcloud' : 'youtube',
      );
      return found.length === 0 ? { loadType: 'empty', data: null } : { loadType: 'search', data: found };
    }

    const link = parseYoutubeLink(identifier);
    if (link?.playlistId) return this.loadPlaylist(link.playlistId, link.videoId);
    if (link?.videoId) {
      const track = this.tracksById.get(link.videoId);
      return track ? { loadType: 'track', data: this.toPayload(track) } : { loadType: 'empty', data: null };
    }
    return { loadType: 'empty', data: null };
  }

  /** Ranks tracks by how many query words appear in "author title"; catalogue order breaks ties. */
  search(query: string, limit = this.searchLimit, source: 'youtube' | 'soundcloud' = 'youtube'): TrackPayload[] {
    const wanted = [...new Set(tokens(query))];
    if (wanted.length === 0) return [];
    const scored: { track: CatalogueTrack; score: number; index: number }[] = [];
    let index = 0;
    for (const track of this.tracksById.values()) {
      if ((track.source ?? 'youtube') !== source) continue;
      const have = new Set(tokens(`${track.author} ${track.title}`));
      const score = wanted.filter((word) => have.has(word)).length;
      if (score > 0) scored.push({ track, score, index });
      index++;
    }
    scored.sort((a, b) => b.score - a.score || a.index - b.index);
    return scored.slice(0, limit).map(({ track }) => this.toPayload(track));
  }

  private loadPlaylist(playlistId: string, videoId: string | undefined): LoadResultPayload {
    const playlist = this.playlistsById.get(playlistId);
    if (!playlist) return { loadType: 'empty', data: null };
    const tracks = playlist.trackIds.map((id) => this.toPayload(this.tracksById.get(id) as CatalogueTrack));
    return {
      loadType: 'playlist',
      data: {
        info: { name: playlist.name, selectedTrack: videoId ? playlist.trackIds.indexOf(videoId) : -1 },
        pluginInfo: {},
        tracks,
      },
    };
  }
}

/** Reads a YouTube watch/short/playlist URL or a bare video/playlist id. */
export function parseYoutubeLink(identifier: string): { videoId?: string; playlistId?: string } | undefined {
  if (VIDEO_ID.test(identifier)) return { videoId: identifier };
  if (PLAYLIST_ID.test(identifier)) return { playlistId: identifier };
  let url: URL;
  try {
    url = new URL(identifier);
  } catch {
    return undefined;
  }
  const list = url.searchParams.get('list') ?? undefined;
  if (url.hostname === 'youtu.be') {
    const videoId = url.pathname.slice(1);
    return VIDEO_ID.test(videoId) ? { videoId, playlistId: list } : undefined;
  }
  if (!YOUTUBE_HOSTS.has(url.hostname)) return undefined;
  if (url.pathname === '/watch' || url.pathname === '/playlist') {
    const v = url.searchParams.get('v') ?? undefined;
    const videoId = v && VIDEO_ID.test(v) ? v : undefined;
    return videoId || list ? { videoId, playlistId: list } : undefined;
  }
  const short = /^\/(shorts|live|embed)\/([A-Za-z0-9_-]{11})$/.exec(url.pathname);
  return short ? { videoId: short[2] } : undefined;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ARTIST_WORDS = [
  'Velvet',
  'Neon',
  'Static',
  'Golden',
  'Paper',
  'Hollow',
  'Crimson',
  'Silent',
  'Electric',
  'Lunar',
];
const BAND_WORDS = [
  'Harbour',
  'Foxes',
  'Engines',
  'Atlas',
  'Tides',
  'Parade',
  'Orchard',
  'Signals',
  'Comets',
  'Rivers',
];
const TITLE_WORDS = [
  'midnight', 'summer', 'glass', 'fire', 'ocean', 'dancing', 'heart', 'city', 'lights', 'running',
  'shadow', 'river', 'gold', 'winter', 'dream', 'echo', 'stars', 'road', 'home', 'storm',
]; // prettier-ignore

/** FNV-1a, to derive a stable id from a name. */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** Deterministic PRNG (mulberry32) so generated catalogues are stable across runs. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A deterministic 11-character video id for number `n` (distinct for distinct n). */
export function fakeVideoId(n: number, seed = 0): string {
  const random = prng(n * 7919 + seed);
  let id = '';
  for (let i = 0; i < 11; i++) id += ID_ALPHABET[Math.floor(random() * 64)];
  // Make ids unique even if two seeds collide: the last three characters spell n in base 64.
  const tail = [(n >> 12) & 63, (n >> 6) & 63, n & 63].map((d) => ID_ALPHABET[d]).join('');
  return id.slice(0, 8) + tail;
}

/** Builds a catalogue track with sensible defaults (a 3:30 official video). */
export function youtubeTrack(overrides: Partial<CatalogueTrack> & { title: string; author: string }): CatalogueTrack {
  return {
    identifier: fakeVideoId(hashText(`${overrides.author} - ${overrides.title}`)),
    length: 210_000,
    ...overrides,
  };
}

/** A SoundCloud upload for the catalogue (found by `scsearch:` only), a 3:30 song by default. */
export function soundcloudTrack(
  overrides: Partial<CatalogueTrack> & { title: string; author: string },
): CatalogueTrack {
  return {
    identifier: `soundcloud:tracks:${hashText(`${overrides.author} - ${overrides.title}`)}`,
    length: 210_000,
    ...overrides,
    source: 'soundcloud',
  };
}

function slug(text: string): string {
  return tokens(text).join('-');
}

/** Generates `count` tracks (for benchmarks and large queues): stable ids, searchable names. */
export function generateTracks(options: { count: number; seed?: number }): CatalogueTrack[] {
  const seed = options.seed ?? 1;
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const tracks: CatalogueTrack[] = [];
  for (let n = 0; n < options.count; n++) {
    const author = `${pick(ARTIST_WORDS)} ${pick(BAND_WORDS)}`;
    const title = `${pick(TITLE_WORDS)} ${pick(TITLE_WORDS)} ${n}`.replace(/^\w/, (c) => c.toUpperCase());
    tracks.push({ identifier: fakeVideoId(n, seed), title, author, length: 120_000 + Math.floor(random() * 240_000) });
  }
  return tracks;
}

/** Adds a generated playlist of `count` tracks to `catalogue` and returns its `list=` id. */
export function generatePlaylist(
  catalogue: TrackCatalogue,
  options: { count: number; seed?: number; name?: string },
): CataloguePlaylist {
  const seed = options.seed ?? 2;
  const id = `PL${fakeVideoId(options.count, seed)}${fakeVideoId(seed, options.count)}`;
  const tracks = generateTracks({ count: options.count, seed });
  catalogue.addPlaylist({ id, name: options.name ?? `Generated mix (${options.count})`, tracks });
  return catalogue.playlist(id) as CataloguePlaylist;
}
