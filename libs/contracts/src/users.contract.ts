export interface TasteEntryDto {
  id: string;
  name: string;
  weight: number;
}

/** `GET /api/v1/users/:userId` (owners): the same view as /profile. */
export interface UserProfileDto {
  userId: string;
  optedOut: boolean;
  exists: boolean;
  topArtists: TasteEntryDto[];
  topTags: TasteEntryDto[];
  playCount: number;
  likes: number;
  dislikes: number;
  discoveriesLiked: number;
}

/** `DELETE /api/v1/users/:userId` (owners): what /forget-me removed. */
export interface ForgetUserResultDto {
  userId: string;
  /** Plays the user was taken out of (they stay as anonymous guild history). */
  plays: number;
  feedback: number;
  profile: boolean;
}

/** A decayed taste weight as stored: `weight` as of `at` (it halves every 90 days from then). */
export interface ExportedTasteEntryDto {
  id: string;
  name: string;
  weight: number;
  at: string;
}

/** A liked or disliked song: its catalog key, "Artist - Title", and when. */
export interface ExportedMarkedTrackDto {
  trackKey: string;
  name: string;
  at: string;
}

export interface ExportedImportDto {
  kind: 'spotify' | 'lastfm' | 'playlist';
  label: string;
  tracks: number;
  artists: number;
  at: string;
}

/** The stored taste profile, whole (the `GET /users/:userId` view shows only its top ten). */
export interface ExportedProfileDto {
  displayName: string | null;
  playCount: number;
  discoveriesLiked: number;
  updatedAt: string | null;
  artists: ExportedTasteEntryDto[];
  tags: ExportedTasteEntryDto[];
  tracks: ExportedTasteEntryDto[];
  liked: ExportedMarkedTrackDto[];
  disliked: ExportedMarkedTrackDto[];
  imported: {
    artists: ExportedTasteEntryDto[];
    tags: ExportedTasteEntryDto[];
    tracks: ExportedTasteEntryDto[];
    sources: ExportedImportDto[];
  };
}

/** A linked Spotify account, without its tokens. */
export interface ExportedSpotifyAccountDto {
  spotifyUserId: string;
  displayName: string | null;
  scopes: string[];
  /** Playlists chosen for import (ids). */
  playlists: string[];
  linkedAt: string;
  lastImportAt: string | null;
}

export interface ExportedLastfmAccountDto {
  username: string;
  linkedAt: string;
  lastImportAt: string | null;
}

export interface ExportedFeedbackDto {
  guildId: string;
  trackKey: string;
  artistKey: string;
  kind: 'like' | 'dislike' | 'skip' | 'complete' | 'request';
  /** Stored weight (positive = liked). */
  weight: number;
  at: string;
  playId: string | null;
  source: 'request' | 'autoplay' | 'discovery' | 'import' | null;
}

/** A play the user took part in. Other people in it are not named. */
export interface ExportedPlayDto {
  id: string;
  guildId: string;
  trackKey: string;
  title: string;
  artist: string;
  youtubeId: string | null;
  startedAt: string;
  endedAt: string | null;
  endReason: 'finished' | 'skipped' | 'stopped' | 'error' | 'replaced' | null;
  source: 'request' | 'autoplay' | 'discovery' | 'import';
  /** How the user took part: present, asked for it, skipped it. */
  roles: Array<'listener' | 'requester' | 'skipper'>;
  /** How long the user heard it, in ms (null when they were not a recorded listener). */
  listenedMs: number | null;
  /** Autoplay's estimate of how well it fitted the user's taste, 0-1 (null for requests). */
  fit: number | null;
}

/** A capped list: the newest `items` (at most 10,000), `total` in the database. */
export interface ExportedListDto<T> {
  total: number;
  /** True when `total` is more than `items` holds. */
  truncated: boolean;
  items: T[];
}

/**
 * `GET /api/v1/users/:userId/export` (owners): what Accord stores about a user, the same data
 * `DELETE /users/:userId` (/forget-me) deletes or anonymises.
 */
export interface UserDataExportDto {
  userId: string;
  exportedAt: string;
  /** Opted out of being recorded (/privacy); kept after a delete so it stays honoured. */
  optedOut: boolean;
  /** Null when nothing is stored. */
  profile: ExportedProfileDto | null;
  linkedAccounts: { spotify: ExportedSpotifyAccountDto | null; lastfm: ExportedLastfmAccountDto | null };
  feedback: ExportedListDto<ExportedFeedbackDto>;
  plays: ExportedListDto<ExportedPlayDto>;
}
