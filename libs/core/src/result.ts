/** An expected outcome as a value: success with data, or failure with a reason code. */
export type Result<T, R extends string = string> = { ok: true; value: T } | { ok: false; reason: R; detail?: string };

/** Wraps a success value. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** Wraps a failure reason, with an optional human-readable detail. */
export function fail<R extends string>(reason: R, detail?: string): { ok: false; reason: R; detail?: string } {
  return detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };
}
