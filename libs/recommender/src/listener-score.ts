import {
  type Candidate,
  type Evidence,
  type GuildTaste,
  type ListenerProfile,
  type RecommenderSettings,
  type WeightedRef,
} from './types';

/** Weights of the evidence kinds in a listener's fit (combined as a noisy-or, so each adds what the others miss). */
const ARTIST_WEIGHT = 0.9;
const EVIDENCE_WEIGHT = 0.85;
const TAG_WEIGHT = 0.15;
const PLAYED_TRACK_WEIGHT = 0.8;
/** How much an import counts next to the bot's own observations. */
const IMPORT_WEIGHT = 0.8;
/** Share of the guild's taste in the fit of a listener with no plays yet (without / with an import). */
const COLD_GUILD_SHARE = 0.5;
const COLD_GUILD_SHARE_IMPORTED = 0.25;
/** A source naming the listener as a fan of `similarTo` counts as at least this affinity. */
const NAMED_BY_SOURCE_AFFINITY = 0.5;

/** One taste (a listener's own, an import, or the guild's), with weights scaled to [0, 1]. */
export interface TasteModel {
  artists: Map<string, number>;
  artistNames: Map<string, string>;
  tags: Map<string, number>;
  tagNames: Map<string, string>;
  tracks: Map<string, number>;
  empty: boolean;
}

/** A listener prepared for fast scoring. */
export interface ListenerModel {
  userId: string;
  displayName: string;
  own: TasteModel;
  imported: TasteModel | undefined;
  liked: Set<string>;
  disliked: Set<string>;
  dislikedArtists: Set<string>;
  /** Share of the guild's taste in this listener's fit (1 for a newcomer, 0 once the profile is trusted). */
  guildShare: number;
  /** No own history and no import. */
  newcomer: boolean;
}

function scaledMap(refs: readonly WeightedRef[] | undefined, names?: Map<string, string>): Map<string, number> {
  const map = new Map<string, number>();
  if (!refs || refs.length === 0) return map;
  let max = 0;
  for (const ref of refs) if (Number.isFinite(ref.weight) && ref.weight > max) max = ref.weight;
  if (max <= 0) return map;
  for (const ref of refs) {
    if (!Number.isFinite(ref.weight) || ref.weight <= 0) continue;
    const value = ref.weight / max;
    // Duplicates keep their strongest weight rather than summing: sources may repeat an artist.
    if ((map.get(ref.id) ?? 0) < value) map.set(ref.id, value);
    names?.set(ref.id, ref.name);
  }
  return map;
}

/** Scales a taste's weights to [0, 1] (divided by its strongest entry) and indexes them by id. */
export function buildTasteModel(
  artists: readonly WeightedRef[] | undefined,
  tags: readonly WeightedRef[] | undefined,
  tracks: readonly WeightedRef[] | undefined,
): TasteModel {
  const artistNames = new Map<string, string>();
  const tagNames = new Map<string, string>();
  const model: TasteModel = {
    artists: scaledMap(artists, artistNames),
    artistNames,
    tags: scaledMap(tags, tagNames),
    tagNames,
    tracks: scaledMap(tracks),
    empty: false,
  };
  model.empty = model.artists.size === 0 && model.tags.size === 0 && model.tracks.size === 0;
  return model;
}

/** Builds the guild's taste model (empty when the guild has none yet). */
export function buildGuildModel(taste: GuildTaste | undefined): TasteModel {
  return buildTasteModel(taste?.topArtists, taste?.topTags, undefined);
}

/** Prepares one listener: scaled maps, sets, and how much the guild's taste stands in for a thin history. */
export function buildListenerModel(
  profile: ListenerProfile,
  settings: Pick<RecommenderSettings, 'coldStartPlays'>,
): ListenerModel {
  const own = buildTasteModel(profile.topArtists, profile.topTags, profile.tracks);
  const imported = profile.imported
    ? buildTasteModel(profile.imported.artists, profile.imported.tags, profile.imported.tracks)
    : undefined;
  const liked = new Set(profile.likedTrackKeys ?? []);
  const hasOwn = !own.empty || liked.size > 0;
  const hasImport = imported !== undefined && !imported.empty;
  const experience =
    settings.coldStartPlays <= 0 ? 1 : Math.min(1, Math.max(0, profile.playCount) / settings.coldStartPlays);
  let guildShare = 1;
  if (hasOwn || hasImport) guildShare = (1 - experience) * (hasImport ? COLD_GUILD_SHARE_IMPORTED : COLD_GUILD_SHARE);
  return {
    userId: profile.userId,
    displayName: profile.displayName,
    own,
    imported: hasImport ? imported : undefined,
    liked,
    disliked: new Set(profile.dislikedTrackKeys ?? []),
    dislikedArtists: new Set(profile.dislikedArtistKeys ?? []),
    guildShare,
    newcomer: !hasOwn && !hasImport,
  };
}

/** Mean of the three strongest tag matches: a candidate with many tags is not favoured for their number. */
export function tagAffinity(model: TasteModel, tags: readonly string[]): number {
  if (model.tags.size === 0 || tags.length === 0) return 0;
  let a = 0;
  let b = 0;
  let c = 0;
  for (const tag of tags) {
    const w = model.tags.get(tag);
    if (w === undefined) continue;
    if (w > a) {
      c = b;
      b = a;
      a = w;
    } else if (w > b) {
      c = b;
      b = w;
    } else if (w > c) c = w;
  }
  return (a + b + c) / 3;
}

/** How much this taste likes what one piece of evidence points at, in [0, 1]. */
export function evidenceAffinity(model: TasteModel, evidence: Evidence, userId?: string, liked?: Set<string>): number {
  const ref = evidence.similarTo;
  let affinity =
    ref.kind === 'artist' ? (model.artists.get(ref.id) ?? 0) : liked?.has(ref.id) ? 1 : (model.tracks.get(ref.id) ?? 0);
  if (userId !== undefined && affinity < NAMED_BY_SOURCE_AFFINITY && evidence.userIds?.includes(userId)) {
    affinity = NAMED_BY_SOURCE_AFFINITY;
  }
  return affinity;
}

/** Fit of a candidate to one taste in [0, 1]: artist, similarity evidence, tags and played tracks, as a noisy-or. */
export function tasteFit(model: TasteModel, candidate: Candidate, userId?: string, liked?: Set<string>): number {
  if (model.empty && (liked === undefined || liked.size === 0)) return 0;
  const artist = model.artists.get(candidate.artistKey) ?? 0;
  const track = model.tracks.get(candidate.trackKey) ?? 0;
  let miss = 1;
  for (const evidence of candidate.evidence) {
    const strength = evidence.strength > 1 ? 1 : evidence.strength > 0 ? evidence.strength : 0;
    if (strength === 0) continue;
    miss *= 1 - strength * evidenceAffinity(model, evidence, userId, liked);
  }
  const similar = 1 - miss;
  const tags = tagAffinity(model, candidate.tags);
  return (
    1 -
    (1 - ARTIST_WEIGHT * artist) *
      (1 - EVIDENCE_WEIGHT * similar) *
      (1 - TAG_WEIGHT * tags) *
      (1 - PLAYED_TRACK_WEIGHT * track)
  );
}

/**
 * A listener's predicted fit for a candidate in [0, 1]. A liked track fits fully. A listener with a thin
 * history is scored partly (a newcomer wholly) through the guild's taste, and an import stands in for
 * what the bot has not seen yet.
 */
export function listenerFit(listener: ListenerModel, candidate: Candidate, guild: TasteModel): number {
  if (listener.liked.has(candidate.trackKey)) return 1;
  let personal = 0;
  if (!listener.newcomer) {
    const own = tasteFit(listener.own, candidate, listener.userId, listener.liked);
    const imported = listener.imported ? IMPORT_WEIGHT * tasteFit(listener.imported, candidate, listener.userId) : 0;
    personal = 1 - (1 - own) * (1 - imported);
  }
  if (listener.guildShare <= 0) return personal;
  const fromGuild = tasteFit(guild, candidate, listener.userId);
  return (1 - listener.guildShare) * personal + listener.guildShare * fromGuild;
}

/** A present listener disliked this track or its artist: a hard veto. */
export function isVetoedBy(listener: ListenerModel, candidate: Candidate): boolean {
  return listener.disliked.has(candidate.trackKey) || listener.dislikedArtists.has(candidate.artistKey);
}

/** The listener knows this track: played it (own history or import) or liked it. */
export function knowsTrack(listener: ListenerModel, trackKey: string): boolean {
  return (
    listener.liked.has(trackKey) ||
    listener.own.tracks.has(trackKey) ||
    (listener.imported?.tracks.has(trackKey) ?? false)
  );
}
