import { Injectable, Logger, Optional } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { isValidObjectId } from 'mongoose';
import { pickBest, scoreCandidate } from '@accord/track-identity';
import {
  CatalogError,
  CatalogErrorCode,
  CatalogEvent,
  type PinActor,
  type PlayableTrack,
  type TrackRepinnedEvent,
  type TracksMergedEvent,
} from '@accord/core';
import { SourceHealthService } from '../health/source-health.service';
import { CatalogArtists } from './catalog-artists';
import {
  firstTrack,
  playableFromData,
  songFields,
  toCandidate,
  toLavalinkData,
  toPlayable,
  toTrackCandidate,
  youtubeUrl,
} from './catalog-mapping';
import {
  PIN_HISTORY_SIZE,
  type CatalogTrack,
  type PinnedBy,
  type PinRecord,
  type TrackCandidates,
} from './catalog.types';
import { FallbackSourceService } from './fallback-source.service';
import { TrackRepository, videoAlias } from './track.repository';
import { VideoSearchService } from './video-search.service';
import { completeKey, incompleteKey, parseVideo, wantedFromTrack, type SearchMatch, type Wanted } from './wanted-song';

/** Videos /fix offers. */
export const FIX_CANDIDATES = 5;
const VIDEO_CACHE_SIZE = 500;

/**
 * Which video a song plays, once it is known: re-pinning after a failed load, the candidates /fix
 * and the panel offer, a person's re-pin, and the merge of two songs into one.
 */
@Injectable()
export class TrackPinningService {
  private readonly logger = new Logger(TrackPinningService.name);
  /** Videos recently offered by /fix, so a click re-pins without loading the video again. */
  private readonly recentVideos = new Map<string, PlayableTrack>();

  constructor(
    private readonly tracks: TrackRepository,
    private readonly videos: VideoSearchService,
    private readonly artists: CatalogArtists,
    private readonly events: EventEmitter2,
    private readonly fallback: FallbackSourceService,
    @Optional() private readonly health?: SourceHealthService,
  ) {}

  /**
   * Playback reports that a pinned video failed to load: the song is re-pinned to the next best
   * video (never one that failed before) and returned. When no other video will do, or YouTube is
   * degraded (then the video is not to blame and the pin is left alone), the song is looked for on
   * the fallback sources and that upload returned, the pin kept for when YouTube plays again. With
   * neither, the song is marked unavailable and null returned.
   */
  async reportLoadFailure(track: PlayableTrack, message: string): Promise<PlayableTrack | null> {
    const videoId = track.identifier;
    const known = track.trackKey
      ? await this.findSong(track.trackKey, [])
      : videoId
        ? await this.tracks.findByVideoId(videoId)
        : null;
    if (!known) return null;
    // The fallback upload itself failed: nothing else to try now, and it is forgotten, so the next
    // fallback searches again rather than playing it.
    if (videoId && known.alternates?.some((alternate) => alternate.lavalink.identifier === videoId)) {
      await this.tracks.removeAlternate(known.id, videoId);
      return null;
    }
    this.logger.warn(`Pinned video ${videoId ?? '?'} of ${known.key} failed to load: ${message}`);
    // Another guild already reported it and the song moved on.
    if (videoId && known.youtubeId !== videoId && !known.unavailable) return toPlayable(known);
    const failed = videoId ?? known.youtubeId;
    if (this.fallback.enabled && this.health?.youtube().state === 'degraded') return this.fallback.find(known);
    try {
      const exclude = [...known.failedVideoIds, failed, known.youtubeId];
      const match = await this.videos.search(wantedFromTrack(known), exclude, await this.artists.lookup());
      if (!match) {
        const alternate = await this.fallback.find(known);
        await this.tracks.recordFailure(known.id, failed, alternate === null);
        return alternate;
      }
      await this.tracks.recordFailure(known.id, failed, false);
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
    const knownArtists = await this.artists.lookup();
    const found = await this.videos.searchAll(wanted.searchText, track.failedVideoIds);
    for (const video of found.values()) this.remember(video);
    const ranked = pickBest(wanted.query, [...found.values()].map(toCandidate), { knownArtists }).ranked;
    const top = ranked.slice(0, limit).map((scored) => toTrackCandidate(scored, found, track.youtubeId));
    if (!top.some((candidate) => candidate.current)) {
      const pinned = playableFromData(track.lavalink);
      const scored = scoreCandidate(wanted.query, toCandidate(pinned), { knownArtists });
      top.splice(
        Math.max(0, limit - 1),
        top.length,
        toTrackCandidate(scored, new Map([[track.youtubeId, pinned]]), track.youtubeId),
      );
    }
    return { track, candidates: top };
  }

  /** Pins a song to another video, for everyone. `user` pins come from /fix or the panel. */
  async repin(trackId: string, youtubeId: string, by: PinnedBy, actor?: PinActor): Promise<CatalogTrack> {
    const track = await this.findTrack(trackId);
    if (track.youtubeId === youtubeId && !track.unavailable && track.pin.by === by) return track;
    const video = this.recentVideos.get(youtubeId) ?? firstTrack(await this.videos.load(youtubeUrl(youtubeId)));
    if (!video?.encoded || video.identifier !== youtubeId) {
      throw new CatalogError(CatalogErrorCode.VideoNotFound, {});
    }
    const knownArtists = await this.artists.lookup();
    const score = scoreCandidate(wantedFromTrack(track).query, toCandidate(video), { knownArtists }).score;
    return this.applyPin(track, video, score, by, actor);
  }

  /**
   * Makes two tracks one: the source's aliases, video and key lead to the target from now on and
   * the source is deleted. Emits `catalog.tracks.merged` so history and feedback can follow.
   */
  async merge(sourceTrackId: string, targetTrackId: string): Promise<CatalogTrack> {
    if (sourceTrackId === targetTrackId) {
      throw new CatalogError(CatalogErrorCode.CannotMergeIntoItself, {});
    }
    const [from, to] = await Promise.all([this.findTrack(sourceTrackId), this.findTrack(targetTrackId)]);
    await this.join(from, to);
    const event: TracksMergedEvent = { fromTrackId: from.id, toTrackId: to.id, fromKey: from.key, toKey: to.key };
    this.events.emit(CatalogEvent.TracksMerged, event);
    return this.findTrack(to.id);
  }

  /**
   * Moves a song to the key new key rules give it (the re-key; the caller reports the renames). When
   * another song already has that key, the two are joined: the one a person pinned stays, else the
   * older. Answers what happened; `missing` when the song is gone. `known`: the song that had the
   * key when the caller looked (saves reading it again).
   */
  async moveToKey(trackId: string, key: string, known?: CatalogTrack): Promise<'renamed' | 'joined' | 'missing'> {
    const track = await this.tracks.findById(trackId);
    if (!track) return 'missing';
    if (track.key === key) return 'renamed';
    let holder = known?.key === key ? known : await this.tracks.findByKey(key);
    if (!holder && (await this.tracks.setKey(track.id, key, track.key))) return 'renamed';
    holder ??= await this.tracks.findByKey(key);
    if (!holder) return 'missing';
    const pinnedByHand = (song: CatalogTrack): number => (song.pin.by === 'user' ? 1 : 0);
    const keepMoved =
      pinnedByHand(track) - pinnedByHand(holder) || holder.createdAt.getTime() - track.createdAt.getTime();
    if (keepMoved > 0) {
      await this.join(holder, track);
      await this.tracks.setKey(track.id, key, track.key);
    } else {
      await this.join(track, holder);
    }
    return 'joined';
  }

  /** `from`'s aliases, video, key and source ids lead to `to` from now on, and `from` is deleted. */
  private async join(from: CatalogTrack, to: CatalogTrack): Promise<void> {
    await this.tracks.addAliases(to.id, [...from.aliases, videoAlias(from.youtubeId), `key:${from.key}`]);
    await this.tracks.delete(from.id);
    if (!to.spotifyId && from.spotifyId) await this.tracks.setSourceIds(to.id, { spotifyId: from.spotifyId });
    if (!to.isrc && from.isrc) await this.tracks.setSourceIds(to.id, { isrc: from.isrc });
  }

  /** A catalog track as playback plays it: the pinned video, no Lavalink call needed. */
  toPlayable(track: CatalogTrack): PlayableTrack {
    return toPlayable(track);
  }

  /**
   * Pins `track` to `video` (the old and new video ids stay aliases), adds the change to the song's
   * history with who made it, and emits `catalog.track.repinned`.
   */
  async applyPin(
    track: CatalogTrack,
    video: PlayableTrack,
    score: number,
    by: PinnedBy,
    actor?: PinActor,
  ): Promise<CatalogTrack> {
    const youtubeId = video.identifier!;
    const previousYoutubeId = track.youtubeId;
    const at = new Date();
    const record: PinRecord = {
      at,
      fromYoutubeId: previousYoutubeId,
      youtubeId,
      by,
      score,
      ...(actor ? { actor } : {}),
    };
    const updated = await this.tracks.setPin(track.id, {
      youtubeId,
      lavalink: toLavalinkData(video),
      by,
      score,
      at,
      aliases: [videoAlias(previousYoutubeId), videoAlias(youtubeId)],
      pinHistory: [...track.pinHistory, record].slice(-PIN_HISTORY_SIZE),
    });
    if (!updated) throw new CatalogError(CatalogErrorCode.TrackNotFound, { reason: 'gone' });
    const event: TrackRepinnedEvent = {
      trackId: track.id,
      key: track.key,
      previousYoutubeId,
      youtubeId,
      by,
      score,
      at,
      ...(actor ? { actor } : {}),
    };
    // Logged and shown on the panel by the event's listeners.
    this.events.emit(CatalogEvent.TrackRepinned, event);
    return updated;
  }

  /**
   * Creates the song a search found, pinned to its video with the aliases that led to it. When
   * another request pinned the same key first, that song is returned with this one's aliases.
   */
  async pinFound(match: SearchMatch, wanted: Wanted): Promise<CatalogTrack> {
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
    this.artists.remember([created.artist]);
    if (created.youtubeId !== match.video.identifier) await this.linkSource(created, wanted);
    return created;
  }

  /** Remembers the Spotify id, ISRC and aliases of a song found again through another source. */
  async linkSource(track: CatalogTrack, wanted: Wanted): Promise<void> {
    const missing = wanted.aliases.filter((alias) => !track.aliases.includes(alias));
    if (missing.length > 0) await this.tracks.addAliases(track.id, missing);
    const source = wanted.source;
    if (!source) return;
    const spotifyId = source.kind === 'spotify' && !track.spotifyId ? source.track.sourceId : undefined;
    const isrc = !track.isrc ? source.track.isrc : undefined;
    if (spotifyId || isrc) await this.tracks.setSourceIds(track.id, { spotifyId, isrc });
  }

  /** Playlist videos with their keys; songs already pinned play their pin, new ones are pinned to this video. */
  async identifyVideos(videos: PlayableTrack[]): Promise<PlayableTrack[]> {
    const knownArtists = await this.artists.lookup();
    const identified = videos.map((video) => {
      const parsed = parseVideo(video, knownArtists);
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
        pin: { by: 'auto', at: new Date(), score: scoreCandidate(parsed, toCandidate(video), { knownArtists }).score },
        lavalink: toLavalinkData(video),
      })),
    );
    this.artists.remember([...fresh.values()].map(({ parsed }) => parsed.artist));
    return identified.map(({ video, key }) => {
      const song = known.get(key);
      return song && !song.unavailable ? toPlayable(song) : { ...video, trackKey: key };
    });
  }

  /** A song by key, or by an alias; a key merged away leads to its new song through `key:<key>`. */
  async findSong(key: string | undefined, aliases: string[]): Promise<CatalogTrack | null> {
    return this.tracks.findByKeyOrAlias(key, key ? [...aliases, `key:${key}`] : aliases);
  }

  private async findTrack(trackIdOrKey: string): Promise<CatalogTrack> {
    const track = isValidObjectId(trackIdOrKey)
      ? await this.tracks.findById(trackIdOrKey)
      : await this.findSong(trackIdOrKey, []);
    if (!track) {
      throw new CatalogError(CatalogErrorCode.TrackNotFound, { reason: 'unknown' });
    }
    return track;
  }

  private remember(video: PlayableTrack): void {
    if (!video.identifier) return;
    this.recentVideos.delete(video.identifier);
    this.recentVideos.set(video.identifier, video);
    if (this.recentVideos.size > VIDEO_CACHE_SIZE) this.recentVideos.delete(this.recentVideos.keys().next().value!);
  }
}
