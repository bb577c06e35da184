/**
 * What the catalog tells the rest of the app: history and profiles follow `TracksMerged` and
 * `TracksRekeyed` to move what they hold from the old keys to the new ones; a re-pin is logged and
 * shown live on the panel.
 */
export const CatalogEvent = {
  /** Two tracks became one: `fromTrackId` is gone, its aliases now lead to `toTrackId`. */
  TracksMerged: 'catalog.tracks.merged',
  /**
   * Stored keys were derived again under new key rules (`TRACK_KEY_VERSION`): each old key now
   * reads as its new one, whether the song was renamed or joined to one that had the new key.
   */
  TracksRekeyed: 'catalog.tracks.rekeyed',
  /** A track is pinned to another video (by /fix, the panel, or after a load failure). */
  TrackRepinned: 'catalog.track.repinned',
} as const;

export interface TracksMergedEvent {
  fromTrackId: string;
  toTrackId: string;
  fromKey: string;
  toKey: string;
}

/** One stored key read anew. */
export interface KeyRename {
  fromKey: string;
  toKey: string;
}

export interface TracksRekeyedEvent {
  renames: KeyRename[];
}

export interface TrackRepinnedEvent {
  trackId: string;
  key: string;
  previousYoutubeId: string;
  youtubeId: string;
  /** `user`: someone chose the video (/fix or the panel); `auto`: the catalog after a failed load. */
  by: 'auto' | 'user';
  /** How well the new video matches the song, as the catalog scored it. */
  score: number;
  at: Date;
  /** The person who chose it, for `by: 'user'`. */
  actor?: PinActor;
}

/** Who re-pinned a song by hand, and from where: /fix in a server, or the panel. */
export interface PinActor {
  userId: string;
  /** The server /fix was used in; null from the panel. */
  guildId: string | null;
  via: 'discord' | 'panel';
}
