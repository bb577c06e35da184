/** A catalog song (`GET /api/v1/tracks`, owners). */
export interface CatalogTrackDto {
  id: string;
  key: string;
  artist: string;
  title: string;
  youtubeId: string;
  durationMs: number;
  artworkUrl: string | null;
  pinnedBy: 'auto' | 'user';
  unavailable: boolean;
  /** Its last re-pins, newest first: which video it left, for which, and who chose it. */
  pinHistory: PinRecordDto[];
}

/** One re-pin of a song: by the catalog after a failed load, or by a person with /fix or on the panel. */
export interface PinRecordDto {
  at: string;
  fromYoutubeId: string;
  youtubeId: string;
  by: 'auto' | 'user';
  /** The person who chose the video; null for the catalog's own re-pins. */
  userId: string | null;
  /** Their name as Discord shows it now, when the bot has seen them. */
  userName: string | null;
  /** The server /fix was used in; null from the panel or the catalog. */
  guildId: string | null;
  guildName: string | null;
  via: 'discord' | 'panel' | null;
}

/** `GET /api/v1/tracks?q=`: songs whose "artist title" or title starts with `q`; `limit` 1-100. */
export interface TrackSearchQuery {
  q: string;
  limit?: number;
}

export interface TrackCandidateDto {
  youtubeId: string;
  title: string;
  author: string;
  durationMs: number;
  uri: string;
  score: number;
  reasons: string[];
  current: boolean;
}

export interface TrackCandidatesDto {
  track: CatalogTrackDto;
  candidates: TrackCandidateDto[];
}

/** `POST /api/v1/tracks/:trackId/pin`. */
export interface PinTrackRequest {
  youtubeId: string;
}

/** `POST /api/v1/tracks/merge`: `fromTrackId` is deleted; its aliases and plays lead to `toTrackId`. */
export interface MergeTracksRequest {
  fromTrackId: string;
  toTrackId: string;
}
