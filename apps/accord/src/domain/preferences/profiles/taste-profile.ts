import type { ImportedLibrary, ListenerProfile, WeightedRef } from '@accord/recommender';

/**
 * Taste profiles as plain data and the pure functions that update them. Weights decay
 * exponentially with a half-life: an entry stores its weight as it was at `at`, and the weight at
 * any later time is `weight * 2^(-(now - at) / halfLife)`, so nothing has to be rewritten while
 * time passes. Lists are bounded: after every update only the strongest entries are kept.
 */

/** A weighted artist, tag or track; `weight` is its value at time `at` (epoch ms). */
export interface TasteEntry {
  id: string;
  name: string;
  weight: number;
  at: number;
}

/** A liked or disliked track: its key, "Artist - Title" for display, and when. */
export interface MarkedTrack {
  id: string;
  name: string;
  at: number;
}

/** What an import brought in, as the recommender reads it, plus a summary for /profile and /privacy. */
export interface ImportedTaste {
  artists: TasteEntry[];
  tags: TasteEntry[];
  tracks: TasteEntry[];
  sources: ImportSummary[];
}

export type ImportSourceKind = 'spotify' | 'lastfm' | 'playlist';

export interface ImportSummary {
  kind: ImportSourceKind;
  /** What was imported, e.g. "top tracks, saved tracks, 2 playlists" or a playlist's name. */
  label: string;
  tracks: number;
  artists: number;
  at: number;
}

export interface TasteProfile {
  userId: string;
  displayName?: string;
  artists: TasteEntry[];
  tags: TasteEntry[];
  tracks: TasteEntry[];
  liked: MarkedTrack[];
  disliked: MarkedTrack[];
  /** Plays this user was present for. */
  playCount: number;
  /** Likes given to tracks autoplay picked as discoveries. */
  discoveriesLiked: number;
  imported: ImportedTaste;
  updatedAt: number;
}

export interface TasteSettings {
  halfLifeMs: number;
  maxArtists: number;
  maxTags: number;
  maxTracks: number;
  maxMarked: number;
}

export const DEFAULT_HALF_LIFE_DAYS = 90;
const DAY_MS = 86_400_000;

export const DEFAULT_TASTE_SETTINGS: TasteSettings = {
  halfLifeMs: DEFAULT_HALF_LIFE_DAYS * DAY_MS,
  maxArtists: 100,
  maxTags: 50,
  maxTracks: 150,
  maxMarked: 500,
};

/** Decayed weights below this are dropped. */
const FORGOTTEN = 0.01;

/** Why a profile changes. `heard` is a play the user sat through some of; the others are feedback. */
export type SignalKind = 'heard' | 'complete' | 'skip' | 'request' | 'like' | 'dislike';

/** How much each signal moves the track and its artist (tags follow the artist, shared out). */
export const SIGNAL_WEIGHTS: Record<SignalKind, { track: number; artist: number }> = {
  heard: { track: 1, artist: 1 },
  complete: { track: 0.5, artist: 0.5 },
  skip: { track: -1, artist: -0.5 },
  request: { track: 2, artist: 2 },
  like: { track: 3, artist: 3 },
  dislike: { track: -5, artist: -2 },
};

export interface TasteSignal {
  kind: SignalKind;
  trackKey: string;
  artistKey: string;
  artistName: string;
  title: string;
  tags?: string[];
  /** For `heard`: the share of the track the user heard, in [0, 1]; scales the signal. */
  share?: number;
  /** The play was an autoplay discovery (a like then counts towards "discoveries liked"). */
  discovery?: boolean;
}

export function emptyProfile(userId: string, now: number): TasteProfile {
  return {
    userId,
    artists: [],
    tags: [],
    tracks: [],
    liked: [],
    disliked: [],
    playCount: 0,
    discoveriesLiked: 0,
    imported: { artists: [], tags: [], tracks: [], sources: [] },
    updatedAt: now,
  };
}

/** The weight of an entry at `now`. */
export function decayedWeight(entry: Pick<TasteEntry, 'weight' | 'at'>, now: number, halfLifeMs: number): number {
  const age = Math.max(0, now - entry.at);
  return entry.weight * 2 ** (-age / halfLifeMs);
}

/**
 * Adds `delta` to the entry `id` (creating it when positive), decays the whole list to `now`, drops
 * what has faded and keeps the `max` strongest, strongest first.
 */
export function bumpEntry(
  list: readonly TasteEntry[],
  change: { id: string; name: string; delta: number },
  now: number,
  settings: { halfLifeMs: number; max: number },
): TasteEntry[] {
  let found = false;
  const next = list.map((entry) => {
    const weight = decayedWeight(entry, now, settings.halfLifeMs);
    if (entry.id !== change.id) return { ...entry, weight, at: now };
    found = true;
    return { id: entry.id, name: change.name || entry.name, weight: Math.max(0, weight + change.delta), at: now };
  });
  if (!found && change.delta > 0) next.push({ id: change.id, name: change.name, weight: change.delta, at: now });
  return boundEntries(next, settings.max);
}

function boundEntries(list: TasteEntry[], max: number): TasteEntry[] {
  return list
    .filter((entry) => entry.weight >= FORGOTTEN)
    .sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id))
    .slice(0, max)
    .map((entry) => ({ ...entry, weight: round(entry.weight) }));
}

/** Applies one signal to a profile at `now` and returns the new profile (the input is not changed). */
export function applySignal(
  profile: TasteProfile,
  signal: TasteSignal,
  now: number,
  settings: TasteSettings = DEFAULT_TASTE_SETTINGS,
): TasteProfile {
  // Liking a song twice is not twice as strong.
  if (signal.kind === 'like' && profile.liked.some((mark) => mark.id === signal.trackKey)) return profile;
  if (signal.kind === 'dislike' && profile.disliked.some((mark) => mark.id === signal.trackKey)) return profile;
  const base = SIGNAL_WEIGHTS[signal.kind];
  const scale = signal.kind === 'heard' ? clamp01(signal.share ?? 1) : 1;
  const trackDelta = base.track * scale;
  const artistDelta = base.artist * scale;
  const trackName = `${signal.artistName} - ${signal.title}`;
  const { halfLifeMs } = settings;

  let tags = profile.tags;
  const tagList = [...new Set(signal.tags ?? [])];
  for (const tag of tagList) {
    tags = bumpEntry(tags, { id: tag, name: tag, delta: artistDelta / tagList.length }, now, {
      halfLifeMs,
      max: settings.maxTags,
    });
  }
  let liked = profile.liked;
  let disliked = profile.disliked;
  let discoveriesLiked = profile.discoveriesLiked;
  if (signal.kind === 'like') {
    if (signal.discovery) discoveriesLiked += 1;
    liked = markTrack(liked, { id: signal.trackKey, name: trackName, at: now }, settings.maxMarked);
    disliked = disliked.filter((mark) => mark.id !== signal.trackKey);
  } else if (signal.kind === 'dislike') {
    disliked = markTrack(disliked, { id: signal.trackKey, name: trackName, at: now }, settings.maxMarked);
    liked = liked.filter((mark) => mark.id !== signal.trackKey);
  }
  return {
    ...profile,
    artists: bumpEntry(profile.artists, { id: signal.artistKey, name: signal.artistName, delta: artistDelta }, now, {
      halfLifeMs,
      max: settings.maxArtists,
    }),
    tags,
    tracks: bumpEntry(profile.tracks, { id: signal.trackKey, name: trackName, delta: trackDelta }, now, {
      halfLifeMs,
      max: settings.maxTracks,
    }),
    liked,
    disliked,
    playCount: profile.playCount + (signal.kind === 'heard' ? 1 : 0),
    discoveriesLiked,
    updatedAt: now,
  };
}

/** Newest first, one mark a track, at most `max`. */
function markTrack(list: readonly MarkedTrack[], mark: MarkedTrack, max: number): MarkedTrack[] {
  const existing = list.find((entry) => entry.id === mark.id);
  const kept = list.filter((entry) => entry.id !== mark.id);
  return [existing ?? mark, ...kept].slice(0, max);
}

/** A fresh import replaces what the same kind of source brought before. */
export function applyImport(
  profile: TasteProfile,
  imported: { summary: ImportSummary; artists: WeightedRef[]; tags: WeightedRef[]; tracks: WeightedRef[] },
  now: number,
  settings: TasteSettings = DEFAULT_TASTE_SETTINGS,
): TasteProfile {
  const merge = (current: readonly TasteEntry[], refs: WeightedRef[], max: number): TasteEntry[] => {
    const byId = new Map(current.map((entry) => [entry.id, { ...entry }]));
    for (const ref of refs) {
      const entry = byId.get(ref.id);
      // Imports are a snapshot of a library: the stronger reading wins, they do not add up.
      if (entry) entry.weight = Math.max(decayedWeight(entry, now, settings.halfLifeMs), ref.weight);
      else byId.set(ref.id, { id: ref.id, name: ref.name, weight: ref.weight, at: now });
      const updated = byId.get(ref.id)!;
      updated.at = now;
    }
    return boundEntries([...byId.values()], max);
  };
  const sources = [
    imported.summary,
    ...profile.imported.sources.filter((source) => source.kind !== imported.summary.kind || source.kind === 'playlist'),
  ].slice(0, 20);
  return {
    ...profile,
    imported: {
      artists: merge(profile.imported.artists, imported.artists, settings.maxArtists),
      tags: merge(profile.imported.tags, imported.tags, settings.maxTags),
      tracks: merge(profile.imported.tracks, imported.tracks, settings.maxTracks * 2),
      sources,
    },
    updatedAt: now,
  };
}

/** Old id -> new id, for songs (track keys) and artists (artist keys). */
export interface ProfileRenames {
  tracks: ReadonlyMap<string, string>;
  artists: ReadonlyMap<string, string>;
}

/**
 * The profile with renamed songs and artists under their new ids (after a merge or a re-key in the
 * catalog), or null when it holds none of them. An entry that meets one already under the new id
 * is added to it, both decayed to the later of their times; a like or dislike is kept once.
 */
export function renameProfileIds(
  profile: TasteProfile,
  renames: ProfileRenames,
  halfLifeMs: number,
): TasteProfile | null {
  const touched = (list: readonly { id: string }[], map: ReadonlyMap<string, string>): boolean =>
    list.some((entry) => map.has(entry.id));
  const { tracks, artists } = renames;
  const lists = [profile.tracks, profile.liked, profile.disliked, profile.imported.tracks];
  if (
    !lists.some((list) => touched(list, tracks)) &&
    !touched(profile.artists, artists) &&
    !touched(profile.imported.artists, artists)
  ) {
    return null;
  }
  const entries = (list: readonly TasteEntry[], map: ReadonlyMap<string, string>): TasteEntry[] => {
    if (!touched(list, map)) return [...list];
    const byId = new Map<string, TasteEntry>();
    for (const entry of list) {
      const id = map.get(entry.id) ?? entry.id;
      const met = byId.get(id);
      if (!met) {
        byId.set(id, { ...entry, id });
        continue;
      }
      const at = Math.max(met.at, entry.at);
      const weight = decayedWeight(met, at, halfLifeMs) + decayedWeight(entry, at, halfLifeMs);
      byId.set(id, { ...met, weight, at });
    }
    return boundEntries([...byId.values()], byId.size);
  };
  const marks = (list: readonly MarkedTrack[]): MarkedTrack[] => {
    const seen = new Set<string>();
    return list
      .map((mark) => ({ ...mark, id: tracks.get(mark.id) ?? mark.id }))
      .filter((mark) => !seen.has(mark.id) && seen.add(mark.id));
  };
  return {
    ...profile,
    artists: entries(profile.artists, artists),
    tracks: entries(profile.tracks, tracks),
    liked: marks(profile.liked),
    disliked: marks(profile.disliked),
    imported: {
      ...profile.imported,
      artists: entries(profile.imported.artists, artists),
      tracks: entries(profile.imported.tracks, tracks),
    },
  };
}

/** The profile as the recommender reads it, decayed to `now`. */
export function toListenerProfile(profile: TasteProfile, now: number, halfLifeMs: number): ListenerProfile {
  const decay = (list: readonly TasteEntry[]): WeightedRef[] =>
    list
      .map((entry) => ({ id: entry.id, name: entry.name, weight: round(decayedWeight(entry, now, halfLifeMs)) }))
      .filter((ref) => ref.weight > 0);
  const imported: ImportedLibrary | undefined =
    profile.imported.sources.length > 0
      ? {
          artists: decay(profile.imported.artists),
          tags: decay(profile.imported.tags),
          tracks: decay(profile.imported.tracks),
        }
      : undefined;
  return {
    userId: profile.userId,
    displayName: profile.displayName ?? profile.userId,
    topArtists: decay(profile.artists),
    topTags: decay(profile.tags),
    tracks: decay(profile.tracks),
    likedTrackKeys: profile.liked.map((mark) => mark.id),
    dislikedTrackKeys: profile.disliked.map((mark) => mark.id),
    playCount: profile.playCount,
    ...(imported ? { imported } : {}),
  };
}

/** The strongest entries at `now`, for display. */
export function topEntries(list: readonly TasteEntry[], now: number, halfLifeMs: number, count: number): TasteEntry[] {
  return list
    .map((entry) => ({ ...entry, weight: decayedWeight(entry, now, halfLifeMs), at: now }))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, count);
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
