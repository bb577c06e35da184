import { HttpStatus } from '@nestjs/common';
import { PlaybackError, PlaybackErrorCode, AdminError, AdminErrorCode } from '@accord/core';
import { adminErrorStatus, mapDomainError, playbackErrorStatus } from './http-error.mapper';

describe('HTTP error mapping', () => {
  it.each([
    [PlaybackErrorCode.NothingPlaying, HttpStatus.CONFLICT],
    [PlaybackErrorCode.NotInVoice, HttpStatus.CONFLICT],
    [PlaybackErrorCode.QueueFull, HttpStatus.CONFLICT],
    [PlaybackErrorCode.AlreadyPaused, HttpStatus.CONFLICT],
    [PlaybackErrorCode.PositionOutOfRange, HttpStatus.BAD_REQUEST],
    [PlaybackErrorCode.InvalidTime, HttpStatus.BAD_REQUEST],
    [PlaybackErrorCode.SeekPastEnd, HttpStatus.BAD_REQUEST],
    [PlaybackErrorCode.FilterNotAllowed, HttpStatus.FORBIDDEN],
    [PlaybackErrorCode.AudioUnavailable, HttpStatus.SERVICE_UNAVAILABLE],
  ])('answers playback %s with %i', (code, status) => {
    expect(playbackErrorStatus(code)).toBe(status);
  });

  it.each([
    [AdminErrorCode.NotSignedIn, HttpStatus.UNAUTHORIZED],
    [AdminErrorCode.GuildNotManaged, HttpStatus.FORBIDDEN],
    [AdminErrorCode.CsrfTokenInvalid, HttpStatus.FORBIDDEN],
    [AdminErrorCode.GuildNotFound, HttpStatus.NOT_FOUND],
    [AdminErrorCode.TooManyAttempts, HttpStatus.TOO_MANY_REQUESTS],
    [AdminErrorCode.InvalidSetting, HttpStatus.BAD_REQUEST],
    [AdminErrorCode.OAuthExchangeFailed, HttpStatus.BAD_GATEWAY],
    [AdminErrorCode.SignInLinkInvalid, HttpStatus.UNAUTHORIZED],
    [AdminErrorCode.NoPlayer, HttpStatus.CONFLICT],
    [AdminErrorCode.NothingFound, HttpStatus.UNPROCESSABLE_ENTITY],
    [AdminErrorCode.SourceUnavailable, HttpStatus.BAD_GATEWAY],
  ])('answers admin %s with %i', (code, status) => {
    expect(adminErrorStatus(code)).toBe(status);
  });

  it('gives every code of both modules a status', () => {
    for (const code of Object.values(PlaybackErrorCode)) expect(playbackErrorStatus(code)).toBeGreaterThanOrEqual(400);
    for (const code of Object.values(AdminErrorCode)) expect(adminErrorStatus(code)).toBeGreaterThanOrEqual(400);
  });

  it('keeps the field an admin refusal names, and knows nothing of other errors', () => {
    const mapped = mapDomainError(new AdminError(AdminErrorCode.InvalidSetting, 'not a role', 'djRoleId'));

    expect(mapped).toEqual({ status: 400, code: 'INVALID_SETTING', message: 'not a role', field: 'djRoleId' });
    expect(mapDomainError(new PlaybackError(PlaybackErrorCode.NothingPlaying, { what: 'track' }))).toEqual({
      status: 409,
      code: 'NOTHING_PLAYING',
      message: 'Nothing is playing right now.',
    });
    expect(mapDomainError(new Error('boom'))).toBeNull();
  });

  it('answers 503 with a message when the database is away or too slow, never 500', () => {
    const timeout = Object.assign(new Error('connection 3 to 127.0.0.1:27017 timed out'), {
      name: 'MongoNetworkTimeoutError',
    });
    const maxTime = Object.assign(new Error('operation exceeded time limit'), { name: 'MongoServerError', code: 50 });

    for (const error of [timeout, maxTime, new Error('Operation `plays.find()` buffering timed out after 10000ms')]) {
      expect(mapDomainError(error)).toEqual({
        status: 503,
        code: 'DATABASE_UNAVAILABLE',
        message: 'The database did not answer in time. Try again in a moment.',
      });
    }
  });
});
