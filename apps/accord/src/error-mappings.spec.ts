import { HttpStatus } from '@nestjs/common';
import {
  everyModuleError,
  MODULE_ERRORS,
  PlayRequestErrorCode,
  ResolveError,
  ResolveErrorCode,
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
  [ResolveErrorCode.LinkUnplayable]: { url: 'https://example.com/song.mp3' },
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
  [ResolveErrorCode.AudioUnavailable]: { message: 'Audio is unavailable right now.' },
  [PlayRequestErrorCode.QueueFull]: { max: 5_000 },
  [PlayRequestErrorCode.PlaylistLoadedEmpty]: { name: 'Mix' },
};

/**
 * Every error code of every module reaches both transports as what it is: a Discord reply built
 * from its message, and an HTTP status in the 4xx/5xx range that is not the generic 500. A code
 * missing from a transport's table fails the typecheck; this walks them all at run time too.
 */
describe('error mappings of the two transports', () => {
  const errors = everyModuleError('What went wrong, and what to do.');

  it('covers every module', () => {
    expect(new Set(errors.map((each) => each.module))).toEqual(new Set(MODULE_ERRORS.map((entry) => entry.module)));
    expect(errors.length).toBe(MODULE_ERRORS.reduce((sum, entry) => sum + entry.codes.length, 0));
  });

  it.each(errors.map(({ module, error }) => [`${module} ${error.code}`, error] as const))(
    '%s: Discord replies with its message',
    (_name, error) => {
      expect(describeModuleError(error).startsWith('What went wrong, and what to do.')).toBe(true);
    },
  );

  it.each(errors.map(({ module, error }) => [`${module} ${error.code}`, error] as const))(
    '%s: HTTP answers a status of its own with the code',
    (_name, error) => {
      const mapped = mapDomainError(error);

      expect(mapped).toMatchObject({ code: error.code, message: 'What went wrong, and what to do.' });
      expect(mapped!.status).toBeGreaterThanOrEqual(400);
      expect(mapped!.status).not.toBe(HttpStatus.INTERNAL_SERVER_ERROR);
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
        expect(describePlayRefusal(refusal).length).toBeGreaterThan(0);
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

        expect(describeModuleError(error)).toBe(describePlayRefusal(refusal));
        expect(mapDomainError(error)).toEqual(mapDomainError(playRefusalError(refusal)));
      },
    );
  });
});
