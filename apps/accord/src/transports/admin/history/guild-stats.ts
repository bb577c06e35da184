import {
  FITTING_PICK_MIN,
  type GuildStatsDto,
  type ListenerStatsDto,
  type TopArtistDto,
  type TopTrackDto,
} from '@accord/contracts';
import { DAY_MS, dayOf, type DayPlay } from '../../../domain/history/guild-day';

const TOP = 10;
const TOP_LISTENERS = 25;

/**
 * A guild's stats over `days` UTC days ending today, from the plays that started in them (read
 * from the day documents). Pure: `now` is an argument.
 */
export function summarizeStats(plays: readonly DayPlay[], days: number, now: number): GuildStatsDto {
  const firstDay = Math.floor(now / DAY_MS) - (days - 1);
  const since = firstDay * DAY_MS;
  const perDay = new Map<string, number>();
  for (let day = 0; day < days; day += 1) perDay.set(dayOf((firstDay + day) * DAY_MS), 0);
  const tracks = new Map<string, TopTrackDto>();
  const artists = new Map<string, TopArtistDto>();
  const listeners = new Map<string, ListenerStatsDto>();
  const listener = (userId: string): ListenerStatsDto => {
    let stats = listeners.get(userId);
    if (!stats) {
      stats = { userId, plays: 0, picks: 0, fittingPicks: 0, fittingShare: null };
      listeners.set(userId, stats);
    }
    return stats;
  };
  let total = 0;
  let ended = 0;
  let skipped = 0;
  const discovery = { played: 0, accepted: 0, skipped: 0 };
  for (const play of plays) {
    if (play.startedAt < since) continue;
    total += 1;
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
    for (const userId of new Set(play.listeners)) listener(userId).plays += 1;
    if ((play.source === 'autoplay' || play.source === 'discovery') && play.fits) {
      for (const { userId, fit } of play.fits) {
        const stats = listener(userId);
        stats.picks += 1;
        if (fit >= FITTING_PICK_MIN) stats.fittingPicks += 1;
      }
    }
  }
  for (const stats of listeners.values()) {
    stats.fittingShare = stats.picks > 0 ? round(stats.fittingPicks / stats.picks) : null;
  }
  const judged = discovery.accepted + discovery.skipped;
  return {
    days,
    since: new Date(since).toISOString(),
    totalPlays: total,
    truncated: false,
    playsPerDay: [...perDay.entries()].map(([day, count]) => ({ day, plays: count })),
    topTracks: ranked(tracks.values(), (item) => item.trackKey, TOP),
    topArtists: ranked(artists.values(), (item) => item.artistKey, TOP),
    skipRate: ended > 0 ? round(skipped / ended) : null,
    discovery: { ...discovery, acceptanceRate: judged > 0 ? round(discovery.accepted / judged) : null },
    listeners: ranked(listeners.values(), (item) => item.userId, TOP_LISTENERS),
  };
}

function ranked<T extends { plays: number }>(items: Iterable<T>, key: (item: T) => string, top: number): T[] {
  return [...items].sort((a, b) => b.plays - a.plays || key(a).localeCompare(key(b))).slice(0, top);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
