import type { PlaySource, TrackEndReason } from '@accord/core';
import type { ListenerFit } from '@accord/recommender';
import { packJson, unpackJson } from '../preferences/profiles/packed-json';
import type { PlayRecord } from './history.types';
import type { KeyRenames } from './played-song';

/**
 * A guild's plays of one UTC day, kept as one packed document (`_id` = `<guildId>:<YYYY-MM-DD>`)
 * beside the `plays` log, so that the panel's history and stats read a handful of documents by
 * primary key instead of querying the log. On MongoDB that is a few small reads; on the test
 * database (FerretDB 1.x), where only `_id` lookups avoid a scan of the whole collection, it is
 * the difference between milliseconds and a minute. Kept on write by the play recorder.
 */
export const DAY_MS = 86_400_000;
const ENCODING_VERSION = 1;

/** One play as the day document holds it: everything the panel shows of it, and the fits for stats. */
export interface DayPlay {
  playId: string;
  trackKey: string;
  artistKey: string;
  artist: string;
  title: string;
  youtubeId?: string;
  durationMs: number;
  startedAt: number;
  /** Null while the play is open. */
  endedAt: number | null;
  playedMs: number;
  endReason?: TrackEndReason;
  source: PlaySource;
  requestedBy?: string;
  listeners: string[];
  skippedBy?: string;
  /** How well autoplay's pick fitted each listener (absent for requests and imports). */
  fits?: ListenerFit[];
  likes: number;
  dislikes: number;
}

/** What the history page filters on, applied in memory; every field optional. */
export interface DayPlayFilter {
  /** Plays that started before this time (ms). */
  before?: number;
  /** Plays that started at or after this time (ms). */
  since?: number;
  /** Plays this user listened to. */
  userId?: string;
  trackKey?: string;
  source?: PlaySource;
  endReason?: TrackEndReason;
}

/** The UTC day of a time, `YYYY-MM-DD`. */
export function dayOf(at: number | Date): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** The `_id` of a guild's day document. */
export function dayDocId(guildId: string, day: string): string {
  return `${guildId}:${day}`;
}

/** Midnight UTC at the start of a `YYYY-MM-DD` day (ms). */
export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`);
}

/** Adds or replaces (same play id) a play, newest first. */
export function upsertDayPlay(plays: readonly DayPlay[], play: DayPlay): DayPlay[] {
  const rest = plays.filter((existing) => existing.playId !== play.playId);
  return [...rest, play].sort(newestFirst);
}

/**
 * Merges plays read back from the `plays` log (a rebuild) into a day. A play already in the day
 * is replaced, unless the day knows it ended and the read copy does not: the recorder closed it
 * after the rebuild read it, and the day's copy is the newer one.
 */
export function mergeDayPlays(plays: readonly DayPlay[], fromLog: readonly DayPlay[]): DayPlay[] {
  const byId = new Map(plays.map((play) => [play.playId, play]));
  for (const play of fromLog) {
    const known = byId.get(play.playId);
    if (known && known.endedAt !== null && play.endedAt === null) continue;
    byId.set(play.playId, play);
  }
  return [...byId.values()].sort(newestFirst);
}

/** Takes a user out of every play (forget-me): listener, requester, skipper and fits. */
export function dayWithoutUser(plays: readonly DayPlay[], userId: string): DayPlay[] {
  return plays.map((play) => {
    const { requestedBy, skippedBy, fits, ...rest } = play;
    return {
      ...rest,
      listeners: play.listeners.filter((id) => id !== userId),
      ...(requestedBy && requestedBy !== userId ? { requestedBy } : {}),
      ...(skippedBy && skippedBy !== userId ? { skippedBy } : {}),
      ...(fits ? { fits: fits.filter((fit) => fit.userId !== userId) } : {}),
    };
  });
}

/** True when the user appears anywhere in the day. */
export function dayInvolves(plays: readonly DayPlay[], userId: string): boolean {
  return plays.some(
    (play) =>
      play.listeners.includes(userId) ||
      play.requestedBy === userId ||
      play.skippedBy === userId ||
      (play.fits?.some((fit) => fit.userId === userId) ?? false),
  );
}

/** Moves renamed songs' plays to their new keys. */
export function renameDayTracks(plays: readonly DayPlay[], renames: KeyRenames): DayPlay[] {
  return plays.map((play) => {
    const renamed = renames.get(play.trackKey);
    return renamed ? { ...play, ...renamed } : play;
  });
}

/** The plays of a day that pass the filter, newest first (the day is kept newest first). */
export function filterDayPlays(plays: readonly DayPlay[], filter: DayPlayFilter): DayPlay[] {
  return plays.filter(
    (play) =>
      (filter.before === undefined || play.startedAt < filter.before) &&
      (filter.since === undefined || play.startedAt >= filter.since) &&
      (filter.userId === undefined || play.listeners.includes(filter.userId)) &&
      (filter.trackKey === undefined || play.trackKey === filter.trackKey) &&
      (filter.source === undefined || play.source === filter.source) &&
      (filter.endReason === undefined || play.endReason === filter.endReason),
  );
}

/** A stored play as its day holds it. */
export function dayPlayOf(record: PlayRecord): DayPlay {
  return {
    playId: record.id,
    trackKey: record.trackKey,
    artistKey: record.artistKey,
    artist: record.artist,
    title: record.title,
    ...(record.youtubeId ? { youtubeId: record.youtubeId } : {}),
    durationMs: record.durationMs,
    startedAt: new Date(record.startedAt).getTime(),
    endedAt: record.endedAt ? new Date(record.endedAt).getTime() : null,
    playedMs: record.playedMs,
    ...(record.endReason ? { endReason: record.endReason } : {}),
    source: record.source,
    ...(record.requestedBy ? { requestedBy: record.requestedBy } : {}),
    listeners: record.listeners,
    ...(record.skippedBy ? { skippedBy: record.skippedBy } : {}),
    ...(record.fits.length > 0 ? { fits: record.fits } : {}),
    likes: record.likes,
    dislikes: record.dislikes,
  };
}

/**
 * Stored as one packed string of tuples, like the recent-plays window (guild-window.ts): the
 * document is only ever read and written whole. Listener ids repeat from play to play, so each
 * day keeps them once in `users` and the rows refer to them by index.
 */
type StoredPlay = [
  playId: string,
  trackKey: string,
  artistKey: string,
  artist: string,
  title: string,
  youtubeId: string | null,
  durationMs: number,
  startedAt: number,
  endedAt: number | null,
  playedMs: number,
  endReason: TrackEndReason | null,
  source: PlaySource,
  requestedBy: number | null,
  listeners: number[],
  skippedBy: number | null,
  fits: Array<[user: number, fit: number]> | null,
  likes: number,
  dislikes: number,
];

export function encodeDay(plays: readonly DayPlay[]): string {
  const users: string[] = [];
  const indexOf = new Map<string, number>();
  const user = (id: string): number => {
    let index = indexOf.get(id);
    if (index === undefined) {
      index = users.push(id) - 1;
      indexOf.set(id, index);
    }
    return index;
  };
  const rows: StoredPlay[] = plays.map((play) => [
    play.playId,
    play.trackKey,
    play.artistKey,
    play.artist,
    play.title,
    play.youtubeId ?? null,
    play.durationMs,
    play.startedAt,
    play.endedAt,
    play.playedMs,
    play.endReason ?? null,
    play.source,
    play.requestedBy ? user(play.requestedBy) : null,
    play.listeners.map(user),
    play.skippedBy ? user(play.skippedBy) : null,
    play.fits ? play.fits.map(({ userId, fit }) => [user(userId), fit]) : null,
    play.likes,
    play.dislikes,
  ]);
  return packJson({ v: ENCODING_VERSION, users, rows });
}

export function decodeDay(data: string | undefined | null): DayPlay[] {
  const parsed = unpackJson(data) as { v?: number; users?: string[]; rows?: StoredPlay[] } | undefined;
  if (parsed?.v !== ENCODING_VERSION || !Array.isArray(parsed.rows) || !Array.isArray(parsed.users)) return [];
  const users = parsed.users;
  try {
    return parsed.rows.map((row) => ({
      playId: row[0],
      trackKey: row[1],
      artistKey: row[2],
      artist: row[3],
      title: row[4],
      ...(row[5] ? { youtubeId: row[5] } : {}),
      durationMs: row[6],
      startedAt: row[7],
      endedAt: row[8],
      playedMs: row[9],
      ...(row[10] ? { endReason: row[10] } : {}),
      source: row[11],
      ...(row[12] !== null ? { requestedBy: users[row[12]] } : {}),
      listeners: row[13].map((index) => users[index]),
      ...(row[14] !== null ? { skippedBy: users[row[14]] } : {}),
      ...(row[15] ? { fits: row[15].map(([index, fit]) => ({ userId: users[index], fit })) } : {}),
      likes: row[16],
      dislikes: row[17],
    }));
  } catch {
    return [];
  }
}

function newestFirst(a: DayPlay, b: DayPlay): number {
  return b.startedAt - a.startedAt || (a.playId < b.playId ? 1 : a.playId > b.playId ? -1 : 0);
}
