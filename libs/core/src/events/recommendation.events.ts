/** How well a pick fits one present listener, relative to the room (the engine's `ListenerFit`). */
export interface PickFit {
  userId: string;
  fit: number;
}

/** What autoplay tells the rest of the app (the panel's WebSocket, the now-playing presenter). */
export const RecommendationEvent = {
  /** Autoplay queued a song. */
  PickMade: 'recommendation.pick.made',
  /** Autoplay found nothing to play for this room (even with the cooldowns relaxed) and stopped adding songs. */
  AutoplayPaused: 'recommendation.autoplay.paused',
} as const;

export interface PickMadeEvent {
  guildId: string;
  /** The queue entry the pick became. */
  entryId: string;
  trackKey: string;
  title: string;
  artist: string;
  reason: string;
  isDiscovery: boolean;
  /** Relative fit per present listener, as the engine computed it (history keeps it with the play). */
  fits: PickFit[];
  listeners: string[];
  at: Date;
}

/** Autoplay found nothing to pick and the music stopped; said once until it picks again. */
export interface AutoplayPausedEvent {
  guildId: string;
  /** Where the session's messages go. */
  textChannelId: string;
  at: Date;
}
