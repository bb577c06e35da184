import { say } from '../i18n/phrase';
import { PlaybackErrorCode } from '@accord/core';
import { parseSeekTime, resolveSeekPosition, type SeekTarget } from './seek-time.parser';

describe(parseSeekTime.name, () => {
  it.each<[string, SeekTarget]>([
    ['1:23', { kind: 'absolute', ms: 83_000 }],
    ['0:05', { kind: 'absolute', ms: 5_000 }],
    ['1:02:03', { kind: 'absolute', ms: 3_723_000 }],
    ['83', { kind: 'absolute', ms: 83_000 }],
    ['0', { kind: 'absolute', ms: 0 }],
    ['  1:23  ', { kind: 'absolute', ms: 83_000 }],
    ['90s', { kind: 'absolute', ms: 90_000 }],
    ['1m30s', { kind: 'absolute', ms: 90_000 }],
    ['2m', { kind: 'absolute', ms: 120_000 }],
    ['1h2m3s', { kind: 'absolute', ms: 3_723_000 }],
    ['+10', { kind: 'relative', deltaMs: 10_000 }],
    ['-15', { kind: 'relative', deltaMs: -15_000 }],
    ['+1:00', { kind: 'relative', deltaMs: 60_000 }],
    ['- 30', { kind: 'relative', deltaMs: -30_000 }],
  ])('reads %p', (input, target) => {
    expect(parseSeekTime(input)).toEqual({ ok: true, target });
  });

  it.each([
    ['', /Give a time/],
    ['   ', /Give a time/],
    ['abc', /"abc" is not a time/],
    ['9:99', /above 59/],
    ['1:60:00', /above 59/],
    ['1:2:3:4', /is not a time/],
    ['1.5', /is not a time/],
    ['++10', /is not a time/],
    ['10x', /is not a time/],
    ['12345678901234567', /too long/],
  ])('refuses %p with a message that says what works', (input, why) => {
    const result = parseSeekTime(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(say('en', result.message)).toMatch(why);
    expect(say('en', result.message)).toContain('Use 1:23, 1:02:03, 83 (seconds), +10 or -15.');
  });
});

describe(resolveSeekPosition.name, () => {
  const track = { positionMs: 60_000, durationMs: 210_000, isSeekable: true, isStream: false };

  it.each<[SeekTarget, number]>([
    [{ kind: 'absolute', ms: 83_000 }, 83_000],
    [{ kind: 'absolute', ms: 0 }, 0],
    [{ kind: 'relative', deltaMs: 10_000 }, 70_000],
    [{ kind: 'relative', deltaMs: -15_000 }, 45_000],
    [{ kind: 'relative', deltaMs: -600_000 }, 0],
    [{ kind: 'absolute', ms: 209_999 }, 209_999],
  ])('places %p at %p ms', (target, ms) => {
    expect(resolveSeekPosition(target, track)).toEqual({ ok: true, ms });
  });

  it.each<SeekTarget>([
    { kind: 'absolute', ms: 210_000 },
    { kind: 'absolute', ms: 599_000 },
    { kind: 'relative', deltaMs: 150_000 },
  ])('refuses %p past the end, saying how long the track is', (target) => {
    const result = resolveSeekPosition(target, track);
    expect(result).toMatchObject({ ok: false, code: PlaybackErrorCode.SeekPastEnd });
    expect(!result.ok && say('en', result.message)).toMatch(/this track is 3:30 long/);
  });

  it('refuses streams and unseekable tracks', () => {
    const stream = { ...track, isStream: true, durationMs: 0 };
    expect(resolveSeekPosition({ kind: 'absolute', ms: 1_000 }, stream)).toMatchObject({
      ok: false,
      code: PlaybackErrorCode.NotSeekable,
    });
    expect(resolveSeekPosition({ kind: 'absolute', ms: 1_000 }, { ...track, isSeekable: false })).toMatchObject({
      ok: false,
      code: PlaybackErrorCode.NotSeekable,
    });
  });
});
