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
