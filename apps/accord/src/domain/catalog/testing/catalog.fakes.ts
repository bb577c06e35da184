import type { EventEmitter2 } from '@nestjs/event-emitter';
import { PlaybackError, PlaybackErrorCode, type LinkFailure, type PlayableTrack } from '@accord/core';
import type { DeezerClient } from '../../../adapters/deezer/deezer.client';
import type { LavalinkService } from '../../../adapters/lavalink/lavalink.service';
import type { LoadResult, SearchEngine } from '../../../adapters/lavalink/lavalink.types';
import type { HostLookup } from '../../../adapters/network/host-lookup';
import type { SpotifyClient } from '../../../adapters/spotify/spotify.client';
import type { DirectLinkMode, FallbackSourceName } from '../../../config/env.schema';
import type { SourceHealthService } from '../../health/source-health.service';
import { CatalogArtists } from '../catalog-artists';
import { DirectLinkService } from '../direct-link.service';
import type {
  CatalogTrack,
  NewCatalogTrack,
  SourceAnswer,
  SourceCollection,
  SourceTrack,
  TrackAlternate,
} from '../catalog.types';
import { FallbackSourceService } from '../fallback-source.service';
import { PinReviewService } from '../pin-review.service';
import { TrackPinningService } from '../track-pinning.service';
import { TrackResolverService } from '../track-resolver.service';
import { TrackSuggestionService } from '../track-suggestion.service';
import { foldSearchText } from '../search-text';
import { keyFieldsOf, type PinChange, type TrackKeyFields, type TrackRepository } from '../track.repository';
import { VideoSearchService } from '../video-search.service';

/** Typed fakes of the catalog's ports, for its unit specs only. */

type Port<T> = { [K in keyof T]: T[K] };
type TrackRepositoryPort = Port<TrackRepository>;
type LavalinkPort = Pick<LavalinkService, 'load'>;
type SourcePort = Pick<SpotifyClient, 'isConfigured' | 'track' | 'album' | 'playlist'> &
  Pick<DeezerClient, 'track' | 'album' | 'playlist'>;

/** The `tracks` collection in memory, with the repository's contract. */
export class InMemoryTrackRepository implements TrackRepositoryPort {
  readonly docs: CatalogTrack[] = [];
  private nextId = 1;

  findById(id: string): Promise<CatalogTrack | null> {
    return Promise.resolve(this.docs.find((doc) => doc.id === id) ?? null);
  }
  findByKey(key: string): Promise<CatalogTrack | null> {
    return Promise.resolve(this.docs.find((doc) => doc.key === key) ?? null);
  }
  findByKeyOrAlias(key: string | undefined, aliases: string[]): Promise<CatalogTrack | null> {
    const byKey = key ? this.docs.find((doc) => doc.key === key) : undefined;
    return Promise.resolve(
      byKey ?? this.docs.find((doc) => doc.aliases.some((alias) => aliases.includes(alias))) ?? null,
    );
  }
  findByVideoId(videoId: string): Promise<CatalogTrack | null> {
    const found =
      this.docs.find((doc) => doc.youtubeId === videoId) ??
      this.docs.find((doc) => doc.aliases.includes(`yt:${videoId}`));
    return Promise.resolve(found ?? null);
  }
  findBySpotifyId(spotifyId: string): Promise<CatalogTrack | null> {
    return Promise.resolve(this.docs.find((doc) => doc.spotifyId === spotifyId) ?? null);
  }
  findManyByKeys(keys: string[]): Promise<CatalogTrack[]> {
    return Promise.resolve(this.docs.filter((doc) => keys.includes(doc.key)));
  }
  findManyBySpotifyIds(ids: string[]): Promise<CatalogTrack[]> {
    return Promise.resolve(this.docs.filter((doc) => doc.spotifyId && ids.includes(doc.spotifyId)));
  }
  searchByPrefix(prefix: string, limit: number): Promise<CatalogTrack[]> {
    const folded = foldSearchText(prefix);
    const found = this.docs.filter(
      (doc) => !doc.unavailable && folded && foldSearchText(`${doc.artist} ${doc.title}`).startsWith(folded),
    );
    return Promise.resolve(found.slice(0, limit));
  }
  /** How many times the known artists were read. */
  artistReads = 0;
  recentArtists(limit: number): Promise<string[]> {
    this.artistReads++;
    return Promise.resolve(
      this.docs
        .slice(-limit)
        .reverse()
        .map((doc) => doc.artist),
    );
  }
  create(input: NewCatalogTrack): Promise<CatalogTrack> {
    const existing = this.docs.find((doc) => doc.key === input.key);
    if (existing) {
      existing.aliases = [...new Set([...existing.aliases, ...input.aliases])];
      return Promise.resolve(existing);
    }
    const doc: CatalogTrack = {
      id: String(this.nextId++).padStart(24, '0'),
      tags: [],
      unavailable: false,
      failures: 0,
      failedVideoIds: [],
      pinHistory: [],
      createdAt: new Date(),
      updatedAt: new Date(),
      ...input,
    };
    this.docs.push(doc);
    return Promise.resolve(doc);
  }
  async createMissing(inputs: NewCatalogTrack[]): Promise<number> {
    let count = 0;
    for (const input of inputs) {
      if (!(await this.findByKey(input.key))) {
        await this.create(input);
        count++;
      }
    }
    return count;
  }
  async addAliases(id: string, aliases: string[]): Promise<CatalogTrack | null> {
    const doc = await this.findById(id);
    if (doc) doc.aliases = [...new Set([...doc.aliases, ...aliases])];
    return doc;
  }
  async setPin(id: string, change: PinChange): Promise<CatalogTrack | null> {
    const doc = await this.findById(id);
    if (!doc) return null;
    Object.assign(doc, {
      youtubeId: change.youtubeId,
      lavalink: change.lavalink,
      pin: { by: change.by, at: change.at, score: change.score },
      pinHistory: change.pinHistory,
      unavailable: false,
      aliases: [...new Set([...doc.aliases, ...change.aliases])],
    });
    return doc;
  }
  async recordFailure(id: string, videoId: string, unavailable: boolean): Promise<void> {
    const doc = await this.findById(id);
    if (!doc) return;
    doc.failures += 1;
    doc.unavailable = unavailable;
    if (!doc.failedVideoIds.includes(videoId)) doc.failedVideoIds.push(videoId);
  }
  async setAlternate(id: string, alternate: TrackAlternate, others: TrackAlternate[]): Promise<void> {
    const doc = await this.findById(id);
    if (doc) doc.alternates = [...others.filter((known) => known.source !== alternate.source), alternate];
  }
  async removeAlternate(id: string, identifier: string): Promise<void> {
    const doc = await this.findById(id);
    if (doc?.alternates) doc.alternates = doc.alternates.filter((known) => known.lavalink.identifier !== identifier);
  }
  async setSourceIds(id: string, ids: { spotifyId?: string; isrc?: string }): Promise<void> {
    const doc = await this.findById(id);
    if (doc) Object.assign(doc, Object.fromEntries(Object.entries(ids).filter(([, value]) => value)));
  }
  async *keyFields(): AsyncGenerator<TrackKeyFields> {
    for (const doc of [...this.docs]) {
      await Promise.resolve();
      yield keyFieldsOf(doc);
    }
  }
  removeAlias(id: string, alias: string): Promise<void> {
    const doc = this.docs.find((each) => each.id === id);
    if (doc) doc.aliases = doc.aliases.filter((each) => each !== alias);
    return Promise.resolve();
  }
  setKey(id: string, key: string, previousKey: string): Promise<boolean> {
    const doc = this.docs.find((each) => each.id === id);
    if (!doc || this.docs.some((each) => each.key === key && each.id !== id)) return Promise.resolve(false);
    doc.key = key;
    if (!doc.aliases.includes(`key:${previousKey}`)) doc.aliases.push(`key:${previousKey}`);
    return Promise.resolve(true);
  }
  delete(id: string): Promise<boolean> {
    const index = this.docs.findIndex((doc) => doc.id === id);
    if (index >= 0) this.docs.splice(index, 1);
    return Promise.resolve(index >= 0);
  }
}

export function video(id: string, title: string, author: string, durationMs = 210_000): PlayableTrack {
  return {
    encoded: `QAAA${id}`,
    identifier: id,
    title,
    author,
    uri: `https://www.youtube.com/watch?v=${id}`,
    durationMs,
    isStream: false,
    isSeekable: true,
    sourceName: 'youtube',
  };
}

/** A SoundCloud upload, as Lavalink's `scsearch:` answers it. */
export function soundcloudUpload(id: string, title: string, author: string, durationMs = 210_000): PlayableTrack {
  return {
    ...video(id, title, author, durationMs),
    uri: `https://soundcloud.com/${author.toLowerCase().replace(/\W+/g, '-')}/${id}`,
    sourceName: 'soundcloud',
  };
}

/** A fake YouTube behind `load`: a search answers the videos whose words all appear in the query. */
export class FakeLavalink implements LavalinkPort {
  readonly calls: string[] = [];
  videos: PlayableTrack[] = [];
  /** Engines that answer nothing (to test the YouTube fallback). */
  silent = new Set<SearchEngine>();
  failing = new Set<string>();
  /** Direct links that fail, and why (as the adapter reads Lavalink's exception). */
  linkFailures = new Map<string, LinkFailure>();
  /** Engines that never answer (a source that hangs). */
  hanging = new Set<SearchEngine>();
  /** YouTube playlists by list id. */
  playlists = new Map<string, { name: string; tracks: PlayableTrack[] }>();
  down = false;

  load(identifier: string, engine?: SearchEngine): Promise<LoadResult> {
    const call = engine ? `${engine}:${identifier}` : identifier;
    this.calls.push(call);
    if (this.down) return Promise.reject(new PlaybackError(PlaybackErrorCode.AudioUnavailable, {}));
    if (this.failing.has(identifier)) {
      return Promise.resolve({
        type: 'error',
        message: 'This video is unavailable',
        severity: 'common',
        link: { why: 'unknown' },
      });
    }
    const linkFailure = this.linkFailures.get(identifier);
    if (linkFailure) {
      const message = 'Something went wrong while looking up the track.';
      return Promise.resolve({ type: 'error', message, severity: 'fault', link: linkFailure });
    }
    if (engine) {
      if (this.silent.has(engine)) return Promise.resolve({ type: 'empty' });
      if (this.hanging.has(engine)) return new Promise<LoadResult>(() => undefined);
      const words = identifier.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
      // Each engine finds its own source's tracks: `scsearch` SoundCloud's, `bcsearch` Bandcamp's.
      const source = engine === 'scsearch' ? 'soundcloud' : engine === 'bcsearch' ? 'bandcamp' : 'youtube';
      const found = this.videos.filter((item) => {
        if ((item.sourceName ?? 'youtube') !== source) return false;
        const text = `${item.author} ${item.title}`.toLowerCase();
        return words.filter((word) => text.includes(word)).length >= Math.ceil(words.length / 2);
      });
      return Promise.resolve(found.length > 0 ? { type: 'search', tracks: found } : { type: 'empty' });
    }
    const list = /[?&]list=([\w-]+)/.exec(identifier)?.[1];
    const playlist = list ? this.playlists.get(list) : undefined;
    if (playlist) return Promise.resolve({ type: 'playlist', ...playlist, selectedIndex: -1 });
    const id = /(?:[?&]v=|youtu\.be\/)([\w-]{11})/.exec(identifier)?.[1] ?? identifier;
    const track = this.videos.find((item) => item.identifier === id);
    return Promise.resolve(track ? { type: 'track', track } : { type: 'empty' });
  }
}

export class FakeSource implements SourcePort {
  configured = true;
  tracks = new Map<string, SourceTrack>();
  collections = new Map<string, SourceCollection>();
  down = false;
  calls = 0;

  isConfigured(): boolean {
    return this.configured;
  }
  track(id: string): Promise<SourceAnswer<SourceTrack>> {
    return this.answer(this.tracks.get(id));
  }
  album(id: string): Promise<SourceAnswer<SourceCollection>> {
    return this.answer(this.collections.get(id));
  }
  playlist(id: string): Promise<SourceAnswer<SourceCollection>> {
    return this.answer(this.collections.get(id));
  }
  private answer<T>(value: T | undefined): Promise<SourceAnswer<T>> {
    this.calls++;
    if (!this.configured) return Promise.resolve({ ok: false, reason: 'unconfigured' });
    if (this.down) return Promise.resolve({ ok: false, reason: 'unavailable' });
    return Promise.resolve(value ? { ok: true, value } : { ok: false, reason: 'not-found' });
  }
}

let sequence = 0;

/** A pinned song as the repository returns it; pinned to `video` when one is given. */
export class CatalogTrackFactory {
  static create(overrides: Partial<CatalogTrack> & { video?: PlayableTrack } = {}): CatalogTrack {
    sequence += 1;
    const {
      video: pinned = video(`video${String(sequence).padStart(6, '0')}`, `Song ${sequence}`, `Artist ${sequence}`),
      ...rest
    } = overrides;
    return {
      id: String(1_000 + sequence).padStart(24, '0'),
      key: `artist${sequence}|song${sequence}|none`,
      artist: `Artist ${sequence}`,
      title: `Song ${sequence}`,
      variant: 'none',
      youtubeId: pinned.identifier!,
      durationMs: pinned.durationMs,
      tags: [],
      aliases: [`yt:${pinned.identifier!}`],
      pin: { by: 'auto', at: new Date('2025-01-01T00:00:00Z'), score: 0.9 },
      lavalink: {
        encoded: pinned.encoded!,
        identifier: pinned.identifier!,
        title: pinned.title,
        author: pinned.author,
        uri: pinned.uri,
        length: pinned.durationMs,
        isStream: false,
        isSeekable: true,
        sourceName: 'youtube',
      },
      unavailable: false,
      failures: 0,
      failedVideoIds: [],
      pinHistory: [],
      createdAt: new Date('2025-01-01T00:00:00Z'),
      updatedAt: new Date('2025-01-01T00:00:00Z'),
      ...rest,
    };
  }
}

/** Events the catalog emitted, in order. */
export class RecordingEvents {
  readonly emitted: Array<{ name: string; payload: unknown }> = [];

  emit(name: string, payload: unknown): boolean {
    this.emitted.push({ name, payload });
    return true;
  }
}

export interface CatalogFakes {
  tracks: InMemoryTrackRepository;
  lavalink: FakeLavalink;
  spotify: FakeSource;
  deezer: FakeSource;
  events: RecordingEvents;
  artists: CatalogArtists;
  pinning: TrackPinningService;
  pinReview: PinReviewService;
  resolver: TrackResolverService;
  suggestions: TrackSuggestionService;
  hosts: FakeHostLookup;
  /** Which direct links the resolver accepts (`DIRECT_LINKS`); change it in a spec. */
  links: { direct: DirectLinkMode };
  /** Where a song is looked for when its video will not play (`FALLBACK_SOURCES`); change it in a spec. */
  fallback: { sources: FallbackSourceName[] };
  /** YouTube's health as the catalog sees it; set `state` to `degraded` in a spec. */
  youtube: { state: 'ok' | 'degraded' };
}

/** DNS for the specs: the addresses of each host name set here; any other name does not resolve. */
export class FakeHostLookup implements Pick<HostLookup, 'addresses'> {
  readonly hosts = new Map<string, string[]>([['media.example.com', ['93.184.215.14']]]);

  addresses(host: string): Promise<string[]> {
    const found = this.hosts.get(host);
    return found ? Promise.resolve(found) : Promise.reject(new Error(`ENOTFOUND ${host}`));
  }
}

/** The catalog's services wired to in-memory fakes, the way `CatalogModule` wires them. */
export function createCatalog(): CatalogFakes {
  const tracks = new InMemoryTrackRepository();
  const lavalink = new FakeLavalink();
  const spotify = new FakeSource();
  const deezer = new FakeSource();
  const events = new RecordingEvents();
  const repository = tracks as unknown as TrackRepository;
  const artists = new CatalogArtists(repository);
  const videos = new VideoSearchService(lavalink as unknown as LavalinkService);
  const fallback = { sources: ['soundcloud'] as FallbackSourceName[] };
  const youtube: { state: 'ok' | 'degraded' } = { state: 'ok' };
  const health = { youtube: () => ({ state: youtube.state }) } as unknown as SourceHealthService;
  const pinning = new TrackPinningService(
    repository,
    videos,
    artists,
    events as unknown as EventEmitter2,
    new FallbackSourceService(lavalink as unknown as LavalinkService, repository, artists, { fallback }),
    health,
  );
  const pinReview = new PinReviewService(repository, videos, pinning, artists);
  const hosts = new FakeHostLookup();
  const links: { direct: DirectLinkMode } = { direct: 'public' };
  const resolver = new TrackResolverService(
    repository,
    videos,
    pinning,
    artists,
    spotify as unknown as SpotifyClient,
    deezer as unknown as DeezerClient,
    new DirectLinkService(videos, hosts, { links }),
    pinReview,
  );
  const suggestions = new TrackSuggestionService(repository, videos);
  return {
    tracks,
    lavalink,
    spotify,
    deezer,
    events,
    artists,
    pinning,
    pinReview,
    resolver,
    suggestions,
    hosts,
    links,
    fallback,
    youtube,
  };
}
