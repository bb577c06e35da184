/**
 * Input and output shapes of the recommender. Everything is plain data so the app can fill it from
 * MongoDB documents (no names as object keys: per-listener values are arrays of `{ userId, ... }`).
 * Times are epoch milliseconds.
 */

import type { PickReason } from '@accord/core';
import { type ItemModel } from './model/item-model';
import { type ListenerScores } from './model/listener-scores';

/** A trained item model and the cached scores of the listeners present (see `scoreListener`). */
export interface RoomModel {
  model: ItemModel;
  /** `itemIndexOf(model)`, built once per model. */
  itemIndex: ReadonlyMap<string, number>;
  /** Scores of (some of) the listeners present; a listener without scores is fitted the classic way. */
  scores: readonly ListenerScores[];
  /** Display names of model items, for explanations ("close to X, which Ana plays"). */
  itemNames?: ReadonlyMap<string, string>;
  /** What the model's items are (default 'artist'). */
  itemKind?: 'artist' | 'track';
  /** Weight of the classic fit (artist, evidence and tag overlap), standardised, in the blend (default 0: computing it is most of a pick). */
  classicWeight?: number;
}

/** A weighted reference to an artist, tag or track. `weight` is any non-negative number (e.g. a decayed play count); it is scaled per profile. */
export interface WeightedRef {
  id: string;
  name: string;
  weight: number;
}

/** What one listener brought from outside the bot (e.g. a Spotify import): used while their own history is thin. */
export interface ImportedLibrary {
  artists: WeightedRef[];
  tags: WeightedRef[];
  /** Track keys with weights (saved/top tracks). */
  tracks: WeightedRef[];
}

/** One listener's taste, as kept in the `profiles` collection. */
export interface ListenerProfile {
  userId: string;
  displayName: string;
  topArtists: WeightedRef[];
  topTags: WeightedRef[];
  /** Tracks this listener has played (track keys), weighted by decayed play count. */
  tracks: WeightedRef[];
  likedTrackKeys: string[];
  dislikedTrackKeys: string[];
  /** Optional: artists this listener never wants to hear. */
  dislikedArtistKeys?: string[];
  /** How many plays the bot has seen for this listener; below the cold-start threshold the guild's taste fills in. */
  playCount: number;
  imported?: ImportedLibrary;
}

/** What a candidate resembles: an artist or a track, by key and display name. */
export interface EvidenceRef {
  kind: 'artist' | 'track';
  id: string;
  name: string;
}

/** Why a source proposed a candidate: "similar to X" with a strength in [0, 1]. */
export interface Evidence {
  /** Which source said so (e.g. 'lastfm', 'deezer', 'co-listening'). */
  source: string;
  similarTo: EvidenceRef;
  /** Similarity in [0, 1]. */
  strength: number;
  /** Listeners the source knows to play `similarTo` (optional; the engine also looks it up in the profiles). */
  userIds?: string[];
}

/** A track the engine may pick. */
export interface Candidate {
  trackKey: string;
  artistKey: string;
  artistName: string;
  title?: string;
  /** Tag ids (same id space as profile tags). */
  tags: string[];
  /** Popularity in this guild in [0, 1] (e.g. scaled play count). */
  guildPopularity: number;
  evidence: Evidence[];
}

/** How a play was started. */
export type PlaySource = 'request' | 'autoplay' | 'discovery' | 'import';

/** How a play ended (mirrors `plays.endReason`; 'playing' while it runs). */
export type PlayOutcome = 'finished' | 'skipped' | 'stopped' | 'error' | 'replaced' | 'playing';

/** How well a play fitted one listener, in [0, 1] relative to the best the listener could have had. */
export interface ListenerFit {
  userId: string;
  fit: number;
}

/** One play of this guild, newest or oldest first (the engine sorts). */
export interface HistoryEntry {
  trackKey: string;
  artistKey: string;
  startedAt: number;
  /** Listeners present (not deafened). */
  listeners: string[];
  /** Fit per listener as returned by the engine when it picked this track (absent for requests). */
  fits?: ListenerFit[];
  source: PlaySource;
  outcome?: PlayOutcome;
  likes?: number;
  dislikes?: number;
}

/** Per-guild settings; every field has a default (see `DEFAULT_SETTINGS`). */
export interface RecommenderSettings {
  /** Target share of discoveries among autoplay picks, in [0, 1]. */
  discoveryShare: number;
  /** Bounds for the adaptive discovery share. */
  discoveryShareMin: number;
  discoveryShareMax: number;
  /** Whether the share adapts to how discoveries were received. */
  adaptDiscoveryShare: boolean;
  /** A track is not replayed within this time. */
  trackCooldownMs: number;
  /** An artist is not played again within this many tracks. */
  artistSpacing: number;
  /** Plays within this time make a track (and its artist) less likely. */
  repeatWindowMs: number;
  /** How many recent picks the fairness weights look at. */
  fairnessWindow: number;
  /**
   * Share of a pick's weight that goes to the listener whose turn it is (the one served least lately);
   * the rest is spread over everyone present. 0 = every pick is for the whole room alike.
   */
  turnShare: number;
  /**
   * `turnShare` when the picks are proportional (with a model): the proportional rule already spreads
   * the picks, so a lighter turn does (0.15 on the tuning split; 0 gains a little nDCG and loses a
   * little every-member-hit, 0.3 the other way round).
   */
  proportionalTurnShare: number;
  /** Relative fit below which a listener counts as miserable. */
  miseryThreshold: number;
  /**
   * How many picks in a row may leave a listener below `miseryThreshold` (capped at the room size
   * minus one); once reached, a pick that would do it again is vetoed. 0 = no pick may ever do it.
   */
  miseryStreak: number;
  /** Relative fit from which a pick counts as well-fitting for a listener. */
  goodFitThreshold: number;
  /** Plays after which a listener's own profile is fully trusted. */
  coldStartPlays: number;
  /** Random jitter added to scores (relative), so equal rooms do not always hear the same order. */
  jitter: number;
}

/** The guild's own taste: what this server plays, for newcomers and cold listeners. */
export interface GuildTaste {
  topArtists: WeightedRef[];
  topTags: WeightedRef[];
}

/** The requester's seed (what they asked for before autoplay took over). */
export interface RequesterSeed {
  userId: string;
  ref: EvidenceRef;
}

/** Everything one pick needs. */
export interface PickInput {
  listeners: ListenerProfile[];
  /**
   * Optional learned model with the present listeners' cached scores. When given, each listener's
   * fit comes from the model (standardised over the candidates and blended), and the picks are
   * proportional (each next song maximises Σ utility / (1 + utility already given)); without it,
   * the classic per-listener fits and turn-weighted aggregation are used.
   */
  model?: RoomModel;
  candidates: Candidate[];
  history: HistoryEntry[];
  settings?: Partial<RecommenderSettings>;
  guildTaste?: GuildTaste;
  seedRequest?: RequesterSeed;
  /** How many picks to return, each chosen as if the previous ones had played (default 1). */
  count?: number;
  now: number;
  seed: number;
}

/** One chosen track. */
export interface Pick {
  trackKey: string;
  artistKey: string;
  score: number;
  fits: ListenerFit[];
  isDiscovery: boolean;
  /** Why, in English (logs, the panel). */
  explanation: string;
  /** Why, as data, for a transport to word in its reader's language. */
  because: PickReason;
}

/** A listener's weight in the next pick (mean 1; the listener whose turn it is weighs most) and how well they were served lately. */
export interface FairnessWeight {
  userId: string;
  weight: number;
  /**
   * How well this listener was served lately, in [0, 1]: the decayed mean of their recent fits, each
   * raised to the 8th power, so only songs near the top of their own list count (0.9 → 0.43, 0.7 → 0.06).
   */
  satisfaction: number;
}

/** The successful outcome of `pick`. */
export interface PickOutput {
  picks: Pick[];
  /** Weights after the last pick, for display ("Ana's turn next"). */
  fairness: FairnessWeight[];
  /** The discovery share in force for this guild after adaptation. */
  discoveryShare: number;
  /** 0 when no rule had to be relaxed; higher when the cooldowns were relaxed to find a song. */
  relaxation: number;
}

/** Why no pick could be made. */
export type PickFailure = 'NO_LISTENERS' | 'NO_CANDIDATES';
