import { PlaybackErrorCode } from '@accord/core';
import { phrase, type Phrase } from '../i18n/phrase';
import { formatDuration } from '../presenters/duration.presenter';

export type SeekTarget = { kind: 'absolute'; ms: number } | { kind: 'relative'; deltaMs: number };

export type SeekTimeParse = { ok: true; target: SeekTarget } | { ok: false; message: Phrase };

const COLON_TIME = /^(\d{1,4})(?::(\d{1,2}))?(?::(\d{1,2}))?$/;
const UNIT_TIME = /^(?:(\d{1,3})h)?(?:(\d{1,4})m)?(?:(\d{1,6})s)?$/;

/**
 * Reads /seek's time: `1:23`, `1:02:03`, `83` (seconds), `1m30s`, or a jump from where the track is,
 * `+10` / `-15` / `+1:00`. Minutes and seconds after a colon go up to 59.
 */
export function parseSeekTime(input: string): SeekTimeParse {
  const text = input.trim().replace(/\s+/g, '');
  const invalid = (key: string, input?: string): SeekTimeParse => ({
    ok: false,
    message: phrase(`errors:seek.${key}`, input === undefined ? undefined : { input }),
  });
  if (text.length === 0) return invalid('empty');
  if (text.length > 16) return invalid('tooLong');
  const sign = text[0] === '+' || text[0] === '-' ? text[0] : '';
  const body = text.slice(sign.length);
  const seconds = readSeconds(body);
  if (seconds === null) return invalid('notATime', input.trim().slice(0, 16));
  if (seconds === 'overflow') return invalid('overflow', text);
  const ms = seconds * 1000;
  if (sign === '') return { ok: true, target: { kind: 'absolute', ms } };
  return { ok: true, target: { kind: 'relative', deltaMs: sign === '+' ? ms : -ms } };
}

function readSeconds(body: string): number | 'overflow' | null {
  const colon = COLON_TIME.exec(body);
  if (colon) {
    const parts = [colon[1], colon[2], colon[3]].filter((part): part is string => part !== undefined).map(Number);
    if (parts.slice(1).some((part) => part > 59)) return 'overflow';
    return parts.reduce((total, part) => total * 60 + part, 0);
  }
  const unit = UNIT_TIME.exec(body);
  if (unit && body.length > 0) {
    const [hours, minutes, seconds] = [unit[1], unit[2], unit[3]].map((part) => Number(part ?? 0));
    return hours * 3600 + minutes * 60 + seconds;
  }
  return null;
}

export interface SeekableTrack {
  positionMs: number;
  durationMs: number;
  isSeekable: boolean;
  isStream: boolean;
}

export type SeekPosition =
  | { ok: true; ms: number }
  | { ok: false; code: PlaybackErrorCode.SeekPastEnd | PlaybackErrorCode.NotSeekable; message: Phrase };

/** Turns a target into a position in the current track; a jump back before the start lands on 0:00. */
export function resolveSeekPosition(target: SeekTarget, track: SeekableTrack): SeekPosition {
  if (!track.isSeekable || track.isStream) {
    return { ok: false, code: PlaybackErrorCode.NotSeekable, message: phrase('errors:seek.notSeekable') };
  }
  const ms = Math.max(0, target.kind === 'absolute' ? target.ms : track.positionMs + target.deltaMs);
  if (ms >= track.durationMs) {
    return {
      ok: false,
      code: PlaybackErrorCode.SeekPastEnd,
      message: phrase('errors:seek.pastEnd', {
        position: formatDuration(ms),
        duration: formatDuration(track.durationMs),
      }),
    };
  }
  return { ok: true, ms };
}
