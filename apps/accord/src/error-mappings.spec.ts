import { HttpStatus } from '@nestjs/common';
import { everyModuleError, MODULE_ERRORS } from '@accord/core';
import { mapDomainError } from './transports/admin/http/http-error.mapper';
import { describeModuleError } from './transports/discord/interaction-error.presenter';

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
});
