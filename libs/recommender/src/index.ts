/**
 * @accord/recommender: picks songs for the people in a voice channel. Pure and deterministic:
 * `now` and `seed` are arguments; no I/O. Start with `pick`.
 */
export * from './types';
export { DEFAULT_SETTINGS, resolveSettings } from './settings';
export { pick, scoreRoom, type ScoredRoom, type ScoreRoomInput } from './pick';
export {
  aggregate,
  averageAggregate,
  averageWithoutMiseryAggregate,
  fairAggregate,
  leastMiseryAggregate,
  multiplicativeAggregate,
  rankUtility,
  type AggregateParams,
  type AggregationStrategy,
  type FairAggregateParams,
} from './group-aggregate';
export { deriveFairness, type SessionFairness } from './fairness';
export { adaptiveDiscoveryShare, receptionOf, wantsDiscovery } from './discovery';
export {
  buildRepetitionIndex,
  isBlocked,
  MIN_TRACK_GAP,
  relaxationSteps,
  repetitionPenalty,
  type RepetitionIndex,
  type RepetitionRules,
} from './repetition';
export { explainPick, joinNames, type ExplainContext } from './explain';
export {
  buildListenerModel,
  buildTasteModel,
  listenerFit,
  type ListenerModel,
  type TasteModel,
} from './listener-score';
export { hashString, keyNoise, seededRandom } from './seeded-random';
