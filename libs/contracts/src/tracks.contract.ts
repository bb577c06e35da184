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
