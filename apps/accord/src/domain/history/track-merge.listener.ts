import { Inject, Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { CatalogEvent, type TracksMergedEvent } from '@accord/core';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import { FeedbackRepository } from './feedback.repository';
import { GuildDayRepository } from './guild-day.repository';
import { GuildWindowRepository } from './guild-window.repository';
import { HistoryWriter } from './history-writer.service';
import { PlayRepository } from './play.repository';
import { artistKeyOf } from './played-song';

/**
 * Follows the catalog when two songs become one: plays, feedback, recent windows and days move to the
 * surviving key. Profiles are left as they are; the old key fades out of them with time.
 */
@Injectable()
export class TrackMergeListener {
  constructor(
    private readonly writer: HistoryWriter,
    private readonly plays: PlayRepository,
    private readonly feedback: FeedbackRepository,
    private readonly windows: GuildWindowRepository,
    private readonly days: GuildDayRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @OnEvent(CatalogEvent.TracksMerged)
  onTracksMerged(event: TracksMergedEvent): void {
    if (event.fromKey === event.toKey) return;
    const artistKey = artistKeyOf(event.toKey);
    this.writer.push('merge tracks', async () => {
      await this.plays.renameTrack(event.fromKey, event.toKey, artistKey);
      await this.feedback.renameTrack(event.fromKey, event.toKey, artistKey);
      await this.windows.renameTrack(event.fromKey, event.toKey, artistKey, this.clock.now());
      await this.days.renameTrack(event.fromKey, event.toKey, artistKey, this.clock.now());
    });
  }
}
