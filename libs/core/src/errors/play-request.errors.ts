import type { RefusalOf } from '../result';
import type { ResolveErrorCode, ResolveRefusal } from './catalog.errors';

/** Why /play (or the panel's "add to queue") queued nothing, beyond the catalog's own refusals. */
export enum PlayRequestErrorCode {
  /** The guild's queue has no room left. */
  QueueFull = 'QUEUE_FULL',
  /** The catalog answered a playlist, but none of its tracks can be played. */
  PlaylistLoadedEmpty = 'PLAYLIST_LOADED_EMPTY',
}

export interface PlayRequestErrorData {
  [PlayRequestErrorCode.QueueFull]: { max: number };
  [PlayRequestErrorCode.PlaylistLoadedEmpty]: { name: string };
}

/** Every reason a play request gives for queueing nothing, with its data. */
export type PlayRefusal = ResolveRefusal | RefusalOf<PlayRequestErrorData>;

/** Every code a play request may refuse with. */
export type PlayRefusalCode = ResolveErrorCode | PlayRequestErrorCode;
