import { Inject, Injectable } from '@nestjs/common';
import type { GuildStatsDto, HistoryPageDto, HistoryQuery, PlayDto, StatsQuery } from '@accord/contracts';
import { DAY_MS, dayOf, type DayPlay } from '../../../domain/history/guild-day';
import { HistoryDaysService } from '../../../domain/history/history-days.service';
import { CLOCK, type Clock } from '../../../adapters/database/clock';
import { MAX_HISTORY_PAGE } from '../dto/history.dto';
import { summarizeStats } from './guild-stats';

const DEFAULT_PAGE = 50;
const DEFAULT_DAYS = 7;

/**
 * The panel's history (plays, paged back in time) and stats (over the last N days), both read
 * from the guild's day documents by primary key, whatever the size of the `plays` log.
 */
@Injectable()
export class AdminHistoryService {
  constructor(
    private readonly days: HistoryDaysService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async page(guildId: string, query: HistoryQuery): Promise<HistoryPageDto> {
    const limit = Math.min(query.limit ?? DEFAULT_PAGE, MAX_HISTORY_PAGE);
    const page = await this.days.page(
      guildId,
      {
        before: query.before ? Date.parse(query.before) : undefined,
        userId: query.userId,
        trackKey: query.trackKey,
        source: query.source,
        endReason: query.endReason,
      },
      limit,
    );
    return { plays: page.plays.map(toPlayDto), nextBefore: page.nextBefore === null ? null : iso(page.nextBefore) };
  }

  async stats(guildId: string, query: StatsQuery): Promise<GuildStatsDto> {
    const days = query.days ?? DEFAULT_DAYS;
    const now = this.clock.now().getTime();
    const firstDay = dayOf(now - (days - 1) * DAY_MS);
    const plays = await this.days.span(guildId, firstDay, dayOf(now));
    return summarizeStats(plays, days, now);
  }
}

function toPlayDto(play: DayPlay): PlayDto {
  return {
    id: play.playId,
    trackKey: play.trackKey,
    artistKey: play.artistKey,
    title: play.title,
    artist: play.artist,
    youtubeId: play.youtubeId ?? null,
    durationMs: play.durationMs,
    startedAt: iso(play.startedAt),
    endedAt: play.endedAt === null ? null : iso(play.endedAt),
    playedMs: play.playedMs,
    endReason: play.endReason ?? null,
    source: play.source,
    requestedBy: play.requestedBy ?? null,
    listeners: play.listeners,
    skippedBy: play.skippedBy ?? null,
    likes: play.likes,
    dislikes: play.dislikes,
  };
}

function iso(at: number): string {
  return new Date(at).toISOString();
}
