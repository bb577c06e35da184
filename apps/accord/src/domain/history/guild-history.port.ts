import type { HistoryEntry } from '@accord/recommender';

/** One play of a guild, as the recommender reads it, with the names external sources need. */
export interface GuildHistoryEntry extends HistoryEntry {
  /** Display title of the song, when known (Last.fm and Deezer look songs up by name). */
  title?: string;
  artistName?: string;
  youtubeId?: string;
  /** Who asked for it, for requests. */
  requestedBy?: string;
}

/** "People who play X also play Y", counted over every guild of this instance. */
export interface CoListenedTrack {
  trackKey: string;
  artistKey: string;
  artistName: string;
  title: string;
  /** The seed track it was co-played with. */
  similarTo: string;
  /** In [0, 1] (e.g. shared listeners / (shared + shrink)). */
  strength: number;
  /** Listeners who played both, when known. */
  userIds?: string[];
  /** Scaled play count in this instance, in [0, 1]. */
  popularity?: number;
}

/**
 * What autoplay and the own-history candidate sources ask the listening memory: a guild's recent
 * plays and co-listening across guilds. History provides it as `GUILD_HISTORY`.
 */
export interface GuildHistoryPort {
  /** The guild's plays, newest first. */
  recentHistory(guildId: string, limit: number): Promise<GuildHistoryEntry[]>;
  /** Tracks most often played by the people who played `trackKeys` (any guild), best first. */
  coListened(trackKeys: string[], limit: number): Promise<CoListenedTrack[]>;
}

export const GUILD_HISTORY = Symbol('GUILD_HISTORY');
