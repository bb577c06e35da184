/** The data of a refusal that needs none to be worded. */
export type NoData = Record<string, never>;

/**
 * A failure with data: its reason code and what a transport needs to word it (a name, a limit, a
 * link), never the words themselves.
 */
export interface Refusal<R extends string = string, D = unknown> {
  ok: false;
  reason: R;
  data: D;
}

/** One `Refusal` per key of `M`, each with the data `M` gives that reason. */
export type RefusalOf<M> = { [R in keyof M & string]: Refusal<R, M[R]> }[keyof M & string];

/**
 * An expected outcome as a value: success with data, or failure with a reason code. `F` is either
 * the reason codes (a failure then has an optional detail for logs) or `Refusal`s with typed data.
 */
export type Result<T, F extends string | Refusal = string> =
  { ok: true; value: T } | (F extends string ? { ok: false; reason: F; detail?: string } : F);

/** Wraps a success value. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** Wraps a failure reason, with an optional human-readable detail. */
export function fail<R extends string>(reason: R, detail?: string): { ok: false; reason: R; detail?: string } {
  return detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };
}

/** Wraps a failure reason with the data a transport words it from. */
export function refuse<R extends string, const D>(reason: R, data: D): Refusal<R, D> {
  return { ok: false, reason, data };
}
