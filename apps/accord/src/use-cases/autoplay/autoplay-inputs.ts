import type { GuildTaste, HistoryEntry, ListenerProfile, RequesterSeed, WeightedRef } from '@accord/recommender';
import { artistKey, parseTitle, parseTrackKey, trackKey } from '@accord/track-identity';
import type { ListenerSeed, SeedArtist, SeedTrack, SourcedCandidate } from '../../domain/discovery/candidate-source';
import type { PlayableTrack, QueueEntry } from '../../domain/playback/playback.types';
import type { GuildHistoryEntry } from '../../domain/history/guild-history.port';

/**
 * Pure helpers that turn what autoplay knows (profiles, history, the session) into the inputs of
 * the candidate sources and of the engine. No I/O: unit-tested on plain data.
 */

const RECENT_SEEDS = 15;
const TOP_TRACKS_PER_LISTENER = 5;
const TOP_ARTISTS_PER_LISTENER = 5;
const GUILD_TASTE_PLAYS = 200;

/** A listener without a profile yet (or before the preferences module exists): a newcomer to the engine. */
export function emptyProfile(userId: string, displayName: string): ListenerProfile {
  return {
    userId,
    displayName,
    topArtists: [],
    topTags: [],
    tracks: [],
    likedTrackKeys: [],
    dislikedTrackKeys: [],
    playCount: 0,
  };
}

/** One profile per present listener, in the room's order; missing profiles are filled with newcomers. */
export function roomProfiles(
  listenerIds: readonly string[],
  profiles: readonly ListenerProfile[],
  nameOf: (userId: string) => string,
): ListenerProfile[] {
  const byId = new Map(profiles.map((profile) => [profile.userId, profile]));
  return listenerIds.map((userId) => {
    const profile = byId.get(userId);
    if (!profile) return emptyProfile(userId, nameOf(userId));
    // A profile that never learned a name carries the user id in its place: say the member's name.
    const named = profile.displayName && profile.displayName !== userId;
    return named ? profile : { ...profile, displayName: nameOf(userId) };
  });
}

export function listenerSeeds(profiles: readonly ListenerProfile[]): ListenerSeed[] {
  return profiles.map(({ userId, displayName, topArtists, topTags, tracks, likedTrackKeys }) => ({
    userId,
    displayName,
    topArtists,
    topTags,
    tracks,
    likedTrackKeys,
  }));
}

/** What a queue entry is, as a song: key and names (parsed from the video when the catalog gave no key). */
export function songOf(track: PlayableTrack): {
  trackKey: string;
  artistKey: string;
  artistName: string;
  title: string;
} {
  const parsed = parseTitle({ title: track.title, author: track.author, durationMs: track.durationMs });
  const artistName = parsed.artist || track.author;
  const key = track.trackKey ?? trackKey({ artist: artistName, title: parsed.title, variant: parsed.variant });
  return {
    trackKey: key,
    artistKey: parseTrackKey(key)?.artist || artistKey(artistName),
    artistName,
    title: parsed.title || track.title,
  };
}

function youtubeIdOf(track: PlayableTrack): string | undefined {
  return track.identifier && (track.sourceName === 'youtube' || /^[\w-]{11}$/.test(track.identifier))
    ? track.identifier
    : undefined;
}

/**
 * Seed songs for the sources: what plays now and is queued (strongest), the guild's recent plays
 * heard by someone present, and the present listeners' liked and most played songs.
 */
export function buildSeeds(input: {
  listenerIds: readonly string[];
  profiles: readonly ListenerProfile[];
  history: readonly GuildHistoryEntry[];
  playing: readonly QueueEntry[];
}): SeedTrack[] {
  const present = new Set(input.listenerIds);
  const seeds = new Map<string, SeedTrack>();
  const add = (seed: SeedTrack): void => {
    const existing = seeds.get(seed.trackKey);
    if (!existing) {
      seeds.set(seed.trackKey, seed);
      return;
    }
    seeds.set(seed.trackKey, {
      ...existing,
      artistName: existing.artistName ?? seed.artistName,
      title: existing.title ?? seed.title,
      youtubeId: existing.youtubeId ?? seed.youtubeId,
      userIds: [...new Set([...existing.userIds, ...seed.userIds])],
      weight: Math.max(existing.weight, seed.weight),
    });
  };

  input.playing.forEach((entry, index) => {
    const song = songOf(entry.track);
    add({
      ...song,
      youtubeId: youtubeIdOf(entry.track),
      userIds: entry.requestedBy && present.has(entry.requestedBy) ? [entry.requestedBy] : [],
      weight: index === 0 ? 1 : 0.9,
    });
  });
  input.history
    .filter((entry) => entry.listeners.some((id) => present.has(id)))
    .slice(0, RECENT_SEEDS)
    .forEach((entry, index) =>
      add({
        trackKey: entry.trackKey,
        artistKey: entry.artistKey,
        artistName: entry.artistName,
        title: entry.title,
        youtubeId: entry.youtubeId,
        userIds: entry.listeners.filter((id) => present.has(id)),
        weight: 0.8 * (1 - index / (RECENT_SEEDS * 2)),
      }),
    );
  for (const profile of input.profiles) {
    const names = new Map(profile.tracks.map((ref) => [ref.id, ref.name]));
    for (const key of profile.likedTrackKeys) add(seedFromRef(key, names.get(key), profile, 0.7));
    const top = [...profile.tracks].sort((a, b) => b.weight - a.weight).slice(0, TOP_TRACKS_PER_LISTENER);
    const strongest = top[0]?.weight || 1;
    for (const ref of top) add(seedFromRef(ref.id, ref.name, profile, 0.6 * (ref.weight / strongest)));
  }
  return [...seeds.values()];
}

function seedFromRef(key: string, name: string | undefined, profile: ListenerProfile, weight: number): SeedTrack {
  const artistPart = parseTrackKey(key)?.artist ?? '';
  const split = name?.includes(' - ') ? name.split(' - ') : undefined;
  const artistName = profile.topArtists.find((artist) => artist.id === artistPart)?.name ?? split?.[0];
  const title = split ? split.slice(1).join(' - ') : name;
  return { trackKey: key, artistKey: artistPart, artistName, title, userIds: [profile.userId], weight };
}

/** The present listeners' top artists (each listener's scaled to their strongest), pooled, plus the seed songs' artists. */
export function buildSeedArtists(profiles: readonly ListenerProfile[], seeds: readonly SeedTrack[]): SeedArtist[] {
  const artists = new Map<string, SeedArtist>();
  const add = (artist: SeedArtist): void => {
    const existing = artists.get(artist.artistKey);
    artists.set(
      artist.artistKey,
      existing
        ? {
            ...existing,
            userIds: [...new Set([...existing.userIds, ...artist.userIds])],
            weight: existing.weight + artist.weight,
          }
        : artist,
    );
  };
  const count = Math.max(1, profiles.length);
  for (const profile of profiles) {
    const top = [...profile.topArtists].sort((a, b) => b.weight - a.weight).slice(0, TOP_ARTISTS_PER_LISTENER);
    const strongest = top[0]?.weight || 1;
    for (const ref of top) {
      add({
        artistKey: ref.id,
        artistName: ref.name,
        userIds: [profile.userId],
        weight: ref.weight / strongest / count,
      });
    }
  }
  for (const seed of seeds) {
    if (!seed.artistName || !seed.artistKey) continue;
    add({ artistKey: seed.artistKey, artistName: seed.artistName, userIds: seed.userIds, weight: 0.8 * seed.weight });
  }
  return [...artists.values()];
}

/** Queued songs count as just played for the engine: not picked again, and their artists spaced. */
export function queuedAsPlays(queue: readonly QueueEntry[], listeners: readonly string[], now: number): HistoryEntry[] {
  return queue.map((entry, index) => {
    const song = songOf(entry.track);
    return {
      trackKey: song.trackKey,
      artistKey: song.artistKey,
      // The last queued song is the "most recent" one for artist spacing.
      startedAt: now + index + 1,
      listeners: [...listeners],
      source: entry.source,
      outcome: 'playing' as const,
    };
  });
}

/** What this guild plays most (for newcomers), from its recent plays. */
export function guildTasteOf(history: readonly GuildHistoryEntry[]): GuildTaste {
  const counts = new Map<string, WeightedRef>();
  for (const entry of history.slice(0, GUILD_TASTE_PLAYS)) {
    if (!entry.artistKey) continue;
    const ref = counts.get(entry.artistKey) ?? {
      id: entry.artistKey,
      name: entry.artistName ?? entry.artistKey,
      weight: 0,
    };
    ref.weight += 1;
    if (entry.artistName) ref.name = entry.artistName;
    counts.set(entry.artistKey, ref);
  }
  const topArtists = [...counts.values()]
    .map((ref) => ({ ...ref, weight: Math.log1p(ref.weight) }))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 50);
  return { topArtists, topTags: [] };
}

/** The latest request by someone present: newcomer rooms get songs close to it. */
export function requesterSeed(
  history: readonly GuildHistoryEntry[],
  listeners: readonly string[],
): RequesterSeed | undefined {
  const entry = history.find((e) => e.source === 'request' && !!e.requestedBy && listeners.includes(e.requestedBy));
  if (!entry?.requestedBy) return undefined;
  return {
    userId: entry.requestedBy,
    ref: { kind: 'artist', id: entry.artistKey, name: entry.artistName ?? entry.artistKey },
  };
}

/** A pick as playback queues it: metadata only, resolved through the catalog before it is due. */
export function toPlayable(candidate: SourcedCandidate): PlayableTrack {
  return {
    title: candidate.title,
    author: candidate.artistName,
    durationMs: 0,
    isStream: false,
    isSeekable: true,
    trackKey: candidate.trackKey,
    query: candidate.query,
  };
}
