import { AdminError, AdminErrorCode } from './admin.errors';
import { CatalogError, CatalogErrorCode, ResolveError, type CatalogErrorArgs } from './catalog.errors';
import { HistoryError, HistoryErrorCode, type HistoryErrorArgs } from './history.errors';
import { PlaybackError, PlaybackErrorCode, type PlaybackErrorArgs } from './playback.errors';
import { PreferencesError, PreferencesErrorCode, type PreferencesErrorArgs } from './preferences.errors';
import { RecommendationError, RecommendationErrorCode, type RecommendationErrorArgs } from './recommendation.errors';

/** An expected refusal of any module: what the transports map to a reply or an HTTP status. */
export type ModuleError =
  AdminError | CatalogError | HistoryError | PlaybackError | PreferencesError | RecommendationError | ResolveError;

/**
 * Every module's error codes with a way to make each error (from the data of its code, or from a
 * message for the admin API's own refusals), so a test can walk all of them through both transports.
 * A module that adds an error class adds it here and to `ModuleError`. `ResolveError` is the
 * exception: it is made from a refusal, and the test walks its codes with the play refusals.
 */
export const MODULE_ERRORS = [
  {
    module: 'admin',
    codes: Object.values(AdminErrorCode),
    make: (code: AdminErrorCode, message: string) => new AdminError(code, message),
  },
  {
    module: 'catalog',
    codes: Object.values(CatalogErrorCode),
    make: (...args: CatalogErrorArgs) => new CatalogError(...args),
  },
  {
    module: 'history',
    codes: Object.values(HistoryErrorCode),
    make: (...args: HistoryErrorArgs) => new HistoryError(...args),
  },
  {
    module: 'playback',
    codes: Object.values(PlaybackErrorCode),
    make: (...args: PlaybackErrorArgs) => new PlaybackError(...args),
  },
  {
    module: 'preferences',
    codes: Object.values(PreferencesErrorCode),
    make: (...args: PreferencesErrorArgs) => new PreferencesError(...args),
  },
  {
    module: 'recommendation',
    codes: Object.values(RecommendationErrorCode),
    make: (...args: RecommendationErrorArgs) => new RecommendationError(...args),
  },
] as const;

const MODULE_ERROR_CLASSES = [
  AdminError,
  CatalogError,
  HistoryError,
  PlaybackError,
  PreferencesError,
  RecommendationError,
  ResolveError,
];

/** Whether `error` is one of the modules' expected refusals (and not a bug). */
export function isModuleError(error: unknown): error is ModuleError {
  return MODULE_ERROR_CLASSES.some((type) => error instanceof type);
}
