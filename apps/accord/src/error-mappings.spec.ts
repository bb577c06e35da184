import { HttpStatus } from '@nestjs/common';
import { LANGUAGES } from '@accord/i18n';
import {
  AdminErrorCode,
  CatalogErrorCode,
  HistoryErrorCode,
  MODULE_ERRORS,
  PlaybackErrorCode,
  PlayRequestErrorCode,
  PreferencesErrorCode,
  RecommendationErrorCode,
  ResolveError,
  ResolveErrorCode,
  type CatalogErrorData,
  type HistoryErrorData,
  type ModuleError,
  type PlaybackErrorData,
  type PreferencesErrorData,
  type RecommendationErrorData,
  type PlayRefusal,
  type PlayRefusalCode,
  type PlayRequestErrorData,
  type ResolveErrorData,
  type ResolveRefusal,
} from '@accord/core';
import { mapDomainError } from './transports/admin/http/http-error.mapper';
import { playRefusalError } from './transports/admin/http/play-refusal.mapper';
import { describeModuleError } from './transports/discord/interaction-error.presenter';
import { describePlayRefusal } from './transports/discord/presenters/play-refusal.presenter';

/** Data for every refusal code of a play request; a code added without an example fails the typecheck. */
const REFUSAL_EXAMPLES: { [C in PlayRefusalCode]: (ResolveErrorData & PlayRequestErrorData)[C] } = {
  [ResolveErrorCode.EmptyQuery]: {},
  [ResolveErrorCode.QueryTooLong]: { length: 2_000, max: 500 },
  [ResolveErrorCode.UnsupportedLink]: { url: 'https://vimeo.com/1234' },
  [ResolveErrorCode.PrivateLink]: { host: '127.0.0.1' },
  [ResolveErrorCode.UnknownHost]: { host: 'nowhere.invalid' },
  [ResolveErrorCode.LinkUnplayable]: { url: 'https://example.com/song.mp3', why: 'refused', status: 403 },
  [ResolveErrorCode.ShortLink]: { source: 'spotify' },
  [ResolveErrorCode.MalformedLink]: { source: 'youtube' },
  [ResolveErrorCode.NothingFound]: { text: 'Nobody - Nothing' },
  [ResolveErrorCode.SongNotOnYoutube]: { artist: 'Daft Punk', title: 'Digital Love' },
  [ResolveErrorCode.VideoUnavailable]: {},
  [ResolveErrorCode.PlaylistUnavailable]: {},
  [ResolveErrorCode.PlaylistEmpty]: { name: 'Mix' },
  [ResolveErrorCode.SuggestionGone]: {},
  [ResolveErrorCode.SoundcloudUnavailable]: {},
  [ResolveErrorCode.SpotifyUnconfigured]: {},
  [ResolveErrorCode.SourceDown]: { source: 'deezer' },
  [ResolveErrorCode.SourceNotFound]: { source: 'spotify', type: 'album' },
  [ResolveErrorCode.CatalogAway]: {},
  [ResolveErrorCode.DeadLinkCatalogAway]: {},
  [ResolveErrorCode.AudioUnavailable]: { cause: 'no-node' },
  [PlayRequestErrorCode.QueueFull]: { max: 5_000 },
  [PlayRequestErrorCode.PlaylistLoadedEmpty]: { name: 'Mix' },
};

/** Data for every code of a module; a code added without an example fails the typecheck. */
type Examples<M> = { [C in keyof M]: M[C] };

const PLAYBACK_EXAMPLES: Examples<PlaybackErrorData> = {
  [PlaybackErrorCode.NotInVoice]: {},
  [PlaybackErrorCode.NotInBotChannel]: { channelId: '123456789012345678' },
  [PlaybackErrorCode.NotPermitted]: {},
  [PlaybackErrorCode.NothingPlaying]: { what: 'skip' },
  [PlaybackErrorCode.QueueEmpty]: {},
  [PlaybackErrorCode.QueueFull]: { max: 5_000 },
  [PlaybackErrorCode.PositionOutOfRange]: { position: 9, size: 2 },
  [PlaybackErrorCode.InvalidTime]: { field: 'volume', max: 200 },
  [PlaybackErrorCode.SeekPastEnd]: { durationMs: 248_000 },
  [PlaybackErrorCode.NotSeekable]: {},
  [PlaybackErrorCode.FilterNotAllowed]: { preset: 'nightcore', allowed: ['bassboost'] },
  [PlaybackErrorCode.AudioUnavailable]: {},
  [PlaybackErrorCode.CannotJoin]: { detail: 'Missing Access' },
  [PlaybackErrorCode.AlreadyPaused]: {},
  [PlaybackErrorCode.NotPaused]: {},
};

const CATALOG_EXAMPLES: Examples<CatalogErrorData> = {
  [CatalogErrorCode.TrackNotFound]: { reason: 'unknown' },
  [CatalogErrorCode.VideoNotFound]: {},
  [CatalogErrorCode.NothingToFix]: { reason: 'nothing-playing' },
  [CatalogErrorCode.CannotMergeIntoItself]: {},
  [CatalogErrorCode.AudioUnavailable]: { cause: 'no-answer' },
  [CatalogErrorCode.InvalidQuery]: { reason: 'not-offered' },
};

const HISTORY_EXAMPLES: Examples<HistoryErrorData> = {
  [HistoryErrorCode.NothingPlaying]: {},
  [HistoryErrorCode.OptedOut]: {},
  [HistoryErrorCode.NoLikes]: {},
  [HistoryErrorCode.NotInBotChannel]: { channelId: '123456789012345678' },
};

const PREFERENCES_EXAMPLES: Examples<PreferencesErrorData> = {
  [PreferencesErrorCode.SpotifyUnconfigured]: {},
  [PreferencesErrorCode.SpotifyNotLinked]: {},
  [PreferencesErrorCode.SpotifyRelinkNeeded]: {},
  [PreferencesErrorCode.SpotifyUnavailable]: {},
  [PreferencesErrorCode.LastfmUnconfigured]: {},
  [PreferencesErrorCode.LastfmUserNotFound]: { username: 'nobodyhere' },
  [PreferencesErrorCode.LastfmUnavailable]: {},
  [PreferencesErrorCode.LastfmNotLinked]: {},
  [PreferencesErrorCode.InvalidUsername]: {},
  [PreferencesErrorCode.UnsupportedLink]: { link: 'single-video' },
  [PreferencesErrorCode.ImportFailed]: { linked: false },
  [PreferencesErrorCode.ImportRunning]: {},
  [PreferencesErrorCode.NoPublicUrl]: {},
};

const RECOMMENDATION_EXAMPLES: Examples<RecommendationErrorData> = {
  [RecommendationErrorCode.NothingPlaying]: {},
  [RecommendationErrorCode.AutoplayOff]: {},
};

/** The admin API's own refusals carry the message the panel shows (they are the admin transport's). */
const MESSAGE = 'What went wrong, and what to do.';

/** What each module's errors are made from in this test: the data of each code, or a message. */
const EXAMPLES: Record<(typeof MODULE_ERRORS)[number]['module'], Record<string, unknown>> = {
  admin: Object.fromEntries(Object.values(AdminErrorCode).map((code) => [code, MESSAGE])),
  catalog: CATALOG_EXAMPLES,
  history: HISTORY_EXAMPLES,
  playback: PLAYBACK_EXAMPLES,
  preferences: PREFERENCES_EXAMPLES,
  recommendation: RECOMMENDATION_EXAMPLES,
};

/** Every module's error, one for each code. */
const errors: { module: string; error: ModuleError }[] = MODULE_ERRORS.flatMap((entry) =>
  (entry.codes as string[]).map((code) => ({
    module: entry.module,
    error: (entry.make as (code: string, data: unknown) => ModuleError)(code, EXAMPLES[entry.module][code]),
  })),
);

/**
 * Every error code of every module reaches both transports as what it is: a Discord reply and an HTTP
 * status in the 4xx/5xx range that is not the generic 500, with a message. Each transport words a
 * code once, in its own table (a code missing from one fails the typecheck); this walks them all at
 * run time too, and checks that Discord says what the panel says (adding, at most, what to do in Discord).
 */
describe('error mappings of the two transports', () => {
  it('covers every module and every code', () => {
    expect(new Set(errors.map((each) => each.module))).toEqual(new Set(MODULE_ERRORS.map((entry) => entry.module)));
    expect(errors.length).toBe(MODULE_ERRORS.reduce((sum, entry) => sum + entry.codes.length, 0));
    for (const entry of MODULE_ERRORS) {
      expect(Object.keys(EXAMPLES[entry.module]).sort()).toEqual([...entry.codes].sort());
    }
  });

  it.each(errors.map(({ module, error }) => [`${module} ${error.code}`, error] as const))(
    '%s: HTTP answers a status of its own with the code and a message, and Discord says the same',
    (_name, error) => {
      const mapped = mapDomainError(error);

      expect(mapped?.code).toBe(error.code);
      expect(mapped!.status).toBeGreaterThanOrEqual(400);
      expect(mapped!.status).not.toBe(HttpStatus.INTERNAL_SERVER_ERROR);
      expect(mapped!.message.length).toBeGreaterThan(0);
      expect(mapped!.message).not.toContain('refused:');
      expect(describeModuleError('en', error).startsWith(mapped!.message)).toBe(true);
      // Every shipped language words it too, placeholders filled (a missing key would show its name).
      for (const language of LANGUAGES) expect(describeModuleError(language, error)).not.toMatch(/\{\{|errors:/);
    },
  );

  describe('refusals of a play request (a code and its data)', () => {
    const refusals = Object.entries(REFUSAL_EXAMPLES).map(
      ([reason, data]) => ({ ok: false, reason, data }) as PlayRefusal,
    );
    const catalogCodes = new Set<string>(Object.values(ResolveErrorCode));

    it('has an example of every code', () => {
      expect(refusals.map((refusal) => refusal.reason).sort()).toEqual(
        [...Object.values(ResolveErrorCode), ...Object.values(PlayRequestErrorCode)].sort(),
      );
    });

    it.each(refusals.map((refusal) => [refusal.reason, refusal] as const))(
      '%s: Discord words it, and HTTP answers a status of its own with a message',
      (_name, refusal) => {
        for (const language of LANGUAGES) {
          expect(describePlayRefusal(language, refusal)).not.toMatch(/\{\{|errors:|^$/);
        }
        const mapped = mapDomainError(playRefusalError(refusal));

        expect(mapped?.message.length).toBeGreaterThan(0);
        expect(mapped!.status).toBeGreaterThanOrEqual(400);
        expect(mapped!.status).not.toBe(HttpStatus.INTERNAL_SERVER_ERROR);
      },
    );

    it.each(refusals.filter((refusal) => catalogCodes.has(refusal.reason)).map((refusal) => [refusal.reason, refusal]))(
      '%s thrown as a ResolveError (/fix, an import): both transports word it as the refusal',
      (_name, refusal) => {
        const error = new ResolveError(refusal as ResolveRefusal);

        expect(describeModuleError('en', error)).toBe(describePlayRefusal('en', refusal));
        expect(mapDomainError(error)).toEqual(mapDomainError(playRefusalError(refusal)));
      },
    );
  });
});
