export {
  parseTitle,
  cleanTitle,
  artistFromAuthor,
  type TitleInput,
  type ParsedTitle,
  type CleanedTitle,
} from './parse-title';
export {
  TRACK_KEY_VERSION,
  trackKey,
  artistKey,
  titleKey,
  parseTrackKey,
  formatTrackKey,
  type TrackKeyInput,
  type TrackKeyParts,
} from './track-key';
export { NO_VARIANT, variantKind, type Variant } from './variant';
export { foldForKey, foldCaseAndSpaces, prepareText } from './normalise';
export {
  scoreCandidate,
  pickBest,
  DEFAULT_MIN_SCORE,
  type MatchQuery,
  type Candidate,
  type ScoredCandidate,
  type MatchResult,
  type MatchContext,
} from './score-candidate';
export { similarity } from './similarity';
export {
  createArtistLookup,
  artistLookupKey,
  KnownArtists,
  type ArtistLookup,
  type TitleContext,
} from './known-artists';
export {
  pickAlternate,
  PREVIEW_MAX_MS,
  type AlternateQuery,
  type AlternateOptions,
  type AlternateRejection,
  type AlternateResult,
} from './alternate';
