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

/**
 * One listener over the span. `plays`: plays they were present for (listed among the play's
 * listeners). Fitting picks: of autoplay's picks (sources `autoplay` and `discovery`) that recorded a
 * fit for them, the ones whose fit was at least `FITTING_PICK_MIN` (0.3): the relative fit, 0-1 of
 * the best the recommender could have chosen for that listener, from which it counts a pick as
 * serving them and names them in its explanation.
 */
export interface ListenerStatsDto {
  userId: string;
  plays: number;
  /** Autoplay picks with a fit recorded for this listener. */
  picks: number;
  /** Of those, the picks that fitted them (fit >= 0.3). */
  fittingPicks: number;
  /** fittingPicks / picks, 0-1 (null without picks). */
  fittingShare: number | null;
}

/** The fit from which a pick counts as fitting a listener (see `ListenerStatsDto`). */
export const FITTING_PICK_MIN = 0.3;

export interface GuildStatsDto {
  days: number;
  since: string;
  /** Every play that started in the span, the one playing now included. */
  totalPlays: number;
  /** Always false: every play of the span is counted (kept for older panels). */
  truncated: boolean;
  /** Every day of the span, oldest first, zero when nothing played. */
  playsPerDay: DailyPlaysDto[];
  topTracks: TopTrackDto[];
  topArtists: TopArtistDto[];
  /** Skipped plays of the ended ones, 0-1 (null when none ended). */
  skipRate: number | null;
  /** Autoplay discoveries: finished or liked vs skipped. */
  discovery: { played: number; accepted: number; skipped: number; acceptanceRate: number | null };
  /** Per listener (most plays first, at most 25): plays heard and the share of autoplay's picks that fitted them. */
  listeners: ListenerStatsDto[];
}
