import { Injectable, Logger } from '@nestjs/common';
import { scoreCandidate } from '@accord/track-identity';
import { CatalogError, CatalogErrorCode, ResolveErrorCode, ok, refuse, type PlayableTrack } from '@accord/core';
import { isTransientMongoError } from '../../adapters/database/mongo-errors';
import { DeezerClient } from '../../adapters/deezer/deezer.client';
import { SpotifyClient } from '../../adapters/spotify/spotify.client';
import { CatalogArtists } from './catalog-artists';
import { DirectLinkService } from './direct-link.service';
import {
  firstTrack,
  pinnedOutcome,
  songFields,
  sourceFailure,
  toCandidate,
  toLavalinkData,
  toPlayable,
  youtubeUrl,
} from './catalog-mapping';
import type {
  CatalogTrack,
  LinkSource,
  ResolveOutcome,
  SourceAnswer,
  SourceCollection,
  SourceTrack,
} from './catalog.types';
import { MAX_QUERY_LENGTH, parseQuery, type CollectionType, type ParsedQuery } from './link-parser';
import { PinReviewService } from './pin-review.service';
import { TrackPinningService } from './track-pinning.service';
import type { TrackResolverPort } from './track-resolver.port';
import { TrackRepository, videoAlias } from './track.repository';
import { VideoSearchService } from './video-search.service';
import {
  completeKey,
  incompleteKey,
  parseVideo,
  wantedFromSource,
  wantedFromText,
  wantedFromTrack,
  withKey,
  type SearchMatch,
  type Wanted,
} from './wanted-song';

/** The most tracks one playlist link adds; the rest are reported. */
export const MAX_PLAYLIST_TRACKS = 1_000;
/** Entries of a Spotify/Deezer collection matched at once, so that playback can start without waiting. */
export const RESOLVED_AHEAD = 3;

type SourceKind = 'spotify' | 'deezer';

/**
 * Turns what a user asks for into playable tracks, each song pinned to one YouTube video: a known
 * song plays its pin with no Lavalink call; a new one is searched once, matched with
 * `@accord/track-identity` and pinned with the aliases that led to it. Every title is read in
 * context: the uploader, the duration and the artists the catalog knows (`CatalogArtists`).
 */
@Injectable()
export class TrackResolverService implements TrackResolverPort {
  private readonly logger = new Logger(TrackResolverService.name);

  constructor(
    private readonly tracks: TrackRepository,
    private readonly videos: VideoSearchService,
    private readonly pinning: TrackPinningService,
    private readonly artists: CatalogArtists,
    private readonly spotify: SpotifyClient,
    private readonly deezer: DeezerClient,
    private readonly directLinks: DirectLinkService,
    private readonly pins: PinReviewService,
  ) {}

  /** Resolves a /play query. Expected failures are values (a code and its data); never throws for bad input. */
  async resolve(query: string, requesterId: string): Promise<ResolveOutcome> {
    const parsed = parseQuery(query);
    try {
      const outcome = await this.resolveParsed(parsed, query);
      this.logger.debug(
        `resolve by ${requesterId}: ${parsed.kind} -> ${outcome.ok ? `${outcome.value.kind} (${outcome.value.source})` : outcome.reason}`,
      );
      return outcome;
    } catch (error: unknown) {
      if (error instanceof CatalogError && error.is(CatalogErrorCode.AudioUnavailable)) {
        return refuse(ResolveErrorCode.AudioUnavailable, { cause: error.data.cause });
      }
      if (isTransientMongoError(error)) {
        this.logger.warn(`The catalog is unreachable (${String(error)}); resolving without it`);
        return this.resolveUnpinned(parsed);
      }
      throw error;
    }
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
        const pinned = await this.pinning.findSong(track.trackKey, []);
        if (pinned && !pinned.unavailable) return toPlayable(this.reviewed(pinned));
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
      return resolved.ok && resolved.value.kind === 'track' ? resolved.value.track : null;
    } catch (error: unknown) {
      if (error instanceof CatalogError && error.code === CatalogErrorCode.AudioUnavailable) return null;
      throw error;
    }
  }

  /** Part of the `TRACK_RESOLVER` port: the song is re-pinned (see `TrackPinningService`). */
  async reportLoadFailure(track: PlayableTrack, message: string): Promise<PlayableTrack | null> {
    // A direct link is played as it is, pinned to nothing: there is no video to replace.
    if (track.sourceName === 'http') return null;
    return this.pinning.reportLoadFailure(track, message);
  }

  /**
   * While MongoDB is away the music goes on: text is searched and matched as usual, a link is
   * loaded as it is, and nothing is pinned (the next request after the outage pins the song).
   */
  private async resolveUnpinned(parsed: ParsedQuery): Promise<ResolveOutcome> {
    const knownArtists = await this.artists.lookup();
    if (parsed.kind === 'text') {
      const match = await this.videos.search(wantedFromText(parsed.text, knownArtists), [], knownArtists);
      if (!match) return refuse(ResolveErrorCode.NothingFound, { text: parsed.text });
      const parsedVideo = match.best.parsed;
      const trackKey =
        completeKey(match.query) ??
        completeKey(parsedVideo) ??
        incompleteKey(parsedVideo, match.video.identifier ?? '');
      return ok({ kind: 'track', track: { ...match.video, trackKey }, source: 'search', fromPin: false });
    }
    if (parsed.kind === 'direct') return this.directLinks.resolve(parsed.url);
    if (parsed.kind === 'youtube-video' || parsed.kind === 'soundcloud') {
      const video = firstTrack(await this.videos.load(parsed.url));
      if (!video?.encoded) return refuse(ResolveErrorCode.DeadLinkCatalogAway, {});
      const source = parsed.kind === 'soundcloud' ? 'soundcloud' : parsed.source;
      return ok({ kind: 'track', track: withKey(video, knownArtists), source, fromPin: false });
    }
    return refuse(ResolveErrorCode.CatalogAway, {});
  }

  private async resolveParsed(parsed: ParsedQuery, query: string): Promise<ResolveOutcome> {
    switch (parsed.kind) {
      case 'invalid':
        return parsed.reason === 'EMPTY_QUERY'
          ? refuse(ResolveErrorCode.EmptyQuery, {})
          : refuse(ResolveErrorCode.QueryTooLong, { length: query.length, max: MAX_QUERY_LENGTH });
      case 'text':
        return this.resolveText(parsed.text);
      case 'catalog': {
        const track = await this.tracks.findById(parsed.trackId);
        if (track && !track.unavailable) return pinnedOutcome(this.reviewed(track), 'search');
        if (track) return this.resolveText(`${track.artist} - ${track.title}`);
        return refuse(ResolveErrorCode.SuggestionGone, {});
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
      case 'direct':
        return this.directLinks.resolve(parsed.url);
      case 'unusable':
        return parsed.why === 'short-link'
          ? refuse(ResolveErrorCode.ShortLink, { source: parsed.source })
          : refuse(ResolveErrorCode.MalformedLink, { source: parsed.source });
      case 'unsupported':
        return refuse(ResolveErrorCode.UnsupportedLink, { url: parsed.url });
    }
  }

  /** Free text: its alias or key when known, else one search (YouTube Music, then YouTube), pinned. */
  private async resolveText(text: string): Promise<ResolveOutcome> {
    const knownArtists = await this.artists.lookup();
    const wanted = wantedFromText(text, knownArtists);
    const key = completeKey(wanted.query);
    const known = await this.pinning.findSong(key, wanted.aliases);
    if (known && !known.unavailable) {
      if (wanted.aliases.some((alias) => !known.aliases.includes(alias))) {
        await this.tracks.addAliases(known.id, wanted.aliases);
      }
      return pinnedOutcome(this.reviewed(known), 'search');
    }
    const exclude = known ? [...known.failedVideoIds, known.youtubeId] : [];
    const match = await this.videos.search(wanted, exclude, knownArtists);
    if (!match) return refuse(ResolveErrorCode.NothingFound, { text });
    if (known) return this.repinned(known, match, 'search');
    return this.pinNew(match, wanted, 'search');
  }

  /** A YouTube video link: its song when the video is known, else the video itself, identified and pinned. */
  private async resolveVideo(videoId: string, url: string, source: LinkSource): Promise<ResolveOutcome> {
    const known = await this.tracks.findByVideoId(videoId);
    if (known && !known.unavailable) return pinnedOutcome(known, source);
    const video = firstTrack(await this.videos.load(url));
    if (video?.encoded && !video.isStream) {
      const knownArtists = await this.artists.lookup();
      const parsed = parseVideo(video, knownArtists);
      const key = completeKey(parsed) ?? incompleteKey(parsed, videoId);
      const existing = known ?? (await this.pinning.findSong(key, [videoAlias(videoId)]));
      const score = scoreCandidate(parsed, toCandidate(video), { knownArtists }).score;
      if (existing?.unavailable)
        return pinnedOutcome(await this.pinning.applyPin(existing, video, score, 'auto'), source, false);
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
      this.artists.remember([created.artist]);
      return pinnedOutcome(created, source, created.youtubeId !== videoId);
    }
    if (video?.isStream) return ok({ kind: 'track', track: video, source, fromPin: false });
    // Deleted, private or blocked: search for the song when we know which one it was.
    if (!known) return refuse(ResolveErrorCode.VideoUnavailable, {});
    const exclude = [...known.failedVideoIds, videoId, known.youtubeId];
    const match = await this.videos.search(wantedFromTrack(known), exclude, await this.artists.lookup());
    await this.tracks.recordFailure(known.id, videoId, match === null);
    if (!match) return refuse(ResolveErrorCode.SongNotOnYoutube, { artist: known.artist, title: known.title });
    return this.repinned(known, match, source);
  }

  private async resolveYoutubePlaylist(
    link: Extract<ParsedQuery, { kind: 'youtube-playlist' }>,
  ): Promise<ResolveOutcome> {
    const result = await this.videos.load(link.url);
    if (result.type === 'track' && link.videoId) return this.resolveVideo(link.videoId, link.url, link.source);
    if (result.type !== 'playlist' && result.type !== 'search') {
      return link.videoId
        ? this.resolveVideo(link.videoId, youtubeUrl(link.videoId), link.source)
        : refuse(ResolveErrorCode.PlaylistUnavailable, {});
    }
    const name = result.type === 'playlist' ? result.name : 'YouTube';
    // A link to a video inside a playlist starts from that video.
    const start = result.type === 'playlist' && result.selectedIndex > 0 ? result.selectedIndex : 0;
    const videos = result.tracks.slice(start).filter((video) => video.encoded);
    if (videos.length === 0) return refuse(ResolveErrorCode.PlaylistEmpty, { name });
    const kept = videos.slice(0, MAX_PLAYLIST_TRACKS);
    const tracks = await this.pinning.identifyVideos(kept);
    return ok({ kind: 'playlist', name, tracks, source: link.source, truncated: videos.length - kept.length });
  }

  private async resolveSoundcloud(url: string, hint: string): Promise<ResolveOutcome> {
    const result = await this.videos.load(url);
    const knownArtists = await this.artists.lookup();
    if (result.type === 'track') {
      const track = withKey(result.track, knownArtists);
      return ok({ kind: 'track', track, source: 'soundcloud', fromPin: false });
    }
    if (result.type === 'playlist' && result.tracks.length > 0) {
      const kept = result.tracks.slice(0, MAX_PLAYLIST_TRACKS).map((track) => withKey(track, knownArtists));
      const truncated = result.tracks.length - kept.length;
      return ok({ kind: 'playlist', name: result.name, tracks: kept, source: 'soundcloud', truncated });
    }
    // Gone from SoundCloud: the address still names the artist and the song.
    if (!hint) return refuse(ResolveErrorCode.SoundcloudUnavailable, {});
    const fallback = await this.resolveText(hint);
    return fallback.ok ? ok({ ...fallback.value, source: 'soundcloud' }) : fallback;
  }

  private async resolveFromSource(kind: SourceKind, type: CollectionType, id: string): Promise<ResolveOutcome> {
    if (type === 'track') {
      const pinned =
        kind === 'spotify'
          ? await this.tracks.findBySpotifyId(id)
          : await this.pinning.findSong(undefined, [`dz:${id}`]);
      if (pinned && !pinned.unavailable) return pinnedOutcome(pinned, kind);
    }
    if (kind === 'spotify' && !this.spotify.isConfigured()) {
      return refuse(ResolveErrorCode.SpotifyUnconfigured, {});
    }
    if (type === 'track') {
      const answer = kind === 'spotify' ? await this.spotify.track(id) : await this.deezer.track(id);
      if (!answer.ok) return sourceFailure(answer, kind, type);
      const outcome = await this.resolveSourceTrack(answer.value, kind);
      return outcome.ok ? ok({ ...outcome.value, source: kind }) : outcome;
    }
    const client = kind === 'spotify' ? this.spotify : this.deezer;
    const answer: SourceAnswer<SourceCollection> =
      type === 'album' ? await client.album(id, MAX_PLAYLIST_TRACKS) : await client.playlist(id, MAX_PLAYLIST_TRACKS);
    if (!answer.ok) return sourceFailure(answer, kind, type);
    const { name, tracks: items, total } = answer.value;
    if (items.length === 0) return refuse(ResolveErrorCode.PlaylistEmpty, { name });
    const tracks = await this.queueFromSource(items, kind);
    return ok({ kind: 'playlist', name, tracks, source: kind, truncated: Math.max(0, total - items.length) });
  }

  /** One song from Spotify or Deezer metadata: its pin when the key is known, else searched and pinned. */
  private async resolveSourceTrack(source: SourceTrack, kind: SourceKind | undefined): Promise<ResolveOutcome> {
    // A source's credit names the artist for certain: the next parse of an upload can use it.
    if (kind) this.artists.remember([source.artist]);
    const wanted = wantedFromSource(source, kind);
    const key = completeKey(wanted.query);
    const known = await this.pinning.findSong(key, wanted.aliases);
    if (known && !known.unavailable) {
      await this.pinning.linkSource(known, wanted);
      return pinnedOutcome(this.reviewed(known), 'search');
    }
    const exclude = known ? [...known.failedVideoIds, known.youtubeId] : [];
    const match = await this.videos.search(wanted, exclude, await this.artists.lookup());
    if (!match) return refuse(ResolveErrorCode.SongNotOnYoutube, { artist: source.artist, title: source.title });
    if (known) return this.repinned(known, match, 'search');
    return this.pinNew(match, wanted, 'search');
  }

  /**
   * A Spotify/Deezer collection as queue entries: songs already pinned play their pin; the first
   * few others are matched now so playback starts at once; the rest stay metadata-only (with
   * `query` and `trackKey`) for the look-ahead to resolve when they are due.
   */
  private async queueFromSource(items: SourceTrack[], kind: SourceKind): Promise<PlayableTrack[]> {
    this.artists.remember(items.map((item) => item.artist));
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
      if (outcome.ok && outcome.value.kind === 'track') queue[index] = outcome.value.track;
    }
    return queue;
  }

  /** A known song whose pin is unavailable, pinned to the video just found. */
  /** A song asked for by name plays its pin now; the pin is looked at again in the background. */
  private reviewed(track: CatalogTrack): CatalogTrack {
    this.pins.review(track);
    return track;
  }

  private async repinned(known: CatalogTrack, match: SearchMatch, source: LinkSource): Promise<ResolveOutcome> {
    return pinnedOutcome(await this.pinning.applyPin(known, match.video, match.best.score, 'auto'), source, false);
  }

  /** A new song, pinned to the video just found (or, when another request pinned it first, that pin). */
  private async pinNew(match: SearchMatch, wanted: Wanted, source: LinkSource): Promise<ResolveOutcome> {
    const created = await this.pinning.pinFound(match, wanted);
    return pinnedOutcome(created, source, created.youtubeId !== match.video.identifier);
  }
}
