import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { PlaybackError, PlaybackErrorCode, type PlayableTrack } from '@accord/core';
import { foldForKey, parseTitle } from '@accord/track-identity';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import { LrclibClient, type LrclibRecord } from '../../adapters/lrclib/lrclib.client';
import { TrackPinningService } from '../catalog/track-pinning.service';
import { PlaybackService } from '../playback/playback.service';
import { LyricsRepository, unsavedLyrics, type FoundLyrics } from './lyrics.repository';
import type { Lyrics, LyricsLookup, LyricsSong } from './lyrics.types';

/** How far LRCLIB's duration may be from the song's (LRCLIB's own matching allows the same). */
const DURATION_TOLERANCE_S = 2;
/** A "none" is asked again after this long: lyrics get added to LRCLIB all the time. */
const RETRY_NONE_AFTER_MS = 3 * 24 * 60 * 60 * 1000;
/** The longest free query looked up. */
export const MAX_LYRICS_QUERY = 200;

/**
 * Lyrics for the song playing in a guild or for a query, from LRCLIB, cached in MongoDB: the
 * catalog's artist, title and duration are asked first (`/api/get`), then a search whose results
 * must match the song. "None" is a normal answer; LRCLIB failing is one too (logged by the client,
 * not remembered, so the next ask tries again). Nothing here touches playback.
 */
@Injectable()
export class LyricsService {
  private readonly logger = new Logger(LyricsService.name);
  /** Lookups under way by cache key: a second ask for the same song waits for the first. */
  private readonly pending = new Map<string, Promise<Lyrics | null>>();

  constructor(
    private readonly playback: PlaybackService,
    private readonly catalog: TrackPinningService,
    private readonly lrclib: LrclibClient,
    private readonly cache: LyricsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The lyrics of the song playing in `guildId`; refuses with NOTHING_PLAYING when none is. */
  async forCurrentSong(guildId: string): Promise<LyricsLookup & { entryId: string }> {
    const current = this.playback.snapshot(guildId)?.current;
    if (!current) throw new PlaybackError(PlaybackErrorCode.NothingPlaying, { what: 'track' });
    const { song, key } = await this.identify(current.entry.track);
    return { entryId: current.entry.id, song, lyrics: await this.lookUp(song, key) };
  }

  /** The lyrics of `artist - title`, or of LRCLIB's best search result for the query. */
  async forQuery(query: string): Promise<LyricsLookup> {
    const text = query.trim().slice(0, MAX_LYRICS_QUERY);
    const parsed = parseTitle(text);
    if (parsed.artist && parsed.title) {
      const song = { artist: parsed.artist, title: parsed.title, durationMs: 0 };
      return { song, lyrics: await this.lookUp(song, `text:${foldForKey(song.artist)}|${foldForKey(song.title)}`) };
    }
    // A free query is not remembered (any text would make a document); what it finds is, by its LRCLIB id.
    const song = { artist: '', title: text, durationMs: 0 };
    const found = await this.searchFree(text);
    return { song, lyrics: found ? await this.store(`lrclib:${found.sourceId}`, found, this.clock.now()) : null };
  }

  /** Forgets the "none" answers past their retry time, so odd queries do not pile up; found lyrics stay. */
  @Cron(CronExpression.EVERY_DAY_AT_5AM)
  async removeStaleNones(): Promise<number> {
    return this.cache.deleteStaleNones(this.clock.now()).catch((error: unknown) => {
      this.cacheFailed('clean-up', 'stale nones', error);
      return 0;
    });
  }

  /** Lyrics already found, by their cache id (a page button); null once unknown. */
  byId(id: string): Promise<Lyrics | null> {
    return this.cache.findById(id);
  }

  /** The song as the catalog knows it, else as its title reads. */
  private async identify(track: PlayableTrack): Promise<{ song: LyricsSong; key: string }> {
    const durationMs = track.isStream ? 0 : track.durationMs;
    const known = track.trackKey ? await this.catalog.findSong(track.trackKey, []) : null;
    if (known) {
      return {
        song: { artist: known.artist, title: known.title, durationMs: known.durationMs || durationMs },
        key: `song:${known.key}`,
      };
    }
    const parsed = parseTitle({ title: track.title, author: track.author, durationMs });
    const song = { artist: parsed.artist || track.author, title: parsed.title || track.title, durationMs };
    return { song, key: `text:${foldForKey(song.artist)}|${foldForKey(song.title)}` };
  }

  private lookUp(song: LyricsSong, key: string): Promise<Lyrics | null> {
    return this.cached(key, () => this.fetchSong(song));
  }

  /** The cached answer, else `fetch`'s, stored (a failure, `undefined`, is not); one lookup a key at a time. */
  private cached(key: string, fetch: () => Promise<FoundLyrics | null | undefined>): Promise<Lyrics | null> {
    const running = this.pending.get(key);
    if (running) return running;
    const lookup = this.lookUpOnce(key, fetch).finally(() => this.pending.delete(key));
    this.pending.set(key, lookup);
    return lookup;
  }

  private async lookUpOnce(key: string, fetch: () => Promise<FoundLyrics | null | undefined>): Promise<Lyrics | null> {
    const now = this.clock.now();
    // The cache is a help, not a need: while MongoDB is away, LRCLIB is asked every time.
    const hit = await this.cache.find(key, now).catch((error: unknown) => this.cacheFailed('read', key, error));
    if (hit) return hit.found ? hit.lyrics : null;
    const found = await fetch();
    if (found === undefined) return null;
    if (found === null) {
      await this.cache
        .saveNone(key, now, new Date(now.getTime() + RETRY_NONE_AFTER_MS))
        .catch((error: unknown) => this.cacheFailed('write', key, error));
      return null;
    }
    return this.store(key, found, now);
  }

  /** Found lyrics as stored; unstored (no id, so no page buttons) when MongoDB refuses. */
  private async store(key: string, found: FoundLyrics, now: Date): Promise<Lyrics> {
    try {
      return await this.cache.saveFound(key, found, now);
    } catch (error: unknown) {
      this.cacheFailed('write', key, error);
      return unsavedLyrics(found);
    }
  }

  private cacheFailed(what: 'read' | 'write' | 'clean-up', key: string, error: unknown): undefined {
    this.logger.warn(
      `Lyrics cache ${what} failed for ${key}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  }

  /** `/api/get` by artist, title and duration, then a search for the same song. */
  private async fetchSong(song: LyricsSong): Promise<FoundLyrics | null | undefined> {
    const durationS = song.durationMs / 1000;
    const exact = await this.lrclib.get({ artist: song.artist, title: song.title, durationS });
    if (!exact.ok) return undefined;
    if (exact.value && fits(exact.value, song)) return found(exact.value);
    const search = await this.lrclib.search(`${song.artist} ${song.title}`);
    if (!search.ok) return undefined;
    const match = search.value.find((record) => fits(record, song) && sameSong(record, song) && hasWords(record));
    return match ? found(match) : null;
  }

  private async searchFree(text: string): Promise<FoundLyrics | null | undefined> {
    const search = await this.lrclib.search(text);
    if (!search.ok) return undefined;
    const first = search.value.find(hasWords);
    return first ? found(first) : null;
  }
}

/** Within the duration tolerance, when the song's duration is known. */
function fits(record: LrclibRecord, song: LyricsSong): boolean {
  return song.durationMs <= 0 || Math.abs(record.duration - song.durationMs / 1000) <= DURATION_TOLERANCE_S;
}

function sameSong(record: LrclibRecord, song: LyricsSong): boolean {
  const artist = foldForKey(record.artistName);
  const wanted = foldForKey(song.artist);
  return (
    foldForKey(record.trackName) === foldForKey(song.title) &&
    (artist === wanted || artist.includes(wanted) || wanted.includes(artist))
  );
}

function hasWords(record: LrclibRecord): boolean {
  return record.instrumental || record.plainLyrics !== null || record.syncedLyrics !== null;
}

function found(record: LrclibRecord): FoundLyrics {
  return {
    sourceId: record.id,
    artist: record.artistName,
    title: record.trackName,
    album: record.albumName,
    durationMs: Math.round(record.duration * 1000),
    instrumental: record.instrumental,
    syncedLyrics: record.syncedLyrics,
    plainLyrics: record.plainLyrics,
  };
}
