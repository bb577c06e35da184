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
  proportionalAggregate,
  rankUtility,
  type AggregateParams,
  type AggregationStrategy,
  type FairAggregateParams,
  type ProportionalAggregateParams,
} from './group-aggregate';
export {
  DEFAULT_TRAIN_OPTIONS,
  listenerItems,
  scoreComponent,
  trainItemModel,
  type FactorComponent,
  type Interaction,
  type ItemItemComponent,
  type ItemModel,
  type ListenerItems,
  type ModelComponent,
  type SparseItemMatrix,
  type TrainOptions,
} from './model/item-model';
export { decodeItemModel, encodeItemModel } from './model/item-model.codec';
export {
  instanceInteractions,
  profileInteractions,
  sourcesShare,
  withSourceSimilarity,
  type SimilarityEdge,
} from './model/instance-model';
export {
  blendScores,
  itemIndexOf,
  scoreListener,
  standardise,
  strongestReason,
  type ListenerScores,
} from './model/listener-scores';
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
export { describePickReason, explainPick, explainPickReason, joinNames, type ExplainContext } from './explain';
export {
  buildListenerModel,
  buildTasteModel,
  listenerFit,
  type ListenerModel,
  type TasteModel,
} from './listener-score';
export { hashString, keyNoise, seededRandom } from './seeded-random';
