/** `GET /api/v1/guilds/:guildId/stats?days=7`: `days` 1-90 (more is served as 90). */
export interface StatsQuery {
  days?: number;
}

export interface DailyPlaysDto {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  plays: number;
}

export interface TopTrackDto {
  trackKey: string;
  title: string;
  artist: string;
  plays: number;
}

export interface TopArtistDto {
  artistKey: string;
  artist: string;
  plays: number;
}

export interface GuildStatsDto {
  days: number;
  since: string;
  /** Plays read (at most 20,000; `truncated` when there were more). */
  totalPlays: number;
  truncated: boolean;
  /** Every day of the span, oldest first, zero when nothing played. */
  playsPerDay: DailyPlaysDto[];
  topTracks: TopTrackDto[];
  topArtists: TopArtistDto[];
  /** Skipped plays of the ended ones, 0-1 (null when none ended). */
  skipRate: number | null;
  /** Autoplay discoveries: finished or liked vs skipped. */
  discovery: { played: number; accepted: number; skipped: number; acceptanceRate: number | null };
}
