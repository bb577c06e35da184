import { packJson, unpackJson } from '../preferences/profiles/packed-json';
import type { WindowEntry } from './history.types';

/**
 * A guild's recent plays, newest first, kept as one small document a guild so that autoplay's
 * repetition questions are one primary-key read, whatever the size of the `plays` log. It holds
 * the plays of the last `WINDOW_SPAN_MS`, at most `WINDOW_MAX_ENTRIES` of them, which covers the
 * recommender's cooldown (6 h), repeat window (7 days), fairness and discovery windows.
 */
export const WINDOW_MAX_ENTRIES = 1_000;
export const WINDOW_SPAN_MS = 8 * 86_400_000;
const ENCODING_VERSION = 1;

/** Adds or replaces (same play id) an entry, newest first, and trims by age and count. */
export function upsertWindowEntry(entries: readonly WindowEntry[], entry: WindowEntry, now: number): WindowEntry[] {
  const rest = entries.filter((existing) => existing.playId !== entry.playId);
  const merged = [...rest, entry].sort((a, b) => b.startedAt - a.startedAt);
  return merged.filter((existing) => now - existing.startedAt <= WINDOW_SPAN_MS).slice(0, WINDOW_MAX_ENTRIES);
}

/** Removes a user from every entry (forget-me). */
export function withoutUser(entries: readonly WindowEntry[], userId: string): WindowEntry[] {
  return entries.map((entry) => ({
    ...entry,
    listeners: entry.listeners.filter((id) => id !== userId),
    ...(entry.fits ? { fits: entry.fits.filter((fit) => fit.userId !== userId) } : {}),
  }));
}

/**
 * The window is stored as one packed string of tuples (no repeated field names; see
 * packed-json.ts). It is only ever read and written whole, and both MongoDB and the test database
 * (FerretDB 1.x, which decodes every sub-document value one by one) read one string far faster
 * than a thousand sub-documents.
 */
type StoredEntry = [
  playId: string,
  trackKey: string,
  artistKey: string,
  artistName: string,
  title: string,
  youtubeId: string | null,
  startedAt: number,
  listeners: string[],
  fits: Array<[userId: string, fit: number]> | null,
  source: WindowEntry['source'],
  outcome: WindowEntry['outcome'],
  likes: number,
  dislikes: number,
];

export function encodeWindow(entries: readonly WindowEntry[]): string {
  const rows: StoredEntry[] = entries.map((entry) => [
    entry.playId,
    entry.trackKey,
    entry.artistKey,
    entry.artistName,
    entry.title,
    entry.youtubeId ?? null,
    entry.startedAt,
    entry.listeners,
    entry.fits ? entry.fits.map(({ userId, fit }) => [userId, fit]) : null,
    entry.source,
    entry.outcome,
    entry.likes,
    entry.dislikes,
  ]);
  return packJson({ v: ENCODING_VERSION, rows });
}

export function decodeWindow(data: string | undefined | null): WindowEntry[] {
  const parsed = unpackJson(data) as { v?: number; rows?: StoredEntry[] } | undefined;
  if (parsed?.v !== ENCODING_VERSION || !Array.isArray(parsed.rows)) return [];
  try {
    return parsed.rows.map((row) => ({
      playId: row[0],
      trackKey: row[1],
      artistKey: row[2],
      artistName: row[3],
      title: row[4],
      ...(row[5] ? { youtubeId: row[5] } : {}),
      startedAt: row[6],
      listeners: row[7],
      ...(row[8] ? { fits: row[8].map(([userId, fit]) => ({ userId, fit })) } : {}),
      source: row[9],
      outcome: row[10],
      likes: row[11],
      dislikes: row[12],
    }));
  } catch {
    return [];
  }
}

/** When each of `trackKeys` was last started in the window. */
export function lastPlayedIn(entries: readonly WindowEntry[], trackKeys: readonly string[]): Map<string, Date> {
  const wanted = new Set(trackKeys);
  const found = new Map<string, Date>();
  for (const entry of entries) {
    if (wanted.has(entry.trackKey) && !found.has(entry.trackKey)) found.set(entry.trackKey, new Date(entry.startedAt));
  }
  return found;
}

export interface RecentCount {
  lastPlayedAt: Date;
  lastDay: number;
  lastWeek: number;
}

/** For each of `keys` played in the window: last start, and plays since `sinceDay` and `sinceWeek`. */
export function recentCounts(
  entries: readonly WindowEntry[],
  keys: readonly string[] | null,
  keyOf: (entry: WindowEntry) => string,
  since: { day: number; week: number },
): Map<string, RecentCount> {
  const wanted = keys ? new Set(keys) : null;
  const counts = new Map<string, RecentCount>();
  for (const entry of entries) {
    const key = keyOf(entry);
    if (wanted && !wanted.has(key)) continue;
    let count = counts.get(key);
    if (!count) {
      count = { lastPlayedAt: new Date(entry.startedAt), lastDay: 0, lastWeek: 0 };
      counts.set(key, count);
    }
    if (entry.startedAt >= since.day) count.lastDay += 1;
    if (entry.startedAt >= since.week) count.lastWeek += 1;
  }
  return counts;
}

/** For each user, the `trackKeys` they were present for in the window. */
export function heardInWindow(
  entries: readonly WindowEntry[],
  userIds: readonly string[],
  trackKeys: readonly string[],
): Map<string, Set<string>> {
  const wanted = new Set(trackKeys);
  const heard = new Map(userIds.map((id) => [id, new Set<string>()]));
  for (const entry of entries) {
    if (!wanted.has(entry.trackKey)) continue;
    for (const listener of entry.listeners) heard.get(listener)?.add(entry.trackKey);
  }
  return heard;
}
