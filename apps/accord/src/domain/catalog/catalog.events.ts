/**
 * What the catalog tells the rest of the app. History and feedback (a later module) follow
 * `TracksMerged` to move their documents from the old track to the new one.
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
  by: 'auto' | 'user';
}
