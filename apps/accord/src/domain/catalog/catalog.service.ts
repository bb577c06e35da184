import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { isValidObjectId } from 'mongoose';
import { isTransientMongoError } from '../../adapters/database/mongo-errors';
import {
  artistKey,
  cleanTitle,
  foldForKey,
  parseTitle,
  pickBest,
  scoreCandidate,
  titleKey,
  trackKey,
  type Candidate,
  type MatchQuery,
  type ScoredCandidate,
} from '@accord/track-identity';
import { LavalinkService } from '../../adapters/lavalink/lavalink.service';
import type { LoadResult, SearchEngine } from '../../adapters/lavalink/lavalink.types';
import { PlaybackError, PlaybackErrorCode, CatalogError, CatalogErrorCode, type PlayableTrack } from '@accord/core';
import { CatalogEvent, type TrackRepinnedEvent, type TracksMergedEvent } from './catalog.events';
import { CatalogMessages, failure } from './catalog.messages';
import type {
  CatalogTrack,
  LavalinkTrackData,
  LinkSource,
  PinnedBy,
  ResolveOutcome,
  SourceAnswer,
  SourceCollection,
  SourceTrack,
  TrackCandidate,
  TrackCandidates,
} from './catalog.types';
import { DeezerClient } from '../../adapters/deezer/deezer.client';
import { parseQuery, type CollectionType, type ParsedQuery } from './link-parser';
import { foldSearchText } from './search-text';
import { SpotifyCatalogClient } from '../../adapters/spotify/spotify-catalog.client';
import { TrackRepository, videoAlias } from './track.repository';

/** The most tracks one playlist link adds; the rest are reported. */
export const MAX_PLAYLIST_TRACKS = 1_000;
/** Entries of a Spotify/Deezer collection matched at once, so that playback can start without waiting. */
export const RESOLVED_AHEAD = 3;
/** Videos /fix offers. */
export const FIX_CANDIDATES = 5;
/** YouTube Music first (clean "Topic" uploads of the song), then YouTube. */
const SEARCH_ENGINES: readonly SearchEngine[] = ['ytmsearch', 'ytsearch'];
const SUGGEST_BUDGET_MS = 1_500;
const SUGGEST_MIN_LENGTH = 3;
const SUGGEST_CACHE_SIZE = 200;
const SUGGEST_CACHE_TTL_MS = 10 * 60_000;
const VIDEO_CACHE_SIZE = 500;

export interface Suggestion {
  name: string;
  value: string;
}

/** A song as we want it, and the text to search for it. */
interface Wanted {
  query: MatchQuery;
  searchText: string;
  /** Aliases that should lead to the song once it is pinned. */
  aliases: string[];
  source?: { kind: 'spotify' | 'deezer'; track: SourceTrack };
}

interface SearchMatch {
  best: ScoredCandidate;
  video: PlayableTrack;
  /** The reading of the query that matched (for free text without an artist, the candidate's own). */
  query: MatchQuery;
}

/**
 * Turns what a user asks for into playable tracks, each song pinned to one YouTube video: a known
 * song plays its pin with no Lavalink call; a new one is searched once, matched with
 * `@accord/track-identity` and pinned with the aliases that led to it.
 */
@Injectable()
export class CatalogService {
  private readonly logger = new Logger(CatalogService.name);
  private readonly suggestCache = new Map<string, { at: number; items: Suggestion[] }>();
  private readonly suggestInFlight = new Map<string, Promise<Suggestion[]>>();
  /** Videos recently offered by /fix, so a click re-pins without loading the video again. */
  private readonly recentVideos = new Map<string, PlayableTrack>();

  constructor(
    private readonly tracks: TrackRepository,
    private readonly lavalink: LavalinkService,
    private readonly spotify: SpotifyCatalogClient,
    private readonly deezer: DeezerClient,
    private readonly events: EventEmitter2,
  ) {}

  /** Resolves a /play query. Expected failures are values with a message for the user; never throws for bad input. */
  async resolve(query: string, requesterId: string): Promise<ResolveOutcome> {
    const parsed = parseQuery(query);
    try {
      const outcome = await this.resolveParsed(parsed);
      this.logger.debug(
        `resolve by ${requesterId}: ${parsed.kind} -> ${outcome.ok ? `${outcome.kind} (${outcome.source})` : outcome.reason}`,
      );
      return outcome;
    } catch (error: unknown) {
      if (error instanceof CatalogError && error.code === CatalogErrorCode.AudioUnavailable) {
        return failure('AUDIO_UNAVAILABLE', error.message);
      }
      if (isTransientMongoError(error)) {
        this.logger.warn(`The catalog is unreachable (${String(error)}); resolving without it`);
        return this.resolveUnpinned(parsed);
      }
      throw error;
    }
  }

  /**
   * While MongoDB is away the music goes on: text is searched and matched as usual, a link is
   * loaded as it is, and nothing is pinned (the next request after the outage pins the song).
   */
  private async resolveUnpinned(parsed: ParsedQuery): Promise<ResolveOutcome> {
    if (parsed.kind === 'text') {
      const match = await this.search(wantedFromText(parsed.text), []);
      if (!match) return failure('NOT_FOUND', CatalogMessages.nothingFound(parsed.text));
      const parsedVideo = match.best.parsed;
      const trackKey =
        completeKey(match.query) ??
        completeKey(parsedVideo) ??
        incompleteKey(parsedVideo, match.video.identifier ?? '');
      return { ok: true, kind: 'track', track: { ...match.video, trackKey }, source: 'search', fromPin: false };
    }
    if (parsed.kind === 'youtube-video' || parsed.kind === 'soundcloud') {
      const video = firstTrack(await this.load(parsed.url));
      if (!video?.encoded) return failure('NOT_FOUND', CatalogMessages.catalogAway);
      const source = parsed.kind === 'soundcloud' ? 'soundcloud' : parsed.source;
      return { ok: true, kind: 'track', track: withKey(video), source, fromPin: false };
    }
    return failure('SOURCE_UNAVAILABLE', CatalogMessages.catalogAway);
  }

  /**
   * A playable version of a queue entry that has no `encoded` yet (a Spotify playlist item, an
   * autoplay pick): its pin when the song is known, else one search, matched and pinned. Null when
   * nothing fits or Lavalink is away.
   */
  async resolveForPlayback(track: PlayableTrack): Promise<PlayableTrack | null> {
    if (track.encoded) return track;
    try {
      if (track.sourceName === 'spotify' && track.identifier) {
        const pinned = await this.tracks.findBySpotifyId(track.identifier);
        if (pinned && !pinned.unavailable) return toPlayable(pinned);
      }
      if (track.trackKey) {
        const pinned = await this.findSong(track.trackKey, []);
        if (pinned && !pinned.unavailable) return toPlayable(pinned);
      }
      const source: SourceTrack = {
        sourceId: track.identifier ?? '',
        artist: track.author,
        title: track.title,
        durationMs: track.durationMs,
        artworkUrl: track.artworkUrl,
      };
      const kind = track.sourceName === 'spotify' || track.sourceName === 'deezer' ? track.sourceName : undefined;
      const resolved = track.author
        ? await this.resolveSourceTrack(source, kind)
        : await this.resolveText(track.query ?? track.title);
      return resolved.ok && resolved.kind === 'track' ? resolved.track : null;
    } catch (error: unknown) {
      if (error instanceof CatalogError && error.code === CatalogErrorCode.AudioUnavailable) return null;
      throw error;
    }
  }

  /**
   * /play autocomplete: known songs by prefix (one indexed query), then, when fewer than `limit`,
   * a YouTube Music search that is cached, shared between identical prefixes in flight, and cut
   * off after a time budget. The caller debounces per user (PlayCommand answers only the latest
   * keystroke), so every call here is one a user waits for.
   */
  async suggest(prefix: string, limit: number): Promise<Suggestion[]> {
    const folded = foldSearchText(typeof prefix === 'string' ? prefix.slice(0, 200) : '');
    const max = Math.max(1, Math.min(25, Math.floor(limit) || 1));
    if (!folded) return [];
    const known = (await this.tracks.searchByPrefix(folded, max)).map((track) => ({
      name: clip(`${track.artist || track.lavalink.author} - ${track.title || track.lavalink.title}`, 100),
      value: `track:${track.id}`,
      youtubeId: track.youtubeId,
    }));
    if (known.length >= max || folded.length < SUGGEST_MIN_LENGTH)
      return known.map(({ name, value }) => ({ name, value }));
    const pinned = new Set(known.map((item) => item.youtubeId));
    const remote = (await this.remoteSuggestions(folded)).filter((item) => !pinned.has(item.value.slice(-11)));
    return [...known.map(({ name, value }) => ({ name, value })), ...remote].slice(0, max);
  }

  /** Known playable songs whose "artist title" or title starts with `prefix` (one indexed query; at most 100). */
  async searchKnown(prefix: string, limit: number): Promise<CatalogTrack[]> {
    const folded = foldSearchText(typeof prefix === 'string' ? prefix.slice(0, 200) : '');
    if (!folded) return [];
    return this.tracks.searchByPrefix(folded, Math.max(1, Math.min(100, Math.floor(limit) || 1)));
  }

  /**
   * Playback reports that a pinned video failed to load: the song is re-pinned to the next best
   * video (never one that failed before) and returned, or marked unavailable and null returned.
   */
  async reportLoadFailure(track: PlayableTrack, message: string): Promise<PlayableTrack | null> {
    const videoId = track.identifier;
    const known = track.trackKey
      ? await this.findSong(track.trackKey, [])
      : videoId
        ? await this.tracks.findByVideoId(videoId)
        : null;
    if (!known) return null;
    this.logger.warn(`Pinned video ${videoId ?? '?'} of ${known.key} failed to load: ${message}`);
    // Another guild already reported it and the song moved on.
    if (videoId && known.youtubeId !== videoId && !known.unavailable) return toPlayable(known);
    const failed = videoId ?? known.youtubeId;
    try {
      const match = await this.search(wantedFromTrack(known), [...known.failedVideoIds, failed, known.youtubeId]);
      await this.tracks.recordFailure(known.id, failed, match === null);
      if (!match) return null;
      const repinned = await this.applyPin(known, match.video, match.best.score, 'auto');
      return toPlayable(repinned);
    } catch (error: unknown) {
      if (error instanceof CatalogError && error.code === CatalogErrorCode.AudioUnavailable) return null;
      throw error;
    }
  }

  /** The best videos for a song (by id or key), the current pin among them, for /fix and the panel. */
  async candidates(trackIdOrKey: string, limit = FIX_CANDIDATES): Promise<TrackCandidates> {
    const track = await this.findTrack(trackIdOrKey);
    const wanted = wantedFromTrack(track);
    const found = new Map<string, PlayableTrack>();
    for (const engine of SEARCH_ENGINES) {
      for (const video of searchResults(await this.load(wanted.searchText, engine))) {
        if (!found.has(video.identifier!) && !track.failedVideoIds.includes(video.identifier!)) {
          found.set(video.identifier!, video);
        }
      }
    }
    for (const video of found.values()) this.remember(video);
    const ranked = pickBest(wanted.query, [...found.values()].map(toCandidate)).ranked;
    const top = ranked.slice(0, limit).map((scored) => toTrackCandidate(scored, found, track.youtubeId));
    if (!top.some((candidate) => candidate.current)) {
      const pinned = playableFromData(track.lavalink);
      const scored = scoreCandidate(wanted.query, toCandidate(pinned));
      top.splice(
        Math.max(0, limit - 1),
        top.length,
        toTrackCandidate(scored, new Map([[track.youtubeId, pinned]]), track.youtubeId),
      );
    }
    return { track, candidates: top };
  }

  /** Pins a song to another video, for everyone. `user` pins come from /fix or the panel. */
  async repin(trackId: string, youtubeId: string, by: PinnedBy): Promise<CatalogTrack> {
    const track = await this.findTrack(trackId);
    if (track.youtubeId === youtubeId && !track.unavailable && track.pin.by === by) return track;
    const video = this.recentVideos.get(youtubeId) ?? firstTrack(await this.load(youtubeUrl(youtubeId)));
    if (!video?.encoded || video.identifier !== youtubeId) {
      throw new CatalogError(CatalogErrorCode.VideoNotFound, "That video can't be played any more; pick another one.");
    }
    const score = scoreCandidate(wantedFromTrack(track).query, toCandidate(video)).score;
    return this.applyPin(track, video, score, by);
  }

  /**
   * Makes two tracks one: the source's aliases, video and key lead to the target from now on and
   * the source is deleted. Emits `catalog.tracks.merged` so history and feedback can follow.
   */
  async merge(sourceTrackId: string, targetTrackId: string): Promise<CatalogTrack> {
    if (sourceTrackId === targetTrackId) {
      throw new CatalogError(CatalogErrorCode.CannotMergeIntoItself, 'A song cannot be merged into itself.');
    }
    const [from, to] = await Promise.all([this.findTrack(sourceTrackId), this.findTrack(targetTrackId)]);
    await this.tracks.addAliases(to.id, [...from.aliases, videoAlias(from.youtubeId), `key:${from.key}`]);
    await this.tracks.delete(from.id);
    if (!to.spotifyId && from.spotifyId) await this.tracks.setSourceIds(to.id, { spotifyId: from.spotifyId });
    if (!to.isrc && from.isrc) await this.tracks.setSourceIds(to.id, { isrc: from.isrc });
    const event: TracksMergedEvent = { fromTrackId: from.id, toTrackId: to.id, fromKey: from.key, toKey: to.key };
    this.events.emit(CatalogEvent.TracksMerged, event);
    return this.findTrack(to.id);
  }

  /** A catalog track as playback plays it: the pinned video, no Lavalink call needed. */
  toPlayable(track: CatalogTrack): PlayableTrack {
    return toPlayable(track);
  }

  // --- resolving --------------------------------------------------------------------------------

  private async resolveParsed(parsed: ParsedQuery): Promise<ResolveOutcome> {
    switch (parsed.kind) {
      case 'invalid':
        return parsed.reason === 'EMPTY_QUERY'
          ? failure('EMPTY_QUERY', CatalogMessages.emptyQuery)
          : failure('QUERY_TOO_LONG', CatalogMessages.queryTooLong);
      case 'text':
        return this.resolveText(parsed.text);
      case 'catalog': {
        const track = await this.tracks.findById(parsed.trackId);
        if (track && !track.unavailable) return pinnedOutcome(track, 'search');
        if (track) return this.resolveText(`${track.artist} - ${track.title}`);
        return failure('NOT_FOUND', 'That suggestion is no longer in my catalog; type the song name again.');
      }
      case 'youtube-video':
        return this.resolveVideo(parsed.videoId, parsed.url, parsed.source);
      case 'youtube-playlist':
        return this.resolveYoutubePlaylist(parsed);
      case 'spotify':
        return this.resolveFromSource('spotify', parsed.type, parsed.id);
      case 'deezer':
        return this.resolveFromSource('deezer', parsed.type, parsed.id);
      case 'soundcloud':
        return this.resolveSoundcloud(parsed.url, parsed.hint);
      case 'unusable': {
        const name = sourceLabel(parsed.source);
        return failure(
          'UNSUPPORTED_LINK',
          parsed.why === 'short-link' ? CatalogMessages.shortLink(name) : CatalogMessages.malformedLink(name),
        );
      }
      case 'unsupported':
        return failure('UNSUPPORTED_LINK', CatalogMessages.unsupportedLink(parsed.url));
    }
  }

  /** Free text: its alias or key when known, else one search (YouTube Music, then YouTube), pinned. */
  private async resolveText(text: string): Promise<ResolveOutcome> {
    const wanted = wantedFromText(text);
    const key = completeKey(wanted.query);
    const known = await this.findSong(key, wanted.aliases);
    if (known && !known.unavailable) {
      if (wanted.aliases.some((alias) => !known.aliases.includes(alias))) {
        await this.tracks.addAliases(known.id, wanted.aliases);
      }
      return pinnedOutcome(known, 'search');
    }
    const match = await this.search(wanted, known ? [...known.failedVideoIds, known.youtubeId] : []);
    if (!match) return failure('NOT_FOUND', CatalogMessages.nothingFound(text));
    if (known) return pinnedOutcome(await this.applyPin(known, match.video, match.best.score, 'auto'), 'search', false);
    return this.pinNew(match, wanted, 'search');
  }

  /** A YouTube video link: its song when the video is known, else the video itself, identified and pinned. */
  private async resolveVideo(videoId: string, url: string, source: LinkSource): Promise<ResolveOutcome> {
    const known = await this.tracks.findByVideoId(videoId);
    if (known && !known.unavailable) return pinnedOutcome(known, source);
    const video = firstTrack(await this.load(url));
    if (video?.encoded && !video.isStream) {
      const parsed = parseTitle({ title: video.title, author: video.author, durationMs: video.durationMs });
      const key = completeKey(parsed) ?? incompleteKey(parsed, videoId);
      const existing = known ?? (await this.findSong(key, [videoAlias(videoId)]));
      const score = scoreCandidate(parsed, toCandidate(video)).score;
      if (existing?.unavailable)
        return pinnedOutcome(await this.applyPin(existing, video, score, 'auto'), source, false);
      if (existing) {
        await this.tracks.addAliases(existing.id, [videoAlias(videoId)]);
        return pinnedOutcome(existing, source);
      }
      const created = await this.tracks.create({
        ...songFields(parsed, video),
        key,
        aliases: [videoAlias(videoId)],
        pin: { by: 'auto', at: new Date(), score },
        lavalink: toLavalinkData(video),
      });
      return pinnedOutcome(created, source, created.youtubeId !== videoId);
    }
    if (video?.isStream) return { ok: true, kind: 'track', track: video, source, fromPin: false };
    // Deleted, private or blocked: search for the song when we know which one it was.
    if (!known) return failure('NOT_FOUND', CatalogMessages.videoUnavailable);
    const match = await this.search(wantedFromTrack(known), [...known.failedVideoIds, videoId, known.youtubeId]);
    await this.tracks.recordFailure(known.id, videoId, match === null);
    if (!match) return failure('NOT_FOUND', CatalogMessages.noVideoFor(known.artist, known.title));
    return pinnedOutcome(await this.applyPin(known, match.video, match.best.score, 'auto'), source, false);
  }

  private async resolveYoutubePlaylist(
    link: Extract<ParsedQuery, { kind: 'youtube-playlist' }>,
  ): Promise<ResolveOutcome> {
    const result = await this.load(link.url);
    if (result.type === 'track' && link.videoId) return this.resolveVideo(link.videoId, link.url, link.source);
    if (result.type !== 'playlist' && result.type !== 'search') {
      return link.videoId
        ? this.resolveVideo(link.videoId, youtubeUrl(link.videoId), link.source)
        : failure('NOT_FOUND', CatalogMessages.playlistUnavailable);
    }
    const name = result.type === 'playlist' ? result.name : 'YouTube';
    // A link to a video inside a playlist starts from that video.
    const start = result.type === 'playlist' && result.selectedIndex > 0 ? result.selectedIndex : 0;
    const videos = result.tracks.slice(start).filter((video) => video.encoded);
    if (videos.length === 0) return failure('PLAYLIST_EMPTY', CatalogMessages.playlistEmpty(name));
    const kept = videos.slice(0, MAX_PLAYLIST_TRACKS);
    const tracks = await this.identifyVideos(kept);
    return { ok: true, kind: 'playlist', name, tracks, source: link.source, truncated: videos.length - kept.length };
  }

  private async resolveSoundcloud(url: string, hint: string): Promise<ResolveOutcome> {
    const result = await this.load(url);
    if (result.type === 'track') {
      return { ok: true, kind: 'track', track: withKey(result.track), source: 'soundcloud', fromPin: false };
    }
    if (result.type === 'playlist' && result.tracks.length > 0) {
      const kept = result.tracks.slice(0, MAX_PLAYLIST_TRACKS).map(withKey);
      const truncated = result.tracks.length - kept.length;
      return { ok: true, kind: 'playlist', name: result.name, tracks: kept, source: 'soundcloud', truncated };
    }
    // Gone from SoundCloud: the address still names the artist and the song.
    if (!hint) return failure('NOT_FOUND', CatalogMessages.soundcloudUnavailable);
    const fallback = await this.resolveText(hint);
    return fallback.ok ? { ...fallback, source: 'soundcloud' } : fallback;
  }

  private async resolveFromSource(
    kind: 'spotify' | 'deezer',
    type: CollectionType,
    id: string,
  ): Promise<ResolveOutcome> {
    const label = sourceLabel(kind);
    if (type === 'track') {
      const pinned =
        kind === 'spotify' ? await this.tracks.findBySpotifyId(id) : await this.findSong(undefined, [`dz:${id}`]);
      if (pinned && !pinned.unavailable) return pinnedOutcome(pinned, kind);
    }
    if (kind === 'spotify' && !this.spotify.isConfigured()) {
      return failure('SOURCE_UNAVAILABLE', CatalogMessages.spotifyUnconfigured);
    }
    if (type === 'track') {
      const answer = kind === 'spotify' ? await this.spotify.track(id) : await this.deezer.track(id);
      if (!answer.ok) return sourceFailure(answer, label, type);
      const outcome = await this.resolveSourceTrack(answer.value, kind);
      return outcome.ok ? { ...outcome, source: kind } : outcome;
    }
    const client = kind === 'spotify' ? this.spotify : this.deezer;
    const answer: SourceAnswer<SourceCollection> =
      type === 'album' ? await client.album(id, MAX_PLAYLIST_TRACKS) : await client.playlist(id, MAX_PLAYLIST_TRACKS);
    if (!answer.ok) return sourceFailure(answer, label, type);
    const { name, tracks: items, total } = answer.value;
    if (items.length === 0) return failure('PLAYLIST_EMPTY', CatalogMessages.playlistEmpty(name));
    const tracks = await this.queueFromSource(items, kind);
    return { ok: true, kind: 'playlist', name, tracks, source: kind, truncated: Math.max(0, total - items.length) };
  }

  /** One song from Spotify or Deezer metadata: its pin when the key is known, else searched and pinned. */
  private async resolveSourceTrack(
    source: SourceTrack,
    kind: 'spotify' | 'deezer' | undefined,
  ): Promise<ResolveOutcome> {
    const wanted = wantedFromSource(source, kind);
    const key = completeKey(wanted.query);
    const known = await this.findSong(key, wanted.aliases);
    if (known && !known.unavailable) {
      await this.linkSource(known, wanted);
      return pinnedOutcome(known, 'search');
    }
    const match = await this.search(wanted, known ? [...known.failedVideoIds, known.youtubeId] : []);
    if (!match) return failure('NOT_FOUND', CatalogMessages.noVideoFor(source.artist, source.title));
    if (known) return pinnedOutcome(await this.applyPin(known, match.video, match.best.score, 'auto'), 'search', false);
    return this.pinNew(match, wanted, 'search');
  }

  /**
   * A Spotify/Deezer collection as queue entries: songs already pinned play their pin; the first
   * few others are matched now so playback starts at once; the rest stay metadata-only (with
   * `query` and `trackKey`) for the look-ahead to resolve when they are due.
   */
  private async queueFromSource(items: SourceTrack[], kind: 'spotify' | 'deezer'): Promise<PlayableTrack[]> {
    const wanted = items.map((item) => wantedFromSource(item, kind));
    const keys = wanted.map((entry) => completeKey(entry.query)).filter((key): key is string => key !== undefined);
    const [byKey, bySpotify] = await Promise.all([
      this.tracks.findManyByKeys([...new Set(keys)]),
      kind === 'spotify' ? this.tracks.findManyBySpotifyIds(items.map((item) => item.sourceId)) : Promise.resolve([]),
    ]);
    const keyed = new Map(byKey.map((track) => [track.key, track]));
    const spotified = new Map(bySpotify.map((track) => [track.spotifyId, track]));
    const queue = items.map((item, index): PlayableTrack => {
      const key = completeKey(wanted[index].query);
      const known =
        (kind === 'spotify' ? spotified.get(item.sourceId) : undefined) ?? (key ? keyed.get(key) : undefined);
      if (known && !known.unavailable) return toPlayable(known);
      return {
        title: item.title,
        author: item.artist,
        durationMs: item.durationMs,
        isStream: false,
        isSeekable: true,
        artworkUrl: item.artworkUrl,
        identifier: item.sourceId,
        sourceName: kind,
        trackKey: key,
        query: wanted[index].searchText,
      };
    });
    for (let index = 0; index < Math.min(RESOLVED_AHEAD, queue.length); index++) {
      if (queue[index].encoded) continue;
      const outcome = await this.resolveSourceTrack(items[index], kind);
      if (outcome.ok && outcome.kind === 'track') queue[index] = outcome.track;
    }
    return queue;
  }

  /** Playlist videos with their keys; songs already pinned play their pin, new ones are pinned to this video. */
  private async identifyVideos(videos: PlayableTrack[]): Promise<PlayableTrack[]> {
    const identified = videos.map((video) => {
      const parsed = parseTitle({ title: video.title, author: video.author, durationMs: video.durationMs });
      return { video, parsed, key: completeKey(parsed) ?? incompleteKey(parsed, video.identifier ?? '') };
    });
    const known = new Map(
      (await this.tracks.findManyByKeys(identified.map((entry) => entry.key))).map((t) => [t.key, t]),
    );
    const fresh = new Map<string, (typeof identified)[number]>();
    for (const entry of identified) if (!known.has(entry.key) && !fresh.has(entry.key)) fresh.set(entry.key, entry);
    await this.tracks.createMissing(
      [...fresh.values()].map(({ video, parsed, key }) => ({
        ...songFields(parsed, video),
        key,
        aliases: [videoAlias(video.identifier ?? '')],
        pin: { by: 'auto', at: new Date(), score: scoreCandidate(parsed, toCandidate(video)).score },
        lavalink: toLavalinkData(video),
      })),
    );
    return identified.map(({ video, key }) => {
      const song = known.get(key);
      return song && !song.unavailable ? toPlayable(song) : { ...video, trackKey: key };
    });
  }

  // --- searching and pinning ------------------------------------------------------------------

  /**
   * One search on YouTube Music, and on YouTube only when nothing there matches; candidates are
   * ranked with `pickBest`. Videos in `exclude` (failed before, or the pin being replaced) are skipped.
   */
  private async search(wanted: Wanted, exclude: string[]): Promise<SearchMatch | null> {
    const skip = new Set(exclude);
    const pool = new Map<string, PlayableTrack>();
    for (const engine of SEARCH_ENGINES) {
      for (const video of searchResults(await this.load(wanted.searchText, engine))) {
        if (!skip.has(video.identifier!) && !video.isStream) pool.set(video.identifier!, video);
      }
      const match = bestMatch(wanted, [...pool.values()]);
      if (match) return match;
    }
    return null;
  }

  private async pinNew(match: SearchMatch, wanted: Wanted, source: LinkSource): Promise<ResolveOutcome> {
    const parsed = match.best.parsed;
    const query = match.query;
    const key = completeKey(query) ?? completeKey(parsed) ?? incompleteKey(parsed, match.video.identifier ?? '');
    // The video's own reading has the artist's spelling; keep the query's when they name another song.
    const names =
      completeKey(parsed) === key
        ? parsed
        : { artist: query.artist, title: query.title, variant: query.variant ?? 'none' };
    const sourceTrack = wanted.source?.track;
    const created = await this.tracks.create({
      artist: names.artist,
      title: names.title,
      variant: names.variant ?? 'none',
      key,
      youtubeId: match.video.identifier!,
      durationMs: sourceTrack?.durationMs || match.video.durationMs,
      isrc: sourceTrack?.isrc,
      spotifyId: wanted.source?.kind === 'spotify' ? sourceTrack?.sourceId : undefined,
      artworkUrl: sourceTrack?.artworkUrl ?? match.video.artworkUrl,
      aliases: [...wanted.aliases, videoAlias(match.video.identifier!)],
      pin: { by: 'auto', at: new Date(), score: match.best.score },
      lavalink: toLavalinkData(match.video),
    });
    if (created.youtubeId !== match.video.identifier) await this.linkSource(created, wanted);
    return pinnedOutcome(created, source, created.youtubeId !== match.video.identifier);
  }

  private async applyPin(
    track: CatalogTrack,
    video: PlayableTrack,
    score: number,
    by: PinnedBy,
  ): Promise<CatalogTrack> {
    const youtubeId = video.identifier!;
    const previousYoutubeId = track.youtubeId;
    const updated = await this.tracks.setPin(track.id, {
      youtubeId,
      lavalink: toLavalinkData(video),
      by,
      score,
      at: new Date(),
      aliases: [videoAlias(previousYoutubeId), videoAlias(youtubeId)],
    });
    if (!updated) throw new CatalogError(CatalogErrorCode.TrackNotFound, 'That song is no longer in my catalog.');
    const event: TrackRepinnedEvent = { trackId: track.id, key: track.key, previousYoutubeId, youtubeId, by };
    this.events.emit(CatalogEvent.TrackRepinned, event);
    this.logger.log(`Pinned ${track.key} to ${youtubeId} (${by}, score ${score})`);
    return updated;
  }

  /** Remembers the Spotify id, ISRC and aliases of a song found again through another source. */
  private async linkSource(track: CatalogTrack, wanted: Wanted): Promise<void> {
    const missing = wanted.aliases.filter((alias) => !track.aliases.includes(alias));
    if (missing.length > 0) await this.tracks.addAliases(track.id, missing);
    const source = wanted.source;
    if (!source) return;
    const spotifyId = source.kind === 'spotify' && !track.spotifyId ? source.track.sourceId : undefined;
    const isrc = !track.isrc ? source.track.isrc : undefined;
    if (spotifyId || isrc) await this.tracks.setSourceIds(track.id, { spotifyId, isrc });
  }

  /** A song by key, or by an alias; a key merged away leads to its new song through `key:<key>`. */
  private async findSong(key: string | undefined, aliases: string[]): Promise<CatalogTrack | null> {
    return this.tracks.findByKeyOrAlias(key, key ? [...aliases, `key:${key}`] : aliases);
  }

  private async findTrack(trackIdOrKey: string): Promise<CatalogTrack> {
    const track = isValidObjectId(trackIdOrKey)
      ? await this.tracks.findById(trackIdOrKey)
      : await this.findSong(trackIdOrKey, []);
    if (!track) {
      throw new CatalogError(
        CatalogErrorCode.TrackNotFound,
        'I have no record of this song yet (only songs found on YouTube are pinned). Play it once, then try again.',
      );
    }
    return track;
  }

  /** `LavalinkService.load`, with a Lavalink that is away turned into the catalog's own error. */
  private async load(identifier: string, engine?: SearchEngine): Promise<LoadResult> {
    try {
      return await this.lavalink.load(identifier, engine);
    } catch (error: unknown) {
      const message =
        error instanceof PlaybackError && error.code === PlaybackErrorCode.AudioUnavailable
          ? error.message
          : 'Audio search is unavailable right now (Lavalink did not answer). Try again in a moment.';
      if (!(error instanceof PlaybackError)) this.logger.warn(`Lavalink load failed: ${String(error)}`);
      throw new CatalogError(CatalogErrorCode.AudioUnavailable, message);
    }
  }

  private remember(video: PlayableTrack): void {
    if (!video.identifier) return;
    this.recentVideos.delete(video.identifier);
    this.recentVideos.set(video.identifier, video);
    if (this.recentVideos.size > VIDEO_CACHE_SIZE) this.recentVideos.delete(this.recentVideos.keys().next().value!);
  }

  private async remoteSuggestions(folded: string): Promise<Suggestion[]> {
    const cached = this.suggestCache.get(folded);
    if (cached && Date.now() - cached.at < SUGGEST_CACHE_TTL_MS) return cached.items;
    let request = this.suggestInFlight.get(folded);
    if (!request) {
      request = this.fetchSuggestions(folded).finally(() => this.suggestInFlight.delete(folded));
      this.suggestInFlight.set(folded, request);
    }
    return request;
  }

  private async fetchSuggestions(folded: string): Promise<Suggestion[]> {
    const searched = this.load(folded, 'ytmsearch').then(
      (result) =>
        searchResults(result)
          .filter((video) => !video.isStream)
          .map((video) => ({
            name: clip(`${video.author} - ${video.title}`, 100),
            value: youtubeUrl(video.identifier!),
          })),
      () => null,
    );
    const items = await Promise.race([searched, sleep(SUGGEST_BUDGET_MS).then(() => null)]);
    if (!items) return [];
    this.suggestCache.set(folded, { at: Date.now(), items });
    if (this.suggestCache.size > SUGGEST_CACHE_SIZE) this.suggestCache.delete(this.suggestCache.keys().next().value!);
    return items;
  }
}

// --- pure helpers -----------------------------------------------------------------------------

function wantedFromText(text: string): Wanted {
  const parsed = parseTitle({ title: text });
  return {
    query: { artist: parsed.artist, title: parsed.title, variant: parsed.variant },
    searchText: text,
    aliases: [queryAlias(text)],
  };
}

function wantedFromSource(source: SourceTrack, kind: 'spotify' | 'deezer' | undefined): Wanted {
  // Catalogue titles carry no artist: "One More Time - Radio Edit", "Song (feat. X) - Live".
  const cleaned = cleanTitle(source.title, source.artist);
  const aliases = [queryAlias(`${source.artist} - ${source.title}`)];
  if (kind === 'deezer' && source.sourceId) aliases.push(`dz:${source.sourceId}`);
  return {
    query: {
      artist: source.artist,
      title: cleaned.title,
      variant: cleaned.variant,
      durationMs: source.durationMs || undefined,
      isrc: source.isrc,
    },
    searchText: `${source.artist} - ${source.title}`,
    aliases,
    source: kind && source.sourceId ? { kind, track: source } : undefined,
  };
}

function wantedFromTrack(track: CatalogTrack): Wanted {
  const artist = track.artist || track.lavalink.author;
  const title = track.title || track.lavalink.title;
  const variant = track.variant && track.variant !== 'none' ? ` ${track.variant.replace(/:.*/, '')}` : '';
  return {
    query: { artist, title, variant: track.variant, durationMs: track.durationMs || undefined, isrc: track.isrc },
    searchText: `${artist} - ${title}${variant}`,
    aliases: [],
  };
}

/** Folded like a key, so that case, spacing and punctuation make no difference. */
function queryAlias(text: string): string {
  return `q:${foldForKey(text).slice(0, 200)}`;
}

/** The canonical key when both artist and title are known; an incomplete key would join unrelated songs. */
function completeKey(song: { artist: string; title: string; variant?: string }): string | undefined {
  if (!artistKey(song.artist) || !titleKey(song.title)) return undefined;
  return trackKey(song);
}

/** A song we cannot name fully stays tied to its video. */
function incompleteKey(song: { artist: string; title: string; variant?: string }, videoId: string): string {
  return `${trackKey(song)}|${videoId}`;
}

/**
 * The best video for the wanted song. Free text without an artist ("daft punk one more time") is
 * also read as each candidate's own "artist - title" when the text contains both.
 */
function bestMatch(wanted: Wanted, videos: PlayableTrack[]): SearchMatch | null {
  if (videos.length === 0) return null;
  const candidates = videos.map(toCandidate);
  const readings: MatchQuery[] = [wanted.query];
  if (!artistKey(wanted.query.artist)) {
    const folded = foldForKey(wanted.searchText);
    const seen = new Set<string>();
    for (const candidate of candidates) {
      const parsed = parseTitle(candidate);
      const key = completeKey(parsed);
      if (!key || seen.has(key)) continue;
      if (folded.includes(artistKey(parsed.artist)) && folded.includes(titleKey(parsed.title))) {
        seen.add(key);
        readings.push({ artist: parsed.artist, title: parsed.title, variant: wanted.query.variant });
      }
    }
  }
  let found: SearchMatch | null = null;
  for (const query of readings) {
    const result = pickBest(query, candidates);
    if (result.ok && (!found || result.best.score > found.best.score)) {
      const video = videos.find((item) => item.identifier === result.best.candidate.id)!;
      found = { best: result.best, video, query };
    }
  }
  return found;
}

function searchResults(result: LoadResult): PlayableTrack[] {
  const tracks =
    result.type === 'search' || result.type === 'playlist'
      ? result.tracks
      : result.type === 'track'
        ? [result.track]
        : [];
  return tracks.filter((track) => track.encoded && track.identifier);
}

function firstTrack(result: LoadResult): PlayableTrack | undefined {
  return searchResults(result)[0];
}

function toCandidate(video: PlayableTrack): Candidate {
  return {
    id: video.identifier ?? '',
    title: video.title,
    author: video.author,
    durationMs: video.durationMs || undefined,
  };
}

function toTrackCandidate(
  scored: ScoredCandidate,
  videos: Map<string, PlayableTrack>,
  currentId: string,
): TrackCandidate {
  const video = videos.get(scored.candidate.id);
  return {
    youtubeId: scored.candidate.id,
    title: scored.candidate.title,
    author: scored.candidate.author ?? '',
    durationMs: scored.candidate.durationMs ?? 0,
    uri: video?.uri ?? youtubeUrl(scored.candidate.id),
    score: scored.score,
    reasons: scored.reasons,
    current: scored.candidate.id === currentId,
  };
}

function toLavalinkData(video: PlayableTrack): LavalinkTrackData {
  return {
    encoded: video.encoded!,
    identifier: video.identifier!,
    title: video.title,
    author: video.author,
    uri: video.uri,
    artworkUrl: video.artworkUrl,
    length: video.durationMs,
    isStream: video.isStream,
    isSeekable: video.isSeekable,
    sourceName: video.sourceName ?? 'youtube',
  };
}

function playableFromData(data: LavalinkTrackData, trackKey?: string): PlayableTrack {
  return {
    encoded: data.encoded,
    identifier: data.identifier,
    title: data.title,
    author: data.author,
    uri: data.uri,
    artworkUrl: data.artworkUrl,
    durationMs: data.isStream ? 0 : data.length,
    isStream: data.isStream,
    isSeekable: data.isSeekable,
    sourceName: data.sourceName,
    trackKey,
  };
}

function toPlayable(track: CatalogTrack): PlayableTrack {
  const playable = playableFromData(track.lavalink, track.key);
  return { ...playable, artworkUrl: playable.artworkUrl ?? track.artworkUrl };
}

function pinnedOutcome(track: CatalogTrack, source: LinkSource, fromPin = true): ResolveOutcome {
  return { ok: true, kind: 'track', track: toPlayable(track), source, fromPin };
}

function songFields(
  parsed: { artist: string; title: string; variant: string },
  video: PlayableTrack,
): { artist: string; title: string; variant: string; youtubeId: string; durationMs: number; artworkUrl?: string } {
  return {
    artist: parsed.artist,
    title: parsed.title || video.title,
    variant: parsed.variant,
    youtubeId: video.identifier!,
    durationMs: video.durationMs,
    artworkUrl: video.artworkUrl,
  };
}

function withKey(track: PlayableTrack): PlayableTrack {
  const parsed = parseTitle({ title: track.title, author: track.author, durationMs: track.durationMs });
  return { ...track, trackKey: completeKey(parsed) ?? incompleteKey(parsed, track.identifier ?? '') };
}

function sourceFailure(
  answer: Extract<SourceAnswer<unknown>, { ok: false }>,
  label: string,
  type: CollectionType,
): ResolveOutcome {
  switch (answer.reason) {
    case 'not-found':
      return failure('NOT_FOUND', CatalogMessages.sourceNotFound(label, type));
    case 'unconfigured':
      return failure('SOURCE_UNAVAILABLE', CatalogMessages.spotifyUnconfigured);
    case 'unavailable':
      return failure('SOURCE_UNAVAILABLE', CatalogMessages.sourceDown(label));
  }
}

function sourceLabel(source: LinkSource): string {
  switch (source) {
    case 'youtube':
      return 'YouTube';
    case 'youtube-music':
      return 'YouTube Music';
    case 'spotify':
      return 'Spotify';
    case 'deezer':
      return 'Deezer';
    case 'soundcloud':
      return 'SoundCloud';
    case 'search':
      return 'search';
  }
}

function youtubeUrl(videoId: string): string {
  return `https://www.youtube.com/watch?v=${videoId}`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A timer that does not keep the process alive (shutdown, tests). */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
