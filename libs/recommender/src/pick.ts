import { fail, ok, type Result } from '@accord/core';
import { adaptiveDiscoveryShare, isDiscoveryCandidate, tracksHeardByPresent, wantsDiscovery } from './discovery';
import { describePickReason, explainPickReason } from './explain';
import { deriveFairness } from './fairness';
import { fairAggregate, proportionalAggregate, rankUtility } from './group-aggregate';
import {
  buildGuildModel,
  buildListenerModel,
  isVetoedBy,
  listenerFit,
  type ListenerModel,
  type TasteModel,
} from './listener-score';
import { blendScores, standardise, strongestReason } from './model/listener-scores';
import { buildRepetitionIndex, isBlocked, relaxationSteps, repetitionPenalty } from './repetition';
import { keyNoise } from './seeded-random';
import { resolveSettings } from './settings';
import {
  type Candidate,
  type GuildTaste,
  type HistoryEntry,
  type ListenerFit,
  type ListenerProfile,
  type Pick,
  type PickFailure,
  type PickInput,
  type PickOutput,
  type RecommenderSettings,
  type RequesterSeed,
  type RoomModel,
} from './types';

/** Relative fits are taken against at least this best fit, so a listener nothing suits is not told "perfect". */
const FIT_FLOOR = 0.2;
/** A little popularity breaks near-ties towards songs the guild already enjoys. */
const POPULARITY_TIE_BREAK = 0.01;
const MAX_PICKS = 100;

/** The room prepared for scoring: listener models, candidates left after vetoes, and their raw fits. */
export interface ScoredRoom {
  listeners: ListenerModel[];
  guild: TasteModel;
  /** Candidates after de-duplication (evidence merged) and vetoes (anything a present listener disliked). */
  candidates: Candidate[];
  /** Raw fits, row-major: `fits[c * listeners.length + l]`. */
  fits: Float64Array;
  /** 1 where the candidate is a discovery for this room. */
  discovery: Uint8Array;
  /** Nobody present has any history or import. */
  newcomerRoom: boolean;
  /** 0 for listeners who carry no signal at all (newcomer in a guild without taste), else 1. */
  signal: Float64Array;
  /** With a model: each candidate's model index (-1 when the model does not know it). */
  modelItems?: Int32Array;
  /** With a model: 1 for the listeners whose fits are the model's (they have cached scores), 0 for those fitted the classic way. */
  modelScored?: Uint8Array;
}

/** Inputs of `scoreRoom`. */
export interface ScoreRoomInput {
  listeners: readonly ListenerProfile[];
  candidates: readonly Candidate[];
  /** Newest first. */
  history: readonly HistoryEntry[];
  guildTaste?: GuildTaste;
  settings: RecommenderSettings;
  model?: RoomModel;
}

/**
 * With a model, a listener's blended z-score z over the room's candidates becomes the fit
 * 1 / (1 + e^(FIT_INTERCEPT − FIT_SLOPE · z)), which grows about as e^(0.9 z) over the candidates'
 * range: a listener whose best candidate stands far out counts more for it than one whose list is flat,
 * as the chance of a hit does (on the tuning split, split seed 1, a member's held-out artists made up
 * 9% of their candidates at z 3–4, 26% at 5–6 and 50% at 7–8; the fit rises more steeply than that,
 * which served nDCG better than a calibrated curve or the candidate's rank).
 */
const FIT_INTERCEPT = 7;
const FIT_SLOPE = 0.9;
/**
 * With a model, relative fits are taken against the listener's own best candidate (this floor only
 * avoids dividing by zero): how large a fit can get depends on how many candidates the room has (the
 * best of 40 stands out less than the best of 5,000), so no absolute floor suits every room.
 */
const MODEL_FIT_FLOOR = 1e-9;
/**
 * Default weight of the classic fit (artist, evidence, tags), standardised, in the model's blend: 0,
 * because computing it is most of a pick's cost (10 listeners x 5,000 candidates: about 2x the CPU)
 * for no measurable gain (0.1 on the tuning split: +0.001 nDCG, within the noise).
 */
const CLASSIC_WEIGHT = 0;

/** Replaces each listener's classic fits by the model's blend over these candidates (plus a little of the classic fit). */
function applyModel(room: ScoredRoom, model: RoomModel): Int32Array {
  const { candidates, fits, listeners } = room;
  const width = listeners.length;
  const count = candidates.length;
  const items = Int32Array.from(
    candidates,
    (c) => model.itemIndex.get(c.trackKey) ?? model.itemIndex.get(c.artistKey) ?? -1,
  );
  const classicWeight = model.classicWeight ?? CLASSIC_WEIGHT;
  const column = new Float64Array(count);
  const classic = new Float64Array(count);
  listeners.forEach((listener, l) => {
    const scores = model.scores.find((s) => s.userId === listener.userId);
    if (!scores) return;
    const blended = blendScores(model.model, scores, items);
    if (classicWeight > 0) {
      for (let c = 0; c < count; c++) column[c] = fits[c * width + l];
      standardise(column, classic);
    }
    for (let c = 0; c < count; c++) {
      const z = blended[c] + classicWeight * classic[c];
      fits[c * width + l] = 1 / (1 + Math.exp(FIT_INTERCEPT - FIT_SLOPE * z));
    }
  });
  return items;
}

function mergeCandidates(candidates: readonly Candidate[]): Candidate[] {
  const byKey = new Map<string, Candidate>();
  for (const candidate of candidates) {
    const existing = byKey.get(candidate.trackKey);
    if (!existing) {
      byKey.set(candidate.trackKey, candidate);
      continue;
    }
    // Two sources proposing one track: keep the first description, pool the evidence.
    byKey.set(candidate.trackKey, {
      ...existing,
      tags: existing.tags.length > 0 ? existing.tags : candidate.tags,
      guildPopularity: Math.max(existing.guildPopularity, candidate.guildPopularity),
      evidence: [...existing.evidence, ...candidate.evidence],
    });
  }
  return [...byKey.values()];
}

/**
 * Scores every candidate for every listener (the per-listener half of the engine). `pick` builds on
 * it; the offline evaluation uses it for its baselines so they share the engine's taste model.
 */
export function scoreRoom(input: ScoreRoomInput): ScoredRoom {
  const listeners = input.listeners.map((profile) => buildListenerModel(profile, input.settings));
  const guild = buildGuildModel(input.guildTaste);
  const candidates = mergeCandidates(input.candidates).filter((c) => !listeners.some((l) => isVetoedBy(l, c)));
  const heard = tracksHeardByPresent(
    input.history,
    listeners.map((l) => l.userId),
  );
  const width = listeners.length;
  const fits = new Float64Array(candidates.length * width);
  const discovery = new Uint8Array(candidates.length);
  const classicBlended = (input.model?.classicWeight ?? CLASSIC_WEIGHT) > 0;
  const modelOnly = Uint8Array.from(listeners, (l) =>
    !classicBlended && input.model?.scores.some((s) => s.userId === l.userId) ? 1 : 0,
  );
  candidates.forEach((candidate, c) => {
    for (let l = 0; l < width; l++) {
      // A listener the model scores needs the classic fit only when it is blended in (it costs most of a pick).
      if (modelOnly[l] === 0) fits[c * width + l] = listenerFit(listeners[l], candidate, guild);
    }
    discovery[c] = isDiscoveryCandidate(candidate, listeners, heard) ? 1 : 0;
  });
  const signal = Float64Array.from(listeners, (l) => (l.newcomer && guild.empty ? 0 : 1));
  const room: ScoredRoom = {
    listeners,
    guild,
    candidates,
    fits,
    discovery,
    newcomerRoom: listeners.every((l) => l.newcomer),
    signal,
  };
  if (input.model && input.model.scores.length > 0) {
    room.modelItems = applyModel(room, input.model);
    const scored = new Set(input.model.scores.map((s) => s.userId));
    room.modelScored = Uint8Array.from(listeners, (listener) => (scored.has(listener.userId) ? 1 : 0));
    // A listener the model knows carries a signal even when the bot has seen few of their plays.
    room.modelScored.forEach((isScored, l) => {
      if (isScored) signal[l] = 1;
    });
    room.newcomerRoom = false;
  }
  return room;
}

/** Picks (newest first) over which the utility already given to each listener is summed by proportional picks. */
const PROPORTIONAL_WINDOW = 12;
/** A recorded fit f counts as f^8 of utility given (as in the session's satisfaction): only near-top songs count. */
const GIVEN_EXPONENT = 8;

/** Utility already given to each listener over the last picks that carry fits (newest first). */
function utilityGiven(recent: readonly HistoryEntry[], ids: readonly string[], out: Float64Array): void {
  out.fill(0);
  let seen = 0;
  for (const entry of recent) {
    if (!entry.fits) continue;
    if (seen++ >= PROPORTIONAL_WINDOW) break;
    for (const { userId, fit } of entry.fits) {
      const l = ids.indexOf(userId);
      if (l >= 0) out[l] += Math.min(1, Math.max(0, fit)) ** GIVEN_EXPONENT;
    }
  }
}

/** Adds the model's reason for each served listener to the candidate's evidence ("close to X, which Ana plays"). */
function withModelEvidence(
  candidate: Candidate,
  item: number,
  model: RoomModel,
  listeners: readonly ListenerModel[],
  fits: readonly ListenerFit[],
): Candidate {
  if (item < 0) return candidate;
  const evidence = [...candidate.evidence];
  listeners.forEach((listener, l) => {
    const scores = model.scores.find((s) => s.userId === listener.userId);
    if (!scores || fits[l].fit < SERVED_FIT) return;
    const reason = strongestReason(model.model, scores, item);
    if (reason.item < 0) return;
    const id = model.model.items[reason.item];
    evidence.push({
      source: 'model',
      similarTo: { kind: model.itemKind ?? 'artist', id, name: model.itemNames?.get(id) ?? id },
      strength: Math.min(1, reason.strength),
      userIds: [listener.userId],
    });
  });
  return { ...candidate, evidence };
}

/** A listener counts as served by a pick from this relative fit (for the model's reasons). */
const SERVED_FIT = 0.3;

function seedAffinity(candidate: Candidate, seed: RequesterSeed | undefined): number {
  if (!seed) return 0;
  if (candidate.trackKey === seed.ref.id || candidate.artistKey === seed.ref.id) return 1;
  let best = 0;
  for (const evidence of candidate.evidence) {
    if (evidence.similarTo.id === seed.ref.id && evidence.strength > best) best = Math.min(1, evidence.strength);
  }
  return best;
}

/** Fits are ranked on this grid (2^-30: only float noise ties) with the candidate's slot packed below it. */
const RANK_GRID = 2 ** 30;
/** Slots per grid step: up to 4M eligible candidates, so a packed key stays an exact double (< 2^53). */
const RANK_SLOTS = 2 ** 22;

/**
 * Writes each eligible candidate's utility for each listener into `out` (row-major like `fits`):
 * `utilityOfRank[r]` for the candidate's rank r among the eligible ones in that listener's own list
 * (1 = their best; equal fits share the better rank), 0 where the fit is 0. One native sort of packed
 * keys per listener.
 */
function fillRankUtilities(
  fits: Float64Array,
  width: number,
  eligible: readonly number[],
  utilityOfRank: Float64Array,
  keys: Float64Array,
  out: Float64Array,
): void {
  for (let l = 0; l < width; l++) {
    // A song with no link at all to a listener's taste is worth nothing to them, whatever its rank.
    let n = 0;
    for (let i = 0; i < eligible.length; i++) {
      const fit = fits[eligible[i] * width + l];
      if (fit > 0) keys[n++] = Math.floor(fit * RANK_GRID) * RANK_SLOTS + i;
      else out[eligible[i] * width + l] = 0;
    }
    const sorted = keys.subarray(0, n).sort();
    let rank = 1;
    let previous = -1;
    for (let j = n - 1; j >= 0; j--) {
      const slot = sorted[j] % RANK_SLOTS;
      const step = (sorted[j] - slot) / RANK_SLOTS;
      if (step !== previous) {
        rank = n - j;
        previous = step;
      }
      out[eligible[slot] * width + l] = utilityOfRank[rank];
    }
  }
}

const NO_SONGS_DETAIL =
  'Autoplay paused: no songs left to pick for this room (every candidate was disliked or just played).';

/**
 * Picks the next track(s) for the listeners present. Pure: the same input (including `now` and
 * `seed`) gives the same picks. Hard rules: nothing a present listener disliked, no track inside its
 * cooldown, no artist twice within `artistSpacing` tracks; when nothing passes, the cooldowns are
 * relaxed step by step, and when even that fails the result is `{ ok: false, reason: 'NO_CANDIDATES' }`
 * (autoplay should pause rather than loop a song). Each pick weighs the listeners' utilities (with a
 * model, the model's fit, about the chance they love it, discounted by what each was already given;
 * without one, the candidate's rank in their own list times its relative fit) with the listener served
 * least lately holding the turn, and vetoes a candidate that would leave someone below the misery
 * threshold once too often in a row.
 * With `count > 1`, each pick is made as if the previous ones had played, so turns, spacing and the
 * discovery quota hold within the batch.
 */
export function pick(input: PickInput): Result<PickOutput, PickFailure> {
  const settings = resolveSettings(input.settings);
  if (input.listeners.length === 0) return fail('NO_LISTENERS', 'Nobody is listening.');
  const history = [...input.history].sort((a, b) => b.startedAt - a.startedAt);
  const room = scoreRoom({
    listeners: input.listeners,
    candidates: input.candidates,
    history,
    guildTaste: input.guildTaste,
    settings,
    model: input.model,
  });
  if (room.candidates.length === 0) return fail('NO_CANDIDATES', NO_SONGS_DETAIL);

  const { listeners, candidates, fits, discovery } = room;
  const width = listeners.length;
  const ids = listeners.map((l) => l.userId);
  const steps = relaxationSteps(settings);
  const count = Math.max(1, Math.min(MAX_PICKS, Math.floor(input.count ?? 1)));
  const discoveryShare = adaptiveDiscoveryShare(history, settings);
  const chosen = new Set<number>();
  const simulated: HistoryEntry[] = [];
  const picks: Pick[] = [];
  const best = new Float64Array(width);
  const weights = new Float64Array(width);
  const guarded = new Uint8Array(width);
  const given = new Float64Array(width);
  const proportional = room.modelItems !== undefined;
  const modelScored = room.modelScored ?? new Uint8Array(width);
  const allModelScored = modelScored.every((isScored) => isScored === 1);
  const fairnessSettings = proportional ? { ...settings, turnShare: settings.proportionalTurnShare } : settings;
  const row = new Float64Array(width);
  const utilities = new Float64Array(candidates.length * width);
  const rankKeys = new Float64Array(candidates.length);
  const utilityOfRank = Float64Array.from({ length: candidates.length + 2 }, (_, rank) => rankUtility(rank));
  const activeCount = room.signal.reduce((sum, s) => sum + (s > 0 ? 1 : 0), 0);
  // Nobody may be left below the misery threshold more than this many picks in a row (a full round of turns at most).
  const miseryBudget = Math.min(settings.miseryStreak, Math.max(0, activeCount - 1));
  let relaxation = 0;

  for (let round = 0; round < count; round++) {
    const recent = simulated.length > 0 ? [...simulated].reverse().concat(history) : history;
    const repetition = buildRepetitionIndex(recent, input.now, settings);

    let eligible: number[] = [];
    for (let level = 0; level < steps.length && eligible.length === 0; level++) {
      for (let c = 0; c < candidates.length; c++) {
        if (!chosen.has(c) && !isBlocked(repetition, candidates[c], steps[level], input.now)) eligible.push(c);
      }
      if (eligible.length > 0) relaxation = Math.max(relaxation, level);
    }
    if (eligible.length === 0) break;

    const fairness = deriveFairness(recent, ids, fairnessSettings, room.signal);
    for (let l = 0; l < width; l++) {
      weights[l] = fairness.weights[l].weight;
      guarded[l] = room.signal[l] > 0 && fairness.miseryStreaks[l] >= miseryBudget ? 1 : 0;
    }

    // Fits are judged against the best the listener could have had now, so rich and sparse profiles count alike.
    best.fill(0);
    for (const c of eligible) {
      for (let l = 0; l < width; l++) if (fits[c * width + l] > best[l]) best[l] = fits[c * width + l];
    }
    for (let l = 0; l < width; l++) best[l] = Math.max(best[l], modelScored[l] ? MODEL_FIT_FLOOR : FIT_FLOOR);
    // The model's fits are small (a listener's best is often 0.1–0.3): a listener fitted the classic way
    // (no cached scores yet) gets rank utilities scaled so that their best counts as much as the model's
    // listeners' best on average, and the popularity tie-break scales the same way.
    let scoreScale = 1;
    if (proportional) {
      let sum = 0;
      let scoredCount = 0;
      for (let l = 0; l < width; l++) {
        if (!modelScored[l]) continue;
        sum += best[l];
        scoredCount++;
      }
      if (scoredCount > 0) scoreScale = sum / scoredCount;
    }

    const wantDiscovery = !room.newcomerRoom && wantsDiscovery(recent, discoveryShare);
    const matching = eligible.filter((c) => (discovery[c] === 1) === wantDiscovery);
    if (matching.length > 0) eligible = matching;

    if (proportional) utilityGiven(recent, ids, given);
    if (!room.newcomerRoom && !allModelScored)
      fillRankUtilities(fits, width, eligible, utilityOfRank, rankKeys, utilities);

    let bestIndex = -1;
    let bestScore = -Infinity;
    let bestVetoed = true;
    for (const c of eligible) {
      const candidate = candidates[c];
      let score: number;
      let vetoed = false;
      if (room.newcomerRoom) {
        let guildFit = 0;
        for (let l = 0; l < width; l++) guildFit += fits[c * width + l] / width;
        score = 0.5 * candidate.guildPopularity + 0.35 * seedAffinity(candidate, input.seedRequest) + 0.15 * guildFit;
      } else {
        for (let l = 0; l < width; l++) {
          const relFit = Math.min(1, fits[c * width + l] / best[l]);
          // With the model's fit, the fit itself (about the chance the listener loves it); else the rank's
          // utility, scaled by the relative fit: in a short list, rank 3 may still barely fit.
          row[l] = modelScored[l] ? fits[c * width + l] : utilities[c * width + l] * relFit * scoreScale;
          if (guarded[l] === 1 && relFit < settings.miseryThreshold) vetoed = true;
        }
        score = proportional ? proportionalAggregate(row, { weights, given }) : fairAggregate(row, { weights });
      }
      score *= repetitionPenalty(repetition, candidate);
      score += POPULARITY_TIE_BREAK * scoreScale * candidate.guildPopularity;
      score *= 1 + settings.jitter * (keyNoise(input.seed, candidate.trackKey, round) - 0.5);
      // A vetoed candidate wins only when every candidate is vetoed: the room never runs dry.
      if (vetoed && !bestVetoed) continue;
      if (
        (bestVetoed && !vetoed) ||
        score > bestScore ||
        (score === bestScore && candidate.trackKey < candidates[bestIndex].trackKey)
      ) {
        bestScore = score;
        bestIndex = c;
        bestVetoed = vetoed;
      }
    }

    const chosenCandidate = candidates[bestIndex];
    const pickFits: ListenerFit[] = ids.map((userId, l) => ({
      userId,
      fit: Math.round(Math.min(1, fits[bestIndex * width + l] / best[l]) * 1000) / 1000,
    }));
    const isDiscovery = discovery[bestIndex] === 1;
    const candidate =
      room.modelItems && input.model
        ? withModelEvidence(chosenCandidate, room.modelItems[bestIndex], input.model, listeners, pickFits)
        : chosenCandidate;
    const because = explainPickReason({
      candidate,
      listeners,
      fits: pickFits.map((f) => f.fit),
      turn: fairness.turn,
      guild: room.guild,
      isDiscovery,
      newcomerRoom: room.newcomerRoom,
      seedRequest: input.seedRequest,
    });
    picks.push({
      trackKey: candidate.trackKey,
      artistKey: candidate.artistKey,
      score: Math.round(bestScore * 1e6) / 1e6,
      fits: pickFits,
      isDiscovery,
      explanation: describePickReason(because),
      because,
    });
    chosen.add(bestIndex);
    simulated.push({
      trackKey: candidate.trackKey,
      artistKey: candidate.artistKey,
      startedAt: input.now,
      listeners: ids,
      fits: pickFits,
      source: isDiscovery ? 'discovery' : 'autoplay',
      outcome: 'playing',
    });
  }

  if (picks.length === 0) return fail('NO_CANDIDATES', NO_SONGS_DETAIL);
  const recent = [...simulated].reverse().concat(history);
  const fairness = deriveFairness(recent, ids, fairnessSettings, room.signal);
  return ok({ picks, fairness: fairness.weights, discoveryShare, relaxation });
}
