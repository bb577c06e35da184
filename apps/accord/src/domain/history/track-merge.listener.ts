import { Inject, Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { CatalogEvent, type KeyRename, type TracksMergedEvent, type TracksRekeyedEvent } from '@accord/core';
import { CLOCK, type Clock } from '../../adapters/database/clock';
import { TasteProfileService } from '../preferences/profiles/taste-profile.service';
import { FeedbackRepository } from './feedback.repository';
import { GuildDayRepository } from './guild-day.repository';
import { GuildWindowRepository } from './guild-window.repository';
import { HistoryWriter } from './history-writer.service';
import { PlayRepository } from './play.repository';
import { artistKeyOf, keyRenamesOf } from './played-song';

/**
 * Follows the catalog when songs change keys: two songs become one (a merge), or stored keys are
 * derived anew under new key rules (a re-key). Plays, feedback, recent windows, days and profiles
 * move to the new keys, in the history write queue, so a like or a dislike keeps counting.
 */
@Injectable()
export class TrackMergeListener {
  constructor(
    private readonly writer: HistoryWriter,
    private readonly plays: PlayRepository,
    private readonly feedback: FeedbackRepository,
    private readonly windows: GuildWindowRepository,
    private readonly days: GuildDayRepository,
    private readonly profiles: TasteProfileService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @OnEvent(CatalogEvent.TracksMerged)
  onTracksMerged(event: TracksMergedEvent): void {
    // Two songs are one: the artist of the song merged away is not renamed everywhere.
    this.follow('merge tracks', [{ fromKey: event.fromKey, toKey: event.toKey }], false);
  }

  @OnEvent(CatalogEvent.TracksRekeyed)
  onTracksRekeyed(event: TracksRekeyedEvent): void {
    // New key rules read an artist's name anew for all its songs, so its artist key moves too.
    this.follow('re-key tracks', event.renames, true);
  }

  private follow(label: string, renames: readonly KeyRename[], artistsToo: boolean): void {
    const keys = keyRenamesOf(renames);
    if (keys.size === 0) return;
    const artists = new Map<string, string>();
    if (artistsToo) {
      for (const { fromKey, toKey } of renames) {
        const from = artistKeyOf(fromKey);
        const to = artistKeyOf(toKey);
        if (from !== to && !artists.has(from)) artists.set(from, to);
      }
    }
    const tracks = new Map([...keys].map(([fromKey, to]) => [fromKey, to.trackKey]));
    this.writer.push(label, async () => {
      const now = this.clock.now();
      await this.plays.renameTracks(keys);
      await this.feedback.renameTracks(keys);
      await this.windows.renameTracks(keys, now);
      await this.days.renameTracks(keys, now);
      await this.profiles.renameIds({ tracks, artists });
    });
  }
}
