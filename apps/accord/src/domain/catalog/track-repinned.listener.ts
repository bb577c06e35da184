import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { CatalogEvent, type TrackRepinnedEvent } from '@accord/core';

/** Keeps a log line of every re-pin: which song, from which video to which, and whether a person chose it. */
@Injectable()
export class TrackRepinnedListener {
  private readonly logger = new Logger(TrackRepinnedListener.name);

  @OnEvent(CatalogEvent.TrackRepinned)
  onTrackRepinned(event: TrackRepinnedEvent): void {
    const who = event.actor
      ? `user ${event.actor.userId} ${event.actor.via === 'panel' ? 'on the panel' : `with /fix in guild ${event.actor.guildId ?? 'none'}`}`
      : event.by === 'user'
        ? 'a user'
        : 'the catalog after a failed load';
    this.logger.log(
      `Re-pinned ${event.key} (track ${event.trackId}) from ${event.previousYoutubeId} to ${event.youtubeId}, by ${who}, score ${event.score}`,
    );
  }
}
