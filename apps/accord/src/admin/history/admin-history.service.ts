import { Inject, Injectable } from '@nestjs/common';
import type { GuildStatsDto, HistoryPageDto, HistoryQuery, PlayDto, StatsQuery, TopArtistDto } from '@accord/contracts';
import { HistoryQueryService, MAX_GUILD_PLAYS_READ } from '../../history/history-query.service';
import type { PlayRecord } from '../../history/history.types';
import { CLOCK, type Clock } from '../../preferences/profiles/clock';
import { MAX_HISTORY_PAGE } from '../dto/history.dto';

const DAY_MS = 86_400_000;
const DEFAULT_PAGE = 50;
const DEFAULT_DAYS = 7;
const TOP = 10;

/** The panel's history (stored plays, paged) and stats (over the last N days, in memory, capped). */
@Injectable()
export class AdminHistoryService {
  constructor(
    private readonly history: HistoryQueryService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async page(guildId: string, query: HistoryQuery): Promise<HistoryPageDto> {
    const limit = Math.min(query.limit ?? DEFAULT_PAGE, MAX_HISTORY_PAGE);
    const plays = await this.history.guildPlays(
      guildId,
      {
        before: query.before ? new Date(query.before) : undefined,
        userId: query.userId,
        trackKey: query.trackKey,
        source: query.source,
        endReason: query.endReason,
      },
      limit,
    );
    const last = plays.at(-1);
    return { plays: plays.map(toPlayDto), nextBefore: plays.length === limit && last ? iso(last.startedAt) : null };
  }

  async stats(guildId: string, query: StatsQuery): Promise<GuildStatsDto> {
    const days = query.days ?? DEFAULT_DAYS;
    const now = this.clock.now().getTime();
    const firstDay = Math.floor(now / DAY_MS) - (days - 1);
    const since = new Date(firstDay * DAY_MS);
    const read = await this.history.guildPlays(guildId, { since }, MAX_GUILD_PLAYS_READ);
    // guildPlays reads at most MAX_GUILD_PLAYS_READ: a full read asks whether one more is left.
    const oldest = read.at(-1);
    const truncated =
      read.length === MAX_GUILD_PLAYS_READ && oldest !== undefined
        ? (await this.history.guildPlays(guildId, { since, before: oldest.startedAt }, 1)).length > 0
        : false;

    const perDay = new Map<string, number>();
    for (let day = 0; day < days; day += 1) perDay.set(dayOf(new Date((firstDay + day) * DAY_MS)), 0);
    const tracks = new Map<string, { trackKey: string; title: string; artist: string; plays: number }>();
    const artists = new Map<string, TopArtistDto>();
    let ended = 0;
    let skipped = 0;
    const discovery = { played: 0, accepted: 0, skipped: 0 };
    for (const play of read) {
      const day = dayOf(play.startedAt);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
      const track = tracks.get(play.trackKey) ?? {
        trackKey: play.trackKey,
        title: play.title,
        artist: play.artist,
        plays: 0,
      };
      track.plays += 1;
      tracks.set(play.trackKey, track);
      const artist = artists.get(play.artistKey) ?? { artistKey: play.artistKey, artist: play.artist, plays: 0 };
      artist.plays += 1;
      artists.set(play.artistKey, artist);
      if (play.endReason) ended += 1;
      if (play.endReason === 'skipped') skipped += 1;
      if (play.source === 'discovery') {
        discovery.played += 1;
        if (play.endReason === 'skipped') discovery.skipped += 1;
        else if (play.endReason === 'finished' || play.likes > 0) discovery.accepted += 1;
      }
    }
    const byPlays = <T extends { plays: number }>(items: Iterable<T>, key: (item: T) => string): T[] =>
      [...items].sort((a, b) => b.plays - a.plays || key(a).localeCompare(key(b))).slice(0, TOP);
    const judged = discovery.accepted + discovery.skipped;
    return {
      days,
      since: since.toISOString(),
      totalPlays: read.length,
      truncated,
      playsPerDay: [...perDay.entries()].map(([day, count]) => ({ day, plays: count })),
      topTracks: byPlays(tracks.values(), (item) => item.trackKey),
      topArtists: byPlays(artists.values(), (item) => item.artistKey),
      skipRate: ended > 0 ? round(skipped / ended) : null,
      discovery: { ...discovery, acceptanceRate: judged > 0 ? round(discovery.accepted / judged) : null },
    };
  }
}

function toPlayDto(play: PlayRecord): PlayDto {
  return {
    id: play.id,
    trackKey: play.trackKey,
    artistKey: play.artistKey,
    title: play.title,
    artist: play.artist,
    youtubeId: play.youtubeId ?? null,
    durationMs: play.durationMs,
    startedAt: iso(play.startedAt),
    endedAt: play.endedAt ? iso(play.endedAt) : null,
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

function iso(date: Date): string {
  return new Date(date).toISOString();
}

function dayOf(date: Date): string {
  return iso(date).slice(0, 10);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
