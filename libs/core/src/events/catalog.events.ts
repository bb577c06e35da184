/**
 * What the catalog tells the rest of the app: history follows `TracksMerged` to move its documents
 * from the old track to the new one; a re-pin is logged and shown live on the panel.
 */
export const CatalogEvent = {
  /** Two tracks became one: `fromTrackId` is gone, its aliases now lead to `toTrackId`. */
  TracksMerged: 'catalog.tracks.merged',
  /** A track is pinned to another video (by /fix, the panel, or after a load failure). */
  TrackRepinned: 'catalog.track.repinned',
} as const;

export interface TracksMergedEvent {
  fromTrackId: string;
  toTrackId: string;
  fromKey: string;
  toKey: string;
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
